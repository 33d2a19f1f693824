/**
 * Controller figures for `npm run bench` (issue 3): CPU time of one plan on a 10-step canary,
 * end-to-end latency of one reconcile against the devcluster, and Kubernetes requests per
 * reconcile (reads and writes; no-op and acting), with 10 and with 10,000 other Rollouts stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../src/adapters/kube/index.js';
import { loadRollout } from '../src/controller/load-rollout.js';
import { reconcileRollout } from '../src/controller/reconcile-rollout.js';
import { planRollout } from '../src/core/rollout/plan-rollout.js';
import { startDevCluster } from '../src/devcluster/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const ROUTING = {
  canaryService: 'target-canary',
  stableService: 'target-stable',
  trafficRouting: { nginx: { stableIngress: 'target' } },
};

function aRollout(name: string, image: string, routed = false) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name },
    spec: {
      replicas: 5,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image }] },
      },
      strategy: {
        canary: {
          ...(routed ? ROUTING : {}),
          steps: [
            { setWeight: 10 },
            { pause: {} },
            { setWeight: 20 },
            { pause: { duration: '1h' } },
            { setWeight: 40 },
            { pause: { duration: '1h' } },
            { setWeight: 60 },
            { pause: { duration: '1h' } },
            { setWeight: 80 },
            { pause: { duration: '1h' } },
          ],
        },
      },
    },
  };
}

/** With `routed`, the target is an NGINX-routed canary: its reconciles also read (and move) the canary Ingress. */
export async function benchController(
  others: number,
  routed = false,
): Promise<Array<[string, string]>> {
  const cluster = await startDevCluster({ podReadySeconds: 0 });
  const crdDef = cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const crdDir = resolve(import.meta.dirname, '../manifests/crds');
  for (const f of readdirSync(crdDir).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const d of parseAllDocuments(readFileSync(join(crdDir, f), 'utf8')))
      cluster.api.create(crdDef, undefined, d.toJS());
  }
  await new Promise((r) => setTimeout(r, 20));
  const roDef = cluster.api.resource('argoproj.io', 'v1alpha1', 'rollouts');
  for (let i = 0; i < others; i++)
    cluster.api.create(roDef, 'default', {
      ...aRollout(`other-${i}`, 'nginx:1.25'),
      spec: { ...aRollout(`other-${i}`, 'nginx:1.25').spec, replicas: 0 },
    });
  if (routed) {
    const svcDef = cluster.api.resource('', 'v1', 'services');
    for (const name of ['target-canary', 'target-stable'])
      cluster.api.create(svcDef, 'default', {
        metadata: { name },
        spec: { selector: { app: 'target' }, ports: [{ port: 80 }] },
      });
    const ingDef = cluster.api.resource('networking.k8s.io', 'v1', 'ingresses');
    cluster.api.create(ingDef, 'default', {
      metadata: { name: 'target' },
      spec: {
        rules: [
          {
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: 'target-stable', port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
  cluster.api.create(roDef, 'default', aRollout('target', 'nginx:1.25', routed));
  const kube = new KubeClient({ server: cluster.url });
  const ref = { namespace: 'default', name: 'target' };
  const reconcile = () => reconcileRollout({ kube, now: () => Date.now() }, ref);
  const settle = async () => {
    for (let i = 0; i < 50; i++) {
      const r = await reconcile();
      await new Promise((res) => setTimeout(res, 5));
      if (r.outcome === 'unchanged') return;
    }
  };
  await settle();
  await new Promise((r) => setTimeout(r, 100));
  await settle();
  // Update the template and walk to the indefinite pause: a 10-step canary mid-update.
  cluster.api.patch(roDef, 'default', 'target', 'merge', {
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
  });
  for (let i = 0; i < 5; i++) {
    await settle();
    await new Promise((r) => setTimeout(r, 50));
  }

  const observed = await loadRollout(kube, ref, Date.now());
  if (!observed) throw new Error('target rollout missing');
  const cpu: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = process.cpuUsage();
    planRollout(observed);
    const d = process.cpuUsage(t);
    cpu.push(d.user + d.system);
  }

  const before = { ...kube.stats };
  const noop: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const r = await reconcile();
    noop.push(performance.now() - t);
    if (r.outcome !== 'unchanged') throw new Error(`expected a no-op reconcile, got ${r.outcome}`);
  }
  const noopReads = (kube.stats.reads - before.reads) / 50;
  const noopWrites = (kube.stats.writes - before.writes) / 50;

  // Acting reconciles: promote from the pause, then time each reconcile until the step is reached.
  const acting: number[] = [];
  const actingStats = { reads: 0, writes: 0, n: 0 };
  for (let round = 0; round < 5; round++) {
    const ro = cluster.api.get(roDef, 'default', 'target') as {
      status?: { currentStepIndex?: number };
    };
    if (ro.status?.currentStepIndex !== 1) break;
    cluster.api.patch(
      roDef,
      'default',
      'target',
      'merge',
      { status: { pauseConditions: null } },
      { subresource: 'status' },
    );
    for (let i = 0; i < 10; i++) {
      const s0 = { ...kube.stats };
      const t = performance.now();
      const r = await reconcile();
      if (r.outcome === 'committed') {
        acting.push(performance.now() - t);
        actingStats.reads += kube.stats.reads - s0.reads;
        actingStats.writes += kube.stats.writes - s0.writes;
        actingStats.n++;
      }
      await new Promise((res) => setTimeout(res, 20));
      if (r.outcome === 'unchanged') break;
    }
    // Back to the pause step for the next round.
    cluster.api.patch(
      roDef,
      'default',
      'target',
      'merge',
      {
        status: {
          currentStepIndex: 1,
          pauseConditions: [
            {
              reason: 'CanaryPauseStep',
              startTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
            },
          ],
          controllerPause: true,
        },
      },
      { subresource: 'status' },
    );
    await settle();
  }
  await cluster.close();
  const label = `${others} other Rollouts${routed ? ', NGINX-routed' : ''}`;
  return [
    [`plan one reconcile of a 10-step canary, CPU (median µs) [${label}]`, median(cpu).toFixed(0)],
    [`no-op reconcile end to end (median ms) [${label}]`, median(noop).toFixed(2)],
    [
      `no-op reconcile Kubernetes requests, reads / writes [${label}]`,
      `${noopReads.toFixed(1)} / ${noopWrites.toFixed(1)}`,
    ],
    [
      `acting reconcile end to end (median ms, n=${actingStats.n}) [${label}]`,
      median(acting).toFixed(2),
    ],
    [
      `acting reconcile Kubernetes requests, reads / writes (mean) [${label}]`,
      actingStats.n
        ? `${(actingStats.reads / actingStats.n).toFixed(1)} / ${(actingStats.writes / actingStats.n).toFixed(1)}`
        : 'n/a',
    ],
  ];
}
