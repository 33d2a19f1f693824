import { replicaSetPath, rolloutPath } from '../../adapters/kube/index.js';
import type { Hint, ReconcileHint } from '../../domain/hint.js';
import type { ReplicaSet, Rollout } from '../../domain/index.js';
import type { FleetReleases } from '../fleet/fleet-releases.js';
import type { GitOps } from '../gitops/gitops.js';
import { reconcileWithReport } from '../gitops/reconcile-with-report.js';
import type { Notifier } from '../notifications/notifier.js';
import { type AnalysisDeps, reconcileAnalysisRun } from '../reconcile-analysis-run.js';
import { reconcileExperiment } from '../reconcile-experiment.js';
import { reconcileRollout, type ReconcileResult } from '../reconcile-rollout.js';
import {
  type Dispatch,
  planDispatch,
  planReplicaSetOwners,
  planWorkloadRefOwners,
} from './plan-dispatch.js';

/** What the use cases need (a Rollout reconcile reads only `kube` and `now`), and the extras. */
export interface DispatchDeps extends AnalysisDeps {
  /** GitOps (issue 7): syncs `GitSource` hints and reports after each Rollout reconcile. */
  gitops?: GitOps;
  /** Fleet releases (issue 21): steps `Release` hints. */
  releases?: FleetReleases;
  log?: (line: string) => void;
  /** Notifications (issue 20): told of each committed Rollout reconcile; never fails or delays it on a send. */
  notifier?: Notifier;
  /** Told how long each Rollout reconcile took and whether it failed (`rollout_reconcile` metrics). */
  onReconciled?: (ref: ReconcileHint, seconds: number, failed: boolean) => void;
  /**
   * ReplicaSet → owner, remembered by a long-lived process: a controller owner never changes and
   * every Pod event names its ReplicaSet again.
   */
  ownerCache?: Map<string, ReconcileHint[]>;
}

/** A use case's result; an owner lookup ends as `gone` and names the hints to `wake` instead. */
export type DispatchResult = ReconcileResult & { wake?: ReconcileHint[] };

const OWNER_CACHE_LIMIT = 10_000;

/**
 * Runs what `planDispatch` says for one hint. The runtime around it only serialises and retries:
 * a Node scheduler entry, a Durable Object alarm, or the test world's loop.
 */
export async function executeHint(deps: DispatchDeps, hint: Hint): Promise<DispatchResult> {
  const plan = planDispatch(hint);
  switch (plan.use) {
    case 'reconcileRollout':
      return timed(deps, plan.ref, async () => {
        const result = await reconcileWithReport(
          () => reconcileRollout(deps, plan.ref),
          deps.gitops,
        );
        await deps.notifier?.afterReconcile(deps.kube, result, deps.now());
        return result;
      });
    case 'reconcileAnalysisRun':
      return reconcileAnalysisRun(deps, plan.ref);
    case 'reconcileExperiment': {
      const { outcome, nextReconcileAt } = await reconcileExperiment(deps, plan.ref);
      return { outcome, ...(nextReconcileAt !== undefined ? { nextReconcileAt } : {}) };
    }
    case 'syncGitSource': {
      if (!deps.gitops) return { outcome: 'gone' };
      const r = await deps.gitops.sync(plan.ref.name);
      if (r.outcome === 'gone') deps.log?.(`gitops ${plan.ref.name}: ${r.reason}`);
      // A sync is done when it ran: the next push (or sweep) is what brings another.
      return { outcome: r.outcome === 'gone' ? 'gone' : 'unchanged' };
    }
    case 'stepRelease':
      return deps.releases ? deps.releases.step(plan.ref) : { outcome: 'gone' };
    case 'findReplicaSetOwner':
    case 'findWorkloadRefOwners':
      return { outcome: 'gone', wake: await loadOwners(deps, plan) };
  }
}

/** The hints an owner lookup wakes (see `planReplicaSetOwners`, `planWorkloadRefOwners`). */
export async function loadOwners(
  deps: Pick<DispatchDeps, 'kube' | 'ownerCache'>,
  lookup: Extract<Dispatch, { namespace: string }>,
): Promise<ReconcileHint[]> {
  const { kube, ownerCache } = deps;
  const { namespace, name } = lookup;
  if (lookup.use === 'findWorkloadRefOwners') {
    const { items } = await kube.list<Rollout>(rolloutPath(namespace));
    return planWorkloadRefOwners(namespace, name, items);
  }
  const key = `${namespace}/${name}`;
  const known = ownerCache?.get(key);
  if (known) return known;
  const readOwners = async () => {
    const rs = await kube.find<ReplicaSet>(replicaSetPath(namespace, name));
    const owners = planReplicaSetOwners(namespace, rs);
    // A ReplicaSet not found yet may still appear with its owner: only answers from a real one stick.
    if (ownerCache && rs) {
      if (ownerCache.size >= OWNER_CACHE_LIMIT) ownerCache.clear();
      ownerCache.set(key, owners);
    }
    return owners;
  };
  if (!ownerCache) return readOwners();
  return shareLookup(ownerCache, key, readOwners);
}

/**
 * Lookups in flight, per owner cache. A Pod's events and its ReplicaSet's arrive in separate
 * deliveries, handled concurrently: at a controller's start (the relay's first lists) each
 * ReplicaSet was read about ten times at once before the first answer filled the cache
 * (bench/vs-upstream, 1,000 Rollouts). Concurrent lookups of one key now share one read.
 */
const inFlight = new WeakMap<object, Map<string, Promise<ReconcileHint[]>>>();

function shareLookup(
  cache: object,
  key: string,
  lookup: () => Promise<ReconcileHint[]>,
): Promise<ReconcileHint[]> {
  let pending = inFlight.get(cache);
  if (!pending) inFlight.set(cache, (pending = new Map()));
  const running = pending.get(key);
  if (running) return running;
  const started = lookup();
  pending.set(key, started);
  const forget = () => void pending.delete(key);
  started.then(forget, forget);
  return started;
}

async function timed(
  deps: DispatchDeps,
  ref: ReconcileHint,
  run: () => Promise<ReconcileResult>,
): Promise<ReconcileResult> {
  const report = deps.onReconciled;
  if (!report) return run();
  const started = performance.now();
  try {
    const result = await run();
    report(ref, (performance.now() - started) / 1000, false);
    return result;
  } catch (e) {
    report(ref, (performance.now() - started) / 1000, true);
    throw e;
  }
}
