/**
 * The controller's reconcile figures (issue 3; issue 16 on the real backend): CPU time of one
 * plan of a 10-step canary mid-update, end-to-end latency of a no-op and of an acting reconcile,
 * and Kubernetes requests per reconcile, measured the same way on any backend through a
 * `ReconcileBed`: the devcluster (bench/controller.ts) or the real control plane
 * (bench/real-backend.ts).
 */
import type { KubeClient } from '../src/adapters/kube/index.js';
import { loadRollout } from '../src/controller/load-rollout.js';
import { reconcileRollout } from '../src/controller/reconcile-rollout.js';
import { planRollout } from '../src/core/rollout/plan-rollout.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How the measurement reaches the target Rollout on one backend. */
export interface ReconcileBed {
  kube: KubeClient;
  patchSpec(patch: object): Promise<void>;
  patchStatus(patch: object): Promise<void>;
  readStepIndex(): Promise<number | undefined>;
  /** Wait between settling reconciles: pods need it on the real backend. */
  settleWaitMs: number;
}

export interface ReconcileFigures {
  planCpuMicros: number;
  noopMs: number;
  noopReads: number;
  noopWrites: number;
  actingMs: number;
  acting: number;
  actingReads: number;
  actingWrites: number;
}

export function buildTargetRollout(name: string, image: string, routing?: object) {
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
          ...routing,
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

/** Brings `default/<name>` (created at nginx:1.25) to its indefinite pause on nginx:1.26, then measures. */
export async function measureReconciles(
  bed: ReconcileBed,
  name = 'target',
): Promise<ReconcileFigures> {
  const { kube } = bed;
  const ref = { namespace: 'default', name };
  const reconcile = () => reconcileRollout({ kube, now: () => Date.now() }, ref);
  const settle = async () => {
    for (let i = 0; i < 50; i++) {
      const r = await reconcile();
      await sleep(5);
      if (r.outcome === 'unchanged') return;
    }
  };
  await settle();
  await sleep(100);
  await settle();
  // Update the template and walk to the indefinite pause: a 10-step canary mid-update.
  await bed.patchSpec({
    spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } },
  });
  for (let i = 0; i < 5 || ((await bed.readStepIndex()) !== 1 && i < 60); i++) {
    await settle();
    await sleep(bed.settleWaitMs);
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
    if ((await bed.readStepIndex()) !== 1) break;
    await bed.patchStatus({ status: { pauseConditions: null } });
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
      await sleep(20);
      if (r.outcome === 'unchanged') break;
    }
    // Back to the pause step for the next round.
    await bed.patchStatus({
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
    });
    await settle();
  }
  const n = Math.max(actingStats.n, 1);
  return {
    planCpuMicros: median(cpu),
    noopMs: median(noop),
    noopReads,
    noopWrites,
    actingMs: median(acting),
    acting: actingStats.n,
    actingReads: actingStats.reads / n,
    actingWrites: actingStats.writes / n,
  };
}

export function formatReconcileRows(f: ReconcileFigures, label: string): Array<[string, string]> {
  return [
    [
      `plan one reconcile of a 10-step canary, CPU (median µs) [${label}]`,
      f.planCpuMicros.toFixed(0),
    ],
    [`no-op reconcile end to end (median ms) [${label}]`, f.noopMs.toFixed(2)],
    [
      `no-op reconcile Kubernetes requests, reads / writes [${label}]`,
      `${f.noopReads.toFixed(1)} / ${f.noopWrites.toFixed(1)}`,
    ],
    [`acting reconcile end to end (median ms, n=${f.acting}) [${label}]`, f.actingMs.toFixed(2)],
    [
      `acting reconcile Kubernetes requests, reads / writes (mean) [${label}]`,
      f.acting ? `${f.actingReads.toFixed(1)} / ${f.actingWrites.toFixed(1)}` : 'n/a',
    ],
  ];
}
