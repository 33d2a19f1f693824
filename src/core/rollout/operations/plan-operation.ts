import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan, RolloutOperation } from './operation.js';
import { planAbort, planRetry } from './plan-abort-retry.js';
import { planPause, planResume } from './plan-pause-resume.js';
import { planPromote } from './plan-promote.js';
import { planPromoteFull } from './plan-promote-full.js';
import { planRestart } from './plan-restart.js';

/** Per-operation arguments a front end may pass; each planner reads only its own. */
export interface OperationOptions {
  /** `restart --in`: how long after `now` the pods are to be restarted. */
  restartInMs?: number;
}

const PLANNERS: Record<
  RolloutOperation,
  (rollout: Rollout, now: number, options: OperationOptions) => OperationPlan
> = {
  promote: planPromote,
  promoteFull: planPromoteFull,
  abort: planAbort,
  retry: planRetry,
  pause: planPause,
  resume: planResume,
  restart: (rollout, now, options) => planRestart(rollout, now, options.restartInMs),
};

/**
 * What the plugin would write for `op` on this Rollout (spec §1.8), or why it would do nothing
 * useful. Pure: `now` is only read by restart.
 */
export function planOperation(
  rollout: Rollout,
  op: RolloutOperation,
  now: number,
  options: OperationOptions = {},
): OperationPlan {
  return PLANNERS[op](rollout, now, options);
}
