/**
 * Controller figures for `npm run bench` (issue 3): CPU time of one plan on a 10-step canary,
 * end-to-end latency of one reconcile against the devcluster, and Kubernetes requests per
 * reconcile (reads and writes; no-op and acting), with 10 and with 10,000 other Rollouts stored.
 * The measurement itself is bench/reconcile-figures.ts, shared with the real backend.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../src/adapters/kube/index.js';
import { startDevCluster } from '../src/devcluster/index.js';
import {
  buildTargetRollout,
  formatReconcileRows,
  measureReconciles,
  type ReconcileFigures,
} from './reconcile-figures.js';

const ROUTING = {
  canaryService: 'target-canary',
  stableService: 'target-stable',
  trafficRouting: { nginx: { stableIngress: 'target' } },
};

/** With `routed`, the target is an NGINX-routed canary: its reconciles also read (and move) the canary Ingress. */
export async function benchControllerFigures(
  others: number,
  routed = false,
): Promise<ReconcileFigures> {
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
      ...buildTargetRollout(`other-${i}`, 'nginx:1.25'),
      spec: { ...buildTargetRollout(`other-${i}`, 'nginx:1.25').spec, replicas: 0 },
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
  cluster.api.create(
    roDef,
    'default',
    buildTargetRollout('target', 'nginx:1.25', routed ? ROUTING : undefined),
  );
  const kube = new KubeClient({ server: cluster.url });
  try {
    return await measureReconciles({
      kube,
      patchSpec: async (patch) =>
        void cluster.api.patch(roDef, 'default', 'target', 'merge', patch),
      patchStatus: async (patch) =>
        void cluster.api.patch(roDef, 'default', 'target', 'merge', patch, {
          subresource: 'status',
        }),
      readStepIndex: async () =>
        (cluster.api.get(roDef, 'default', 'target') as { status?: { currentStepIndex?: number } })
          .status?.currentStepIndex,
      settleWaitMs: 50,
    });
  } finally {
    await cluster.close();
  }
}

/** The figures of `benchControllerFigures` as rows of `npm run bench`. */
export async function benchController(
  others: number,
  routed = false,
): Promise<Array<[string, string]>> {
  const label = `${others} other Rollouts${routed ? ', NGINX-routed' : ''}`;
  return formatReconcileRows(await benchControllerFigures(others, routed), label);
}
