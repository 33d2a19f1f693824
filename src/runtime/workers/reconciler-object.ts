import { DurableObject } from 'cloudflare:workers';
import {
  KubeClient,
  KubeApiError,
  replicaSetPath,
  rolloutPath,
} from '../../adapters/kube/index.js';
import { reconcileAnalysisRun } from '../../controller/reconcile-analysis-run.js';
import { reconcileExperiment } from '../../controller/reconcile-experiment.js';
import { reconcileRollout } from '../../controller/reconcile-rollout.js';
import type { ReplicaSet, Rollout } from '../../domain/index.js';
import type { Hint } from '../../http/hooks/index.js';
import { metricProviders } from '../../providers/metrics/index.js';
import { type AlarmPlan, type Attempt, planAfterReconcile, planPoke } from './alarm-plan.js';
import { type HintTarget, sendHints } from './send-hints.js';
import { parseWorkerConfig, type WorkerBindings } from './worker-config.js';
import { workerGitOps } from './worker-gitops.js';
import { reconcileWithReport } from '../../controller/gitops/reconcile-with-report.js';

export interface ReconcilerEnv extends WorkerBindings {
  RECONCILER: DurableObjectNamespace<ReconcilerObject>;
}

const HINT = 'hint';
const FAILURES = 'failures';
const providers = metricProviders();

/**
 * One object per `kind/namespace/name` (DESIGN §3, §6). A poke stores the hint and arms the alarm
 * for now; the alarm runs the reconcile and re-arms itself for the earliest wake-up (see
 * `planAfterReconcile`). Alarms are durable and retried by the runtime, so work is at-least-once;
 * reconciles are idempotent and guarded by resourceVersion, so a repeat is harmless.
 * Reconciles for one object never overlap: they run one after another on `chain`.
 */
export class ReconcilerObject extends DurableObject<ReconcilerEnv> {
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private pokedWhileRunning = false;

  /** A hint for this object: wake at once (never postpones an earlier alarm). */
  async poke(hint: Hint): Promise<void> {
    await this.ctx.storage.put(HINT, hint);
    if (this.running) {
      this.pokedWhileRunning = true;
      return;
    }
    await this.ctx.storage.setAlarm(planPoke(Date.now(), await this.ctx.storage.getAlarm()));
  }

  override async alarm(): Promise<void> {
    await this.serial(() => this.reconcileOnce(null));
  }

  /** Reconciles now, outside the alarm, keeping an earlier armed alarm (operators and tests). */
  async reconcileNow(): Promise<AlarmPlan | undefined> {
    return this.serial(async () => this.reconcileOnce(await this.ctx.storage.getAlarm()));
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async reconcileOnce(armedAt: number | null): Promise<AlarmPlan | undefined> {
    const storage = this.ctx.storage;
    const hint = await storage.get<Hint>(HINT);
    if (!hint) return undefined;
    const failures = (await storage.get<number>(FAILURES)) ?? 0;
    this.running = true;
    this.pokedWhileRunning = false;
    let attempt: Attempt;
    try {
      attempt = await this.execute(hint);
    } catch (e) {
      attempt = { error: e instanceof Error ? e.message : String(e) };
    } finally {
      this.running = false;
    }
    const plan = planAfterReconcile({
      now: Date.now(),
      attempt,
      failures,
      poked: this.pokedWhileRunning,
      armedAt,
    });
    this.pokedWhileRunning = false;
    if ('error' in attempt)
      console.warn(
        `reconcile ${hint.kind} ${hint.namespace}/${hint.name} failed: ${attempt.error}; ${plan.reason}`,
      );
    if (plan.forget) {
      await storage.deleteAlarm();
      await storage.deleteAll();
      return plan;
    }
    await storage.put(FAILURES, plan.failures);
    if (plan.alarmAt === null) await storage.deleteAlarm();
    else await storage.setAlarm(plan.alarmAt);
    return plan;
  }

  private async execute(hint: Hint): Promise<Attempt> {
    const config = parseWorkerConfig(this.env);
    if (!config.kube)
      throw new Error(`Kubernetes API not configured: ${config.problems.join('; ')}`);
    const kube = new KubeClient(config.kube);
    const now = () => Date.now();
    const ref = { namespace: hint.namespace, name: hint.name };
    switch (hint.kind) {
      case 'Rollout':
        return reconcileWithReport(() => reconcileRollout({ kube, now }, ref), this.gitops(kube));
      case 'GitSource': {
        const gitops = this.gitops(kube);
        if (!gitops) return { outcome: 'gone' };
        const result = await gitops.sync(hint.name);
        if (result.outcome === 'gone') console.warn(`gitops ${hint.name}: ${result.reason}`);
        return { outcome: result.outcome === 'gone' ? 'gone' : 'unchanged' };
      }
      case 'AnalysisRun':
        return reconcileAnalysisRun(
          {
            kube,
            now,
            providers,
            fetch: (input, init) => fetch(input, init),
            ...(config.providerSettings ? { settings: config.providerSettings } : {}),
          },
          { ...ref, kind: 'AnalysisRun' },
        );
      case 'ReplicaSet':
      case 'Deployment':
        // Routing objects keep no state: forward to the owning Rollouts' objects, then forget.
        await sendHints(
          this.env.RECONCILER as unknown as HintTarget,
          await this.loadOwners(kube, hint),
        );
        return { outcome: 'gone' };
      case 'Experiment': {
        const { outcome, nextReconcileAt } = await reconcileExperiment({ kube, now }, ref);
        return { outcome, ...(nextReconcileAt !== undefined ? { nextReconcileAt } : {}) };
      }
    }
  }

  private gitops(kube: KubeClient) {
    return workerGitOps(this.env, kube, (hints) =>
      sendHints(this.env.RECONCILER as unknown as HintTarget, hints),
    );
  }

  /** The Rollout or Experiment a ReplicaSet (its controller owner) wakes, or the Rollouts a Deployment (a workloadRef) does. */
  private async loadOwners(kube: KubeClient, hint: Hint): Promise<Hint[]> {
    const at = (name: string): Hint => ({ kind: 'Rollout', namespace: hint.namespace, name });
    if (hint.kind === 'Deployment') {
      const { items } = await kube.list<Rollout>(rolloutPath(hint.namespace));
      return items
        .filter((r) => r.spec.workloadRef?.name === hint.name)
        .map((r) => at(r.metadata.name));
    }
    try {
      const rs = await kube.get<ReplicaSet>(replicaSetPath(hint.namespace, hint.name));
      const owner = rs.metadata.ownerReferences?.find(
        (o) => o.controller && (o.kind === 'Rollout' || o.kind === 'Experiment'),
      );
      if (!owner) return [];
      return [
        owner.kind === 'Experiment'
          ? { kind: 'Experiment', namespace: hint.namespace, name: owner.name }
          : at(owner.name),
      ];
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound) return [];
      throw e;
    }
  }
}
