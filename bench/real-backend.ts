/**
 * The real backend in `npm run bench` (issue 16): the reconcile figures of bench/controller.ts on
 * kube-apiserver with 10 and with 10,000 other Rollouts (kwok pods), requests per reconcile on the
 * devcluster and on the real control plane side by side, and the resident memory of our built
 * controller while the 10,000 exist. Skipped, saying why, until the binaries are built.
 */
import { join } from 'node:path';
import { kubeClientFor } from '../functions/node-kube.js';
import { BUILD_COMMAND, findMissingBinaries } from '../functions/real-cluster/index.js';
import { startRealClusterBed } from '../test/support/real-cluster-bed.js';
import { benchControllerFigures } from './controller.js';
import {
  buildTargetRollout,
  formatReconcileRows,
  measureReconciles,
  type ReconcileFigures,
} from './reconcile-figures.js';
import { buildOurs, startOurs } from './vs-upstream/controllers.js';
import { measureSteadyState, waitUntilSettled } from './vs-upstream/measure.js';
import { createRollouts } from './vs-upstream/workload.js';

type Rows = Array<[string, string]>;

// The 10,000 (BENCH_REAL_OTHER_ROLLOUTS changes it): with the control plane's client
// limits raised (component-args.ts) a 2-core machine brings them up in minutes, not an hour.
const OTHERS = [10, Number(process.env.BENCH_REAL_OTHER_ROLLOUTS ?? 10_000)];
const WINDOW_MS = Number(process.env.BENCH_WINDOW_SECONDS ?? 60) * 1000;
const ROLLOUTS = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';

export async function benchRealBackend(): Promise<Rows> {
  const missing = await findMissingBinaries();
  if (missing.length > 0)
    return [['skipped', `${missing.join(', ')} not built; run ${BUILD_COMMAND}`]];
  const bed = await startRealClusterBed('bench-real', { controller: false });
  const { cluster } = bed;
  const entry = buildOurs(join(bed.dir, 'dist'));
  const rows: Rows = [];
  const real = new Map<number, ReconcileFigures>();
  try {
    let created = 0;
    for (const others of OTHERS) {
      await createRollouts(cluster.kube, created, others, 'nginx:1.25', 'default');
      created = others;
      // Our built controller brings the others up (kwok pods) and is measured while they exist.
      const controller = await startOurs(entry, cluster.kubeconfigPath);
      try {
        const probe = { kube: cluster.kube, user: '', namespace: 'default', controller };
        const settle = await waitUntilSettled(probe, others, 30 * 60_000);
        const steady = await measureSteadyState(probe, WINDOW_MS);
        rows.push(
          [
            `built controller: seconds until ${others} Rollouts are Healthy and it is quiet`,
            settle.toFixed(0),
          ],
          [`built controller: resident memory, ${others} Rollouts (MiB)`, steady.rssMiB.toFixed(1)],
          [
            `built controller: CPU seconds per minute, ${others} Rollouts`,
            steady.cpuSecondsPerMinute.toFixed(2),
          ],
        );
      } finally {
        await controller.stop();
      }
      // The reconcile figures, in this process, on a target of its own with no controller running.
      const kube = kubeClientFor(cluster.kube);
      const name = `target-${others}`;
      await kube.create(ROLLOUTS, buildTargetRollout(name, 'nginx:1.25'));
      const figures = await measureReconciles(
        {
          kube,
          patchSpec: async (patch) => void (await kube.mergePatch(`${ROLLOUTS}/${name}`, patch)),
          patchStatus: async (patch) =>
            void (await kube.mergePatch(`${ROLLOUTS}/${name}/status`, patch)),
          readStepIndex: async () =>
            (await kube.get<{ status?: { currentStepIndex?: number } }>(`${ROLLOUTS}/${name}`))
              .status?.currentStepIndex,
          settleWaitMs: 500,
        },
        name,
      );
      real.set(others, figures);
      rows.push(...formatReconcileRows(figures, `real, ${others} other Rollouts`));
    }
  } finally {
    await bed.close();
  }
  const dev = await benchControllerFigures(10);
  const onReal = real.get(10);
  if (onReal)
    rows.push(
      [
        'no-op reconcile requests, reads / writes: devcluster vs real (10 others)',
        `${dev.noopReads.toFixed(1)} / ${dev.noopWrites.toFixed(1)} vs ${onReal.noopReads.toFixed(1)} / ${onReal.noopWrites.toFixed(1)}`,
      ],
      [
        'acting reconcile requests, reads / writes (mean): devcluster vs real (10 others)',
        `${dev.actingReads.toFixed(1)} / ${dev.actingWrites.toFixed(1)} vs ${onReal.actingReads.toFixed(1)} / ${onReal.actingWrites.toFixed(1)}`,
      ],
    );
  return rows;
}
