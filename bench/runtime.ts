/**
 * Runtime figures for `npm run bench` (issue 6): Worker bundle size and cold start, the cron
 * resync sweep over 10,000 Rollouts, and relay-to-status latency on Node.
 */
import { serve } from '@hono/node-server';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { parseAllDocuments } from 'yaml';
import { KubeClient, rolloutPath } from '../src/adapters/kube/index.js';
import { createController } from '../src/controller/controller.js';
import { executeSweepPages } from '../src/controller/dispatch/execute-resync.js';
import { planRolloutWakes } from '../src/controller/dispatch/plan-resync.js';
import { startDevCluster } from '../src/devcluster/index.js';
import { buildApp } from '../src/http/app.js';
import { startRelay } from '../functions/relay.js';

const root = resolve(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function workerBundle(): Promise<Array<[string, string]>> {
  const out = mkdtempSync(join(tmpdir(), 'bench-worker-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
      cwd: root,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
      stdio: 'ignore',
    });
    const file = readdirSync(out).find((f) => f.endsWith('.js'));
    if (!file) return [['Worker bundle', 'not built']];
    const code = readFileSync(join(out, file));
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const mf = new Miniflare({
        modules: true,
        script: code.toString('utf8'),
        compatibilityDate: '2026-04-01',
        compatibilityFlags: ['nodejs_compat'],
        durableObjects: { RECONCILER: { className: 'ReconcilerObject', useSQLite: true } },
      });
      const res = await mf.dispatchFetch('http://worker.test/healthz');
      await res.text();
      starts.push(performance.now() - t);
      await mf.dispose();
    }
    return [
      [
        'Worker bundle, raw / gzip (KiB)',
        `${(code.length / 1024).toFixed(0)} / ${(gzipSync(code).length / 1024).toFixed(0)}`,
      ],
      [
        'Worker cold start to first response, local workerd incl. process start (median ms)',
        median(starts).toFixed(0),
      ],
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function installCrds(cluster: Awaited<ReturnType<typeof startDevCluster>>): void {
  const def = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const dir = join(root, 'manifests/crds');
  for (const f of readdirSync(dir).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const d of parseAllDocuments(readFileSync(join(dir, f), 'utf8')))
      cluster.api.create(def, undefined, d.toJS());
  }
}

export const aRollout = (name: string, phase?: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name },
  spec: {
    replicas: 0,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] },
    },
    strategy: { canary: { steps: [{ setWeight: 50 }] } },
  },
  ...(phase ? { status: { phase } } : {}),
});

async function resyncSweep(count: number): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({ simulate: false });
  installCrds(cluster);
  await new Promise((r) => setTimeout(r, 20));
  const def = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
  for (let i = 0; i < count; i++) {
    const created = cluster.api.create(def, 'default', aRollout(`r-${i}`));
    // 1% need work; the rest report Healthy for their generation.
    if (i % 100 !== 0)
      cluster.api.update(
        def,
        'default',
        `r-${i}`,
        {
          ...created,
          status: { phase: 'Healthy', observedGeneration: String(created.metadata.generation) },
        },
        { subresource: 'status' },
      );
  }
  const kube = new KubeClient({ server: cluster.url });
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  let peak = heap0;
  let poked = 0;
  const t = performance.now();
  const report = await executeSweepPages(kube, rolloutPath(), planRolloutWakes, async (hints) => {
    poked += hints.length;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  });
  const ms = performance.now() - t;
  await cluster.close();
  return [
    [`resync sweep over ${count} Rollouts (ms)`, ms.toFixed(0)],
    [
      'resync sweep: pages / requests / Rollouts poked',
      `${report.pages} / ${kube.stats.reads + kube.stats.writes} / ${poked}`,
    ],
    [
      'resync sweep: heap growth while paging (MiB, includes the devcluster serving it)',
      ((peak - heap0) / 1048576).toFixed(1),
    ],
  ];
}

async function relayLatency(): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({ podReadySeconds: 0 });
  installCrds(cluster);
  await new Promise((r) => setTimeout(r, 20));
  const kube = new KubeClient({ server: cluster.url });
  const controller = createController({
    kube,
    fetch: (input, init) => fetch(input, init),
    timers: {
      now: () => Date.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
  const secret = 'bench-secret';
  const app = buildApp({
    runtime: 'node',
    version: 'bench',
    kubeHook: { secret, onHints: (h) => controller.onHints(h) },
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`;
  const relay = startRelay({
    kube: new KubeClient({ server: cluster.url }),
    target,
    secret,
    resources: ['/apis/argoproj.io/v1alpha1/rollouts', '/apis/apps/v1/replicasets', '/api/v1/pods'],
    batchMs: 20,
  });
  const def = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
  cluster.api.create(def, 'default', {
    ...aRollout('latency'),
    spec: { ...aRollout('latency').spec, replicas: 1 },
  });
  const waitFor = async (pred: () => boolean) => {
    const t0 = performance.now();
    while (!pred() && performance.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 2));
    return performance.now() - t0;
  };
  const status = () =>
    (
      cluster.api.get(def, 'default', 'latency') as {
        status?: { currentPodHash?: string; phase?: string };
      }
    ).status;
  await waitFor(() => status()?.phase === 'Healthy');
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = status()?.currentPodHash;
    cluster.api.patch(def, 'default', 'latency', 'merge', {
      spec: { template: { spec: { containers: [{ name: 'web', image: `nginx:1.${30 + i}` }] } } },
    });
    samples.push(await waitFor(() => status()?.currentPodHash !== before));
    await waitFor(() => status()?.phase === 'Paused');
  }
  await relay.stop();
  controller.stop();
  await new Promise<void>((r) => server.close(() => r()));
  await cluster.close();
  return [
    [
      'relay to status: spec change until the new status is written (median ms, relay batching 20 ms)',
      median(samples).toFixed(0),
    ],
  ];
}

export async function benchRuntime(): Promise<Array<[string, string]>> {
  return [
    ...(await workerBundle()),
    ...(await resyncSweep(Number(process.env.BENCH_SWEEP_ROLLOUTS ?? 10_000))),
    ...(await relayLatency()),
  ];
}
