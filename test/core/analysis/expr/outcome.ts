import {
  evaluateCondition,
  evaluateExpr,
  ExprError,
} from '../../../../src/core/analysis/expr/index.js';
import type { ConditionCase, ExprCase } from './cases.js';

export type Outcome = { value: unknown } | { error: string };

function capture(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    if (error instanceof ExprError && error.code === 'ExprError') return { error: error.reason };
    throw error;
  }
}

/** What a table row actually gives: its value, or the reason of the `ExprError` it throws. */
export function outcomeOf(row: ExprCase): Outcome {
  const now = row.now === undefined ? {} : { now: new Date(row.now) };
  return capture(() => evaluateExpr(row.expr, { result: row.result, ...now }));
}

export function conditionOutcomeOf(row: ConditionCase): Outcome {
  const now = row.now === undefined ? {} : { now: new Date(row.now) };
  return capture(() => evaluateCondition(row.condition, row.result, now));
}
