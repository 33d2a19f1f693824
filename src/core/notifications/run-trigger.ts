import { ExprError } from '../analysis/expr/index.js';
import {
  compileTriggerExpr,
  evaluateTriggerExpr,
  formatOncePer,
  type TriggerVars,
} from './trigger-expr.js';
import type { Trigger, TriggerCondition } from './types.js';

/** What one condition of a trigger gave: whether it sends, its `oncePer` value, or why it could not run. */
export interface ConditionResult {
  condition: TriggerCondition;
  /** `trigger.<name>[i]`, the key its problems are listed under. */
  key: string;
  triggered: boolean;
  oncePer?: string;
  problem?: { key: string; message: string };
}

/**
 * Evaluates every condition of `trigger` (spec §6): an absent `when` holds, as Argo Rollouts sends
 * for a condition without one; a `when` that fails to evaluate or is not a bool does not hold and
 * says why. `oncePer` is evaluated only for a condition that holds. `vars` is built on first use.
 */
export function runTrigger(
  trigger: Trigger,
  vars: () => TriggerVars,
  now: number,
): ConditionResult[] {
  return trigger.conditions.map((condition, i) => {
    const key = `trigger.${trigger.name}[${i}]`;
    if (condition.when !== undefined) {
      const holds = evaluate(condition.when, vars, now);
      if ('error' in holds)
        return {
          condition,
          key,
          triggered: false,
          problem: { key: `${key}.when`, message: holds.error },
        };
      if (typeof holds.value !== 'boolean') {
        const message = `expected a bool, got ${JSON.stringify(holds.value)}`;
        return { condition, key, triggered: false, problem: { key: `${key}.when`, message } };
      }
      if (!holds.value) return { condition, key, triggered: false };
    }
    if (condition.oncePer === undefined) return { condition, key, triggered: true };
    const once = evaluate(condition.oncePer, vars, now);
    if ('error' in once)
      return {
        condition,
        key,
        triggered: true,
        problem: { key: `${key}.oncePer`, message: once.error },
      };
    const oncePer = formatOncePer(once.value);
    return { condition, key, triggered: true, ...(oncePer ? { oncePer } : {}) };
  });
}

function evaluate(
  source: string,
  vars: () => TriggerVars,
  now: number,
): { value: unknown } | { error: string } {
  try {
    return { value: evaluateTriggerExpr(compileTriggerExpr(source), vars(), now) ?? null };
  } catch (err) {
    if (!(err instanceof ExprError)) throw err;
    return { error: err.message };
  }
}
