/**
 * Memory figures for `npm run bench` (issue 15): a 10,000-step Rollout updated again and again
 * while the controller reconciles it and a client watches it. The devcluster's watch log is
 * bounded in bytes as well as events, so heap and RSS level off instead of growing with every
 * update (before: 1.5 GB in 90 s).
 */
import { KubeClient } from '../src/adapters/kube/index.js';
import { loadRollout } from '../src/controller/load-rollout.js';
import { reconcileRollout } from '../src/controller/reconcile-rollout.js';
import { planRollout } from '../src/core/rollout/plan-rollout.js';
import { validateRolloutSpec } from '../src/core/rollout/validation/index.js';
import { startDevCluster } from '../src/devcluster/index.js';
import { installCrds } from './install-crds.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const MB = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

function memory(): { heap: number; rss: number } {
  global.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, rss: m.rss };
}

function aBigRollout(steps: number) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'big' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'big' } },
      template: {
        metadata: { labels: { app: 'big' } },
        spec: { containers: [{ name: 'web', image: 'nginx:0' }] },
      },
      strategy: {
        canary: {
          steps: Array.from({ length: steps }, (_, i) =>
            i % 2 ? { pause: { duration: 3600 } } : { setWeight: ((i / 2) % 100) + 1 },
          ),
        },
      },
    },
  };
}

/** `watchWindowBytes: Infinity` shows the devcluster as it was: a watch log capped by events only. */
export async function benchBigRollout(
  steps = Number(process.env.BENCH_BIG_STEPS ?? 10_000),
  updates = Number(process.env.BENCH_BIG_UPDATES ?? 60),
  watchWindowBytes?: number,
): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({
    podReadySeconds: 0,
    ...(watchWindowBytes ? { watchWindowBytes } : {}),
  });
  await installCrds(cluster);
  const kube = new KubeClient({ server: cluster.url });
  const path = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
  const ref = { namespace: 'default', name: 'big' };
  const body = aBigRollout(steps);
  const created = await fetch(`${cluster.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${await created.text()}`);
  const reconcile = () => reconcileRollout({ kube, now: () => Date.now() }, ref);
  for (let i = 0; i < 10 && (await reconcile()).outcome !== 'unchanged'; i++);

  // A client watching Rollouts all along (kubectl get -w, the relay), reading every event.
  const watch = new AbortController();
  let watchedBytes = 0;
  const watching = fetch(`${cluster.url}${path}?watch=true`, { signal: watch.signal })
    .then(async (res) => {
      for await (const chunk of res.body ?? []) watchedBytes += (chunk as Uint8Array).length;
    })
    .catch(() => undefined);

  const before = memory();
  let halfway: { heap: number; rss: number } | undefined;
  const updateMs: number[] = [];
  const reconcileMs: number[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= updates; i++) {
    const t = performance.now();
    const res = await fetch(`${cluster.url}${path}/big`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: JSON.stringify({
        spec: { template: { spec: { containers: [{ name: 'web', image: `nginx:${i}` }] } } },
      }),
    });
    await res.arrayBuffer();
    updateMs.push(performance.now() - t);
    for (let k = 0; k < 3; k++) {
      const r0 = performance.now();
      const r = await reconcile();
      reconcileMs.push(performance.now() - r0);
      if (r.outcome === 'unchanged') break;
    }
    if (i === Math.floor(updates / 2)) halfway = memory();
  }
  const seconds = (performance.now() - t0) / 1000;
  const after = memory();
  if (!halfway) throw new Error('no halfway figure');
  const log = cluster.api.store.logUsage;
  const observed = await loadRollout(kube, ref, Date.now());
  if (!observed) throw new Error('big rollout missing');
  const cpu = (fn: () => unknown) => {
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t);
      samples.push((d.user + d.system) / 1000);
    }
    return median(samples);
  };
  const planMs = cpu(() => planRollout(observed));
  const validateMs = cpu(() => validateRolloutSpec(observed.rollout));
  const stored = cluster.api.tryGet(
    cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts'),
    'default',
    'big',
  );
  watch.abort();
  await watching;
  await cluster.close();
  const label = `${steps}-step Rollout, ${updates} updates${watchWindowBytes === Infinity ? ', no byte cap' : ''}`;
  return [
    [
      `Rollout size: object / status as JSON (KiB) [${label}]`,
      `${(JSON.stringify(stored).length / 1024).toFixed(0)} / ${(JSON.stringify(stored?.status ?? {}).length / 1024).toFixed(1)}`,
    ],
    [
      `heap before → halfway → after the updates (MiB) [${label}]`,
      `${MB(before.heap)} → ${MB(halfway.heap)} → ${MB(after.heap)}`,
    ],
    [
      `RSS before → halfway → after the updates (MiB) [${label}]`,
      `${MB(before.rss)} → ${MB(halfway.rss)} → ${MB(after.rss)}`,
    ],
    [
      `watch log held: events / MiB of JSON (caps 50,000 / 16) [${label}]`,
      `${log.events} / ${MB(log.bytes)}`,
    ],
    [`watched by one client (MiB in ${seconds.toFixed(0)} s) [${label}]`, MB(watchedBytes)],
    [`HTTP merge-patch update of the Rollout (median ms) [${label}]`, median(updateMs).toFixed(1)],
    [`controller reconcile end to end (median ms) [${label}]`, median(reconcileMs).toFixed(1)],
    [
      `plan one reconcile, CPU / of which spec validation (median ms) [${label}]`,
      `${planMs.toFixed(1)} / ${validateMs.toFixed(1)}`,
    ],
  ];
}
