import { DurableObject } from 'cloudflare:workers';
import { executeHint } from '../../controller/dispatch/execute-hint.js';
import type { Hint } from '../../domain/hint.js';
import { type AlarmPlan, type Attempt, planAfterReconcile, planPoke } from './alarm-plan.js';
import { composeWorker } from './compose.js';
import { withThreadStorage } from './durable-threads.js';
import type { WorkerBindings } from './worker-config.js';

export interface ReconcilerEnv extends WorkerBindings {
  RECONCILER: DurableObjectNamespace<ReconcilerObject>;
}

const HINT = 'hint';
const FAILURES = 'failures';

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
      // Slack threads of the notifications this reconcile sends live in this object's storage.
      attempt = await withThreadStorage(storage, () => this.execute(hint));
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
      jitter: Math.random(),
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
    // Configuration and dependencies come from the isolate's composition (compose.ts).
    const { dispatch, send, problems } = composeWorker(this.env);
    if (!dispatch) throw new Error(`Kubernetes API not configured: ${problems.join('; ')}`);
    const result = await executeHint(dispatch, hint);
    // An owner lookup keeps no state: it forwards to the owners' objects, then is forgotten.
    if (result.wake?.length) await send(result.wake);
    const { outcome, nextReconcileAt } = result;
    return { outcome, ...(nextReconcileAt !== undefined ? { nextReconcileAt } : {}) };
  }
}
