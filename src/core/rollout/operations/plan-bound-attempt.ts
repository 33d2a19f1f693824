import type { Rollout } from '../../../domain/index.js';
import {
  OPERATION_COMMANDS,
  type OperationWrite,
  type PlannedOperation,
  type RolloutOperation,
} from './operation.js';
import { type OperationOptions, planOperation } from './plan-operation.js';
import { assessBinding, isSamePlan, type StateBinding } from './state-binding.js';

/** What one attempt of a bound operation does: write `plan`, or stop with a reason. */
export type BoundAttempt =
  | { next: 'write'; plan: PlannedOperation }
  | { next: 'refused'; reason: string }
  | { next: 'stale'; reason: string };

/** Where an operation stands between attempts: the plan of its first attempt, and what of it has landed. */
export interface AttemptHistory {
  first?: PlannedOperation;
  /** A write of the first plan reached the Rollout object (its spec part, or the idempotency id). */
  firstWritten: boolean;
  /** That write carried a spec part, which bumps `metadata.generation` on its own. */
  specWritten: boolean;
}

/**
 * One attempt of `op` bound to what its caller saw (issue 15). The first attempt plans as the
 * plugin would (spec §1.8) or is refused with the planner's reason. A later attempt, after a write
 * conflict, may only write the plan of the first one again: when the Rollout moved on from the
 * binding, or re-planning now yields another operation (another promote got there first, the pause
 * ended…), it is stale. Once the first write has landed only the status part is compared, since
 * our own spec write changes what the planner sees. Pure: `now` is the instant of the first attempt.
 */
export function planBoundAttempt(
  rollout: Rollout,
  op: RolloutOperation,
  now: number,
  options: OperationOptions,
  binding: StateBinding,
  history: AttemptHistory,
): BoundAttempt {
  const moved = assessBinding(rollout, binding, history.specWritten);
  if (moved) return { next: 'stale', reason: moved };
  const plan = planOperation(rollout, op, now, options);
  const first = history.first;
  if (!first)
    return 'refused' in plan ? { next: 'refused', reason: plan.refused } : { next: 'write', plan };
  const same =
    'writes' in plan &&
    (history.firstWritten
      ? isSamePlan(statusPart(plan), statusPart(first))
      : isSamePlan(plan.writes, first.writes));
  if (same) return { next: 'write', plan: first };
  const instead =
    'refused' in plan ? `be refused (${plan.refused})` : `do something else (${plan.summary})`;
  return {
    next: 'stale',
    reason: `rollout ${rollout.metadata.name} changed while ${OPERATION_COMMANDS[op]} was being applied: it would now ${instead}`,
  };
}

export function specPart(plan: PlannedOperation): OperationWrite | undefined {
  return plan.writes.find((w) => w.subresource === 'spec');
}

export function statusPart(plan: PlannedOperation): OperationWrite | undefined {
  return plan.writes.find((w) => w.subresource === 'status');
}
