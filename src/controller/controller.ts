import {
  experimentPath,
  type KubeClient,
  KubeApiError,
  listOrEmpty,
  replicaSetPath,
  rolloutPath,
} from '../adapters/kube/index.js';
import { type Experiment, isCompletedExperimentPhase } from '../core/experiment/index.js';
import type { ReplicaSet, Rollout } from '../domain/index.js';
import type { Hint } from '../http/hooks/index.js';
import type { RolloutRef } from './load-rollout.js';
import { reconcileAnalysisRun } from './reconcile-analysis-run.js';
import { reconcileExperiment } from './reconcile-experiment.js';
import { reconcileRollout } from './reconcile-rollout.js';
import { metricProviders, type MetricProvider } from '../providers/metrics/index.js';
import { RolloutScheduler, type SchedulerTimers } from './rollout-scheduler.js';
import type { GitOps } from './gitops/gitops.js';
import { reconcileWithReport } from './gitops/reconcile-with-report.js';

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
  /** The resync sweep (DESIGN §3): finds Rollouts whose generation is unobserved or whose timers were lost. */
  resync(): Promise<number>;
  stop(): void;
}

/** The use cases wired to a scheduler: hints and sweeps in, serialised reconciles out. */
export function createController(opts: ControllerOptions): Controller {
  const log = opts.log ?? (() => undefined);
  const providers = opts.providers ?? metricProviders();
  const analysisDeps = {
    kube: opts.kube,
    now: () => opts.timers.now(),
    providers,
    fetch: opts.fetch,
    ...(opts.settings ? { settings: opts.settings } : {}),
  };
  const scheduler = new RolloutScheduler({
    reconcile: (ref) => {
      if (ref.kind === 'AnalysisRun') return reconcileAnalysisRun(analysisDeps, ref);
      if (ref.kind === 'GitSource') return syncAsReconcile(ref.name);
      if (ref.kind === 'Experiment')
        return reconcileExperiment({ kube: opts.kube, now: () => opts.timers.now() }, ref).then(
          ({ outcome, nextReconcileAt }) => ({
            outcome,
            ...(nextReconcileAt !== undefined ? { nextReconcileAt } : {}),
          }),
        );
      return timed(ref, () =>
        reconcileWithReport(
          () => reconcileRollout({ kube: opts.kube, now: () => opts.timers.now() }, ref),
          opts.gitops,
        ),
      );
    },
    timers: opts.timers,
    ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
    onError: (ref, e) =>
      log(`reconcile ${ref.namespace}/${ref.name} failed: ${(e as Error).message}`),
  });
  async function timed<T>(
    ref: { namespace: string; name: string },
    run: () => Promise<T>,
  ): Promise<T> {
    if (!opts.onReconciled) return run();
    const started = performance.now();
    try {
      const result = await run();
      opts.onReconciled(ref, (performance.now() - started) / 1000, false);
      return result;
    } catch (e) {
      opts.onReconciled(ref, (performance.now() - started) / 1000, true);
      throw e;
    }
  }

  async function syncAsReconcile(source: string) {
    if (!opts.gitops) return { outcome: 'gone' as const };
    const r = await opts.gitops.sync(source);
    if (r.outcome === 'gone') log(`gitops ${source}: ${r.reason}`);
    // A sync is done when it ran: the next push (or sweep) is what brings another.
    return { outcome: r.outcome === 'gone' ? ('gone' as const) : ('unchanged' as const) };
  }

  // Pods name their ReplicaSet; which Rollout (or Experiment) owns it never changes, so remember it.
  const rsOwner = new Map<string, RolloutRef | null>();

  async function ownerOf(namespace: string, rs: string): Promise<RolloutRef | undefined> {
    const k = `${namespace}/${rs}`;
    if (rsOwner.has(k)) return rsOwner.get(k) ?? undefined;
    try {
      const obj = await opts.kube.get<ReplicaSet>(replicaSetPath(namespace, rs));
      const ref = obj.metadata.ownerReferences?.find(
        (o) => o.controller && (o.kind === 'Rollout' || o.kind === 'Experiment'),
      );
      const owner: RolloutRef | null = ref
        ? {
            namespace,
            name: ref.name,
            ...(ref.kind === 'Experiment' ? { kind: 'Experiment' as const } : {}),
          }
        : null;
      if (rsOwner.size > 10_000) rsOwner.clear();
      rsOwner.set(k, owner);
      return owner ?? undefined;
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return undefined;
      throw e;
    }
  }

  return {
    scheduler,
    async onHints(hints) {
      for (const h of hints) {
        if (h.kind === 'Rollout') scheduler.enqueue({ namespace: h.namespace, name: h.name });
        else if (h.kind === 'GitSource')
          scheduler.enqueue({ kind: 'GitSource', namespace: h.namespace, name: h.name });
        else if (h.kind === 'AnalysisRun')
          scheduler.enqueue({ kind: 'AnalysisRun', namespace: h.namespace, name: h.name });
        else if (h.kind === 'Experiment')
          scheduler.enqueue({ kind: 'Experiment', namespace: h.namespace, name: h.name });
        else if (h.kind === 'ReplicaSet') {
          const owner = await ownerOf(h.namespace, h.name);
          if (owner) scheduler.enqueue(owner);
        } else if (h.kind === 'Deployment') {
          const { items } = await opts.kube.list<Rollout>(rolloutPath(h.namespace));
          for (const r of items)
            if (r.spec.workloadRef?.name === h.name)
              scheduler.enqueue({ namespace: h.namespace, name: r.metadata.name });
        }
      }
    },
    async resync() {
      const { items } = await opts.kube.list<Rollout>(rolloutPath());
      let queued = 0;
      for (const r of items) {
        const ref: RolloutRef = {
          namespace: r.metadata.namespace ?? 'default',
          name: r.metadata.name,
        };
        if (
          r.status?.observedGeneration !== String(r.metadata.generation) ||
          r.status?.phase !== 'Healthy'
        ) {
          scheduler.enqueue(ref);
          queued++;
        }
      }
      // Experiments still running, or finished but not yet scaled down, whose timers may be lost.
      for (const ex of await listOrEmpty<Experiment>(opts.kube, experimentPath())) {
        const done =
          isCompletedExperimentPhase(ex.status?.phase) &&
          !ex.status?.templateStatuses?.some((t) => t.replicas > 0);
        if (done) continue;
        scheduler.enqueue({
          kind: 'Experiment',
          namespace: ex.metadata.namespace ?? 'default',
          name: ex.metadata.name,
        });
        queued++;
      }
      return queued;
    },
    stop: () => scheduler.stop(),
  };
}
