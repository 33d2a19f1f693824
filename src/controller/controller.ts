import type { KubeClient } from '../adapters/kube/index.js';
import type { Hint } from '../domain/hint.js';
import { metricProviders, type MetricProvider } from '../providers/metrics/index.js';
import {
  type DispatchDeps,
  executeHint,
  executeResync,
  loadOwners,
  planDispatch,
} from './dispatch/index.js';
import type { FleetReleases } from './fleet/fleet-releases.js';
import type { GitOps } from './gitops/gitops.js';
import type { Notifier } from './notifications/notifier.js';
import { isOwnEcho, OwnWrites, recordOwnWrites, type ObjectVersion } from './own-writes.js';
import { RolloutScheduler, type SchedulerTimers } from './rollout-scheduler.js';

export interface ControllerOptions {
  kube: KubeClient;
  timers: SchedulerTimers;
  concurrency?: number;
  log?: (line: string) => void;
  /** Metric providers by key (default: all of them). */
  providers?: ReadonlyMap<string, MetricProvider>;
  /** How metric providers reach their endpoints; no default, so the network is always the composition's choice. */
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Controller settings providers read (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, AWS_REGION…), parsed at start-up. */
  settings?: Record<string, string>;
  /** GitOps through GitHub (issue 7): syncs `GitSource` refs and reports after each Rollout reconcile. */
  gitops?: GitOps;
  /** Fleet releases (issue 21): steps `Release` hints; the resync sweep wakes unfinished ones. */
  releases?: FleetReleases;
  /** Notifications (issue 20): after each committed Rollout reconcile. */
  notifier?: Notifier;
  /** Told after every Rollout reconcile how long it took and whether it failed (the `rollout_reconcile` metrics). */
  onReconciled?: (
    ref: { namespace: string; name: string },
    seconds: number,
    failed: boolean,
  ) => void;
}

export interface Controller {
  scheduler: RolloutScheduler;
  /** What `POST /hooks/kube` hands over: names to re-read, never state. */
  onHints(hints: Hint[]): Promise<void>;
  /** The resync sweep (DESIGN §3): wakes Rollouts, Experiments and AnalysisRuns whose timers may be lost. */
  resync(): Promise<number>;
  /** A watch event that only echoes a write of ours the scheduler looks past anyway (`own-writes.ts`). */
  isOwnEcho(event: { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: ObjectVersion }): boolean;
  stop(): void;
}

/**
 * The Node runtime's use of the shared dispatcher (`./dispatch/`): hints go into a keyed scheduler
 * that serialises them per object and turns `nextReconcileAt` into timers; the scheduler runs
 * `executeHint`. Owner lookups (a Pod's ReplicaSet, a Deployment) run before enqueueing, so a
 * failing lookup fails the delivery and the relay sends it again.
 */
export function createController(opts: ControllerOptions): Controller {
  const log = opts.log ?? (() => undefined);
  const deps: DispatchDeps = {
    kube: opts.kube,
    now: () => opts.timers.now(),
    providers: opts.providers ?? metricProviders(),
    fetch: opts.fetch,
    log,
    ownerCache: new Map(),
    ...(opts.settings ? { settings: opts.settings } : {}),
    ...(opts.gitops ? { gitops: opts.gitops } : {}),
    ...(opts.releases ? { releases: opts.releases } : {}),
    ...(opts.notifier ? { notifier: opts.notifier } : {}),
    ...(opts.onReconciled ? { onReconciled: opts.onReconciled } : {}),
  };
  const ownWrites = new OwnWrites();
  const scheduler = new RolloutScheduler({
    reconcile: (ref) => {
      const kind = ref.kind ?? 'Rollout';
      const kube = kind === 'Rollout' ? recordOwnWrites(deps.kube, ref, ownWrites) : deps.kube;
      return executeHint({ ...deps, kube }, { ...ref, kind });
    },
    timers: opts.timers,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    onError: (ref, e) =>
      log(`reconcile ${ref.namespace}/${ref.name} failed: ${(e as Error).message}`),
  });

  return {
    scheduler,
    async onHints(hints) {
      for (const hint of hints) {
        const plan = planDispatch(hint);
        if ('ref' in plan) scheduler.enqueue(plan.ref);
        else for (const owner of await loadOwners(deps, plan)) scheduler.enqueue(owner);
      }
    },
    async resync() {
      const report = await executeResync(opts.kube, (hints) => {
        for (const h of hints) scheduler.enqueue(h);
      });
      const releases = (await opts.releases?.unfinished()) ?? [];
      for (const h of releases) scheduler.enqueue(h);
      return report.woken + releases.length;
    },
    isOwnEcho: (event) => isOwnEcho(event, ownWrites),
    stop: () => scheduler.stop(),
  };
}
