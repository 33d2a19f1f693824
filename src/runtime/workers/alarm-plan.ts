import { planBackoff } from '../../controller/dispatch/backoff-plan.js';
import type { ReconcileOutcome } from '../../controller/reconcile-rollout.js';

/** What one reconcile attempt came to: the use case's result, or the error it threw. */
export type Attempt = { outcome: ReconcileOutcome; nextReconcileAt?: number } | { error: string };

export interface AfterReconcileInput {
  now: number;
  attempt: Attempt;
  /** Consecutive failed attempts before this one. */
  failures: number;
  /** A hint arrived while the reconcile ran: look again at once. */
  poked: boolean;
  /** The alarm already armed (outside the alarm handler), or null. */
  armedAt: number | null;
  /** In [0, 1]: how much of the retry wait to take off (see `planBackoff`); 0 when absent. */
  jitter?: number;
}

export interface AlarmPlan {
  /** When to wake next; null = no alarm. */
  alarmAt: number | null;
  failures: number;
  /** The object is gone and nothing is pending: drop the stored hint. */
  forget: boolean;
  reason: string;
}

/** Earliest of the given times, ignoring absent ones; null when there are none. */
export function earliest(...times: Array<number | null | undefined>): number | null {
  const set = times.filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return set.length ? Math.min(...set) : null;
}

/** Retry delay after `failures` consecutive failures, without jitter: the shared plan's cap. */
export function backoffMs(failures: number): number {
  return planBackoff(failures, 0);
}

/**
 * After a reconcile: when the Durable Object's alarm (its "requeue after" timer, DESIGN §3) should
 * fire next. The earliest wake-up wins; an earlier extra wake-up is harmless because reconciles are
 * idempotent. A commit or a lost race looks again at once (the new state may allow the next step);
 * an error retries with backoff instead of rethrowing, so the runtime's own alarm retries do not
 * double it.
 */
export function planAfterReconcile(input: AfterReconcileInput): AlarmPlan {
  const { now, attempt, poked, armedAt } = input;
  const soon = poked ? now : null;
  if ('error' in attempt) {
    const failures = input.failures + 1;
    const at = earliest(armedAt, soon, now + planBackoff(failures, input.jitter ?? 0));
    return {
      alarmAt: at,
      failures,
      forget: false,
      reason: `retry after error (${failures} in a row)`,
    };
  }
  switch (attempt.outcome) {
    case 'gone': {
      const at = earliest(armedAt, soon);
      return { alarmAt: at, failures: 0, forget: at === null, reason: 'object is gone' };
    }
    case 'conflict':
      return { alarmAt: now, failures: 0, forget: false, reason: 'lost a race: re-plan at once' };
    case 'committed':
      return { alarmAt: now, failures: 0, forget: false, reason: 'committed: look again' };
    case 'unchanged': {
      const at = earliest(armedAt, soon, attempt.nextReconcileAt);
      return {
        alarmAt: at,
        failures: 0,
        forget: false,
        reason: at === null ? 'settled: no timer' : 'settled: wake at the next deadline',
      };
    }
  }
}

/** A hint arriving: wake at once unless an alarm is already due no later. A poke never postpones. */
export function planPoke(now: number, armedAt: number | null): number {
  return earliest(armedAt, now) ?? now;
}
