import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan, RolloutOperation } from './operation.js';
import { planAbort, planRetry } from './plan-abort-retry.js';
import { planPause, planResume } from './plan-pause-resume.js';
import { planPromote } from './plan-promote.js';
import { planPromoteFull } from './plan-promote-full.js';
import { planRestart } from './plan-restart.js';

const PLANNERS: Record<RolloutOperation, (rollout: Rollout, now: number) => OperationPlan> = {
  promote: planPromote,
  promoteFull: planPromoteFull,
  abort: planAbort,
  retry: planRetry,
  pause: planPause,
  resume: planResume,
  restart: planRestart,
};

/**
 * What the plugin would write for `op` on this Rollout (spec §1.8), or why it would do nothing
 * useful. Pure: `now` is only read by restart.
 */
export function planOperation(rollout: Rollout, op: RolloutOperation, now: number): OperationPlan {
  return PLANNERS[op](rollout, now);
}
