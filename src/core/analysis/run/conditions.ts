import type { Metric } from '../../../domain/index.js';

/** Evaluates one condition over a provider result; throws when it cannot (the language lives elsewhere). */
export type Evaluate = (condition: string, result: unknown) => boolean;

export type ConditionVerdict =
  { phase: 'Successful' | 'Failed' | 'Inconclusive' } | { phase: 'Error'; message: string };

/**
 * A measurement's phase from `successCondition`/`failureCondition` (spec §2.3): neither ⇒
 * Successful; only success ⇒ Failed when false; only failure ⇒ Successful when false; both ⇒
 * failure wins, neither true ⇒ Inconclusive. Success is evaluated first, as upstream does.
 */
export function phaseFromConditions(
  metric: Metric,
  result: unknown,
  evaluate: Evaluate,
): ConditionVerdict {
  let success = false;
  let failure = false;
  if (metric.successCondition) {
    const r = evaluateCondition('successCondition', metric.successCondition, result, evaluate);
    if (typeof r !== 'boolean') return r;
    success = r;
  }
  if (metric.failureCondition) {
    const r = evaluateCondition('failureCondition', metric.failureCondition, result, evaluate);
    if (typeof r !== 'boolean') return r;
    failure = r;
  }
  if (!metric.successCondition && !metric.failureCondition) return { phase: 'Successful' };
  if (!metric.failureCondition) failure = !success;
  if (!metric.successCondition) success = !failure;
  if (failure) return { phase: 'Failed' };
  return success ? { phase: 'Successful' } : { phase: 'Inconclusive' };
}

function evaluateCondition(
  field: string,
  condition: string,
  result: unknown,
  evaluate: Evaluate,
): boolean | ConditionVerdict {
  try {
    return evaluate(condition, result);
  } catch (err) {
    // A failure over no data gets upstream's dedicated hint instead of the engine's error.
    const cause = isNilOrEmpty(result)
      ? 'metric result is nil or empty: no data returned from the metric provider'
      : errorText(err);
    return { phase: 'Error', message: `could not evaluate ${field} "${condition}": ${cause}` };
  }
}

function isNilOrEmpty(result: unknown): boolean {
  return result === null || result === undefined || (Array.isArray(result) && result.length === 0);
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
