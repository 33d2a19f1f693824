import type { PlanContext } from './plan-context.js';
import type { PlanEnd, StageOutcome } from './plan-end.js';

/** One stage of a strategy pass: it either always goes on (void) or may end the plan. */
export type Stage = (ctx: PlanContext) => StageOutcome | void;

/** Runs the stages in order; the first that ends the plan names why, else undefined. */
export function runStages(ctx: PlanContext, stages: readonly Stage[]): PlanEnd | undefined {
  for (const stage of stages) {
    const outcome = stage(ctx);
    if (outcome?.done) return outcome.reason;
  }
  return undefined;
}

const INCONCLUSIVE_PAUSES = new Set(['InconclusiveAnalysisRun', 'InconclusiveExperiment']);

/**
 * What a pass that neither promoted nor advanced leaves the Rollout waiting on, read from the
 * status it built (the same order as the phase computation, spec §1.9).
 */
export function waitingOn(ctx: PlanContext): PlanEnd {
  const { status } = ctx;
  if (status.abort) return 'RolloutAborted';
  if (status.stableRS !== undefined && status.stableRS === ctx.newHash) return 'FullyPromoted';
  if (ctx.rollout.spec.paused) return 'Paused';
  const reasons = (status.pauseConditions ?? []).map((c) => c.reason);
  if (reasons.some((r) => INCONCLUSIVE_PAUSES.has(r))) return 'InconclusivePause';
  if (reasons.includes('CanaryPauseStep')) return 'CanaryPauseStep';
  if (reasons.includes('BlueGreenPause')) return 'BlueGreenPause';
  return 'UpdateInProgress';
}
