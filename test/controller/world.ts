import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { type DispatchDeps, executeHint, planResync } from '../../src/controller/dispatch/index.js';
import type { ReconcileResult } from '../../src/controller/reconcile-rollout.js';
import type { Hint } from '../../src/domain/hint.js';
import { metricProviders } from '../../src/providers/metrics/index.js';
import type { AnalysisRun, Experiment, ReplicaSet, Rollout } from '../../src/domain/index.js';
import { type Harness, startHarness } from '../devcluster/harness.js';

const CRDS = resolve(import.meta.dirname, '../../manifests/crds');
const NS = '/apis/argoproj.io/v1alpha1/namespaces/default';
export const RO = `${NS}/rollouts`;

export interface World {
  h: Harness;
  kube: KubeClient;
  /** Reconciles until a pass changes nothing (or `max` passes), letting the simulators run between passes. */
  settle(name?: string, max?: number): Promise<ReconcileResult>;
  /** Moves time forward in steps, reconciling after each. */
  advance(ms: number, stepMs?: number, name?: string): Promise<void>;
  rollout(name?: string): Promise<Rollout>;
  /** Pods per pod-template-hash of the Rollout's ReplicaSets: `{ [hash]: podsReady }` and sizes. */
  replicaSets(name?: string): Promise<ReplicaSet[]>;
  /** canary/stable pod counts (spec.replicas of the current and stable ReplicaSets). */
  counts(name?: string): Promise<{ canary: number; stable: number; other: number }>;
  /** Creates the default canary Rollout and lets its first revision become Healthy. */
  deploy(spec?: Parameters<typeof aCanaryRollout>[1]): Promise<void>;
  /** What an image change or `undo` writes: the container image in spec.template. */
  setImage(image: string): Promise<unknown>;
  /** Merge patches of the Rollout's spec and status (how the plugin and kubectl write). */
  specPatch(spec: Record<string, unknown>): Promise<unknown>;
  statusPatch(status: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/** A devcluster on a manual clock with our CRDs, driven by calling the reconcile use case directly. */
export async function startWorld(
  defaultName = 'shop',
  extraDeps: Partial<DispatchDeps> = {},
): Promise<World> {
  const h = await startHarness({ podReadySeconds: 1 });
  const crdDef = h.cluster.api.resource('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  for (const f of readdirSync(CRDS).filter(
    (x) => x.endsWith('.yaml') && x !== 'kustomization.yaml',
  )) {
    for (const doc of parseAllDocuments(readFileSync(join(CRDS, f), 'utf8')))
      h.cluster.api.create(crdDef, undefined, doc.toJS());
  }
  await h.settle();
  const kube = new KubeClient({ server: h.url });
  // The same dispatcher and resync plan the Node and Workers runtimes use (src/controller/dispatch).
  const deps: DispatchDeps = {
    kube,
    now: () => h.clock.now(),
    providers: metricProviders(),
    fetch: (input: string, init?: RequestInit) => fetch(input, init),
    ...extraDeps,
  };
  const ref = (name = defaultName) => ({ namespace: 'default', name });
  /** Runs one hint, lets the simulators react, and says whether it changed anything. */
  const wake = async (hint: Hint) => {
    const r = await executeHint(deps, hint);
    await h.settle();
    return r.outcome === 'committed';
  };
  const w: World = {
    h,
    kube,
    async settle(name, max = 60) {
      let last: ReconcileResult = { outcome: 'unchanged' };
      for (let i = 0; i < max; i++) {
        last = await executeHint(deps, { kind: 'Rollout', ...ref(name) });
        await h.settle();
        // What a resync would wake besides Rollouts, as their own timers would: Experiments (a
        // Rollout's experiment step creates them), then AnalysisRuns with measurements due.
        let runsChanged = false;
        const experiments = (await kube.list<Experiment>(`${NS}/experiments`)).items;
        for (const hint of planResync({ experiments }))
          runsChanged = (await wake(hint)) || runsChanged;
        const analysisRuns = (await kube.list<AnalysisRun>(`${NS}/analysisruns`)).items;
        for (const hint of planResync({ analysisRuns }))
          runsChanged = (await wake(hint)) || runsChanged;
        if ((last.outcome === 'unchanged' || last.outcome === 'gone') && !runsChanged) return last;
      }
      throw new Error(`rollout did not settle in ${max} passes: ${last.plan?.reason ?? ''}`);
    },
    async advance(ms, stepMs = 500, name) {
      for (let t = 0; t < ms; t += stepMs) {
        h.clock.advance(Math.min(stepMs, ms - t));
        await h.settle();
        await w.settle(name);
      }
    },
    rollout: (name) =>
      kube.get<Rollout>(
        `/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/${name ?? defaultName}`,
      ),
    async replicaSets(name) {
      const all = (await kube.list<ReplicaSet>('/apis/apps/v1/namespaces/default/replicasets'))
        .items;
      return all.filter((rs) =>
        rs.metadata.ownerReferences?.some(
          (o) => o.name === (name ?? defaultName) && o.kind === 'Rollout',
        ),
      );
    },
    async counts(name) {
      const ro = await w.rollout(name);
      const rss = await w.replicaSets(name);
      const hash = (rs: ReplicaSet) => rs.metadata.labels?.['rollouts-pod-template-hash'];
      const size = (rs: ReplicaSet | undefined) => rs?.spec.replicas ?? 0;
      const canary = rss.find((rs) => hash(rs) === ro.status?.currentPodHash);
      const stable = rss.find((rs) => hash(rs) === ro.status?.stableRS);
      const other = rss
        .filter((rs) => rs !== canary && rs !== stable)
        .reduce((n, rs) => n + size(rs), 0);
      return canary === stable
        ? { canary: 0, stable: size(stable), other }
        : { canary: size(canary), stable: size(stable), other };
    },
    async deploy(spec = {}) {
      await h.req('POST', RO, aCanaryRollout(defaultName, spec));
      await w.settle();
      await w.advance(2000);
    },
    setImage: (image) =>
      h.req(
        'PATCH',
        `${RO}/${defaultName}`,
        { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } },
        'application/merge-patch+json',
      ),
    specPatch: (spec) =>
      h.req('PATCH', `${RO}/${defaultName}`, { spec }, 'application/merge-patch+json'),
    statusPatch: (status) =>
      h.req('PATCH', `${RO}/${defaultName}/status`, { status }, 'application/merge-patch+json'),
    close: () => h.close(),
  };
  return w;
}

export function aCanaryRollout(
  name: string,
  opts: {
    replicas?: number;
    image?: string;
    steps?: unknown[];
    maxSurge?: number | string;
    maxUnavailable?: number | string;
    progressDeadlineSeconds?: number;
    progressDeadlineAbort?: boolean;
  } = {},
) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: opts.replicas ?? 5,
      revisionHistoryLimit: 2,
      ...(opts.progressDeadlineSeconds
        ? { progressDeadlineSeconds: opts.progressDeadlineSeconds }
        : {}),
      ...(opts.progressDeadlineAbort ? { progressDeadlineAbort: true } : {}),
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: opts.image ?? 'registry.example/shop:v1' }] },
      },
      strategy: {
        canary: {
          ...(opts.maxSurge !== undefined ? { maxSurge: opts.maxSurge } : {}),
          ...(opts.maxUnavailable !== undefined ? { maxUnavailable: opts.maxUnavailable } : {}),
          steps: opts.steps ?? [
            { setWeight: 20 },
            { pause: {} },
            { setWeight: 40 },
            { pause: { duration: 10 } },
            { setWeight: 60 },
            { pause: { duration: 10 } },
            { setWeight: 80 },
            { pause: { duration: 10 } },
          ],
        },
      },
    },
  };
}
