import { planAnalysisRunHistory } from '../analysis-runs.js';
import { planEphemeralMetadata } from '../ephemeral-metadata.js';
import type { PlanContext } from '../plan-context.js';
import { endPlan, GO_ON, type PlanEnd, type StageOutcome } from '../plan-end.js';
import { runStages, type Stage, waitingOn } from '../stages.js';
import { planRestart } from '../restart.js';
import { planRevisionHistory } from '../revision-history.js';
import { holdAtStep, holdFullPromotion } from '../stop-switch-hold.js';
import { computeStepsHash } from '../template/index.js';
import { planTrafficRouting } from '../traffic/plan-traffic.js';
import {
  dropAbortWhenPromoted,
  resetForNewUpdate,
  resolveReplicaSets,
  trackAbortAndRetry,
} from '../update-lifecycle.js';
import { haltedByInconclusive, planCanaryAnalysis } from './analysis.js';
import { planCanaryExperiment, planExperimentHistory } from './experiment.js';
import { planCanaryScaling, planScalingEvent } from './scaling.js';
import { planCanaryServices } from './services.js';
import { planPauseStep, planStepProgress } from './steps.js';

/**
 * The canary pass, in upstream's order (spec §8.1 "Canary pass order", §8.5 status pass). The
 * stages that return a `StageOutcome` may end the plan early; the first that does names why.
 */
const CANARY_STAGES: readonly Stage[] = [
  resolveReplicaSets, // PodTemplateHashCollision
  dropAbortWhenPromoted,
  startUpdateOnChange, // UpdateStarted
  trackAbortAndRetry,
  holdFullPromotion, // StopSwitchHold
  planScalingEvent, // ScalingEvent
  planRestart, // PodsEvicted
  planEphemeralMetadata,
  planRevisionHistory,
  planAnalysisRunHistory,
  planExperimentHistory,
  planCanaryServices,
  planTrafficRouting,
  planCanaryAnalysis,
  planCanaryExperiment,
  haltOnInconclusive, // InconclusivePause
  planCanaryScaling, // ScalingReplicaSet
  planPauseStep,
  holdAtStep, // StopSwitchHold
  planStepProgress, // RolloutCompleted, RolloutStepCompleted
];

/** One canary reconcile: the stages, then what the Rollout is left waiting on. */
export function planCanary(ctx: PlanContext): PlanEnd {
  return runStages(ctx, CANARY_STAGES) ?? waitingOn(ctx);
}

/** A new template or new steps only reset the status this reconcile (spec §8.5 status pass 1). */
function startUpdateOnChange(ctx: PlanContext): StageOutcome {
  const stepsHash = computeStepsHash(ctx.steps);
  if (ctx.prev.currentPodHash === ctx.newHash && ctx.prev.currentStepHash === stepsHash)
    return GO_ON;
  resetForNewUpdate(ctx, stepsHash);
  return endPlan('UpdateStarted');
}

/** An inconclusive analysis or experiment holds scaling and steps until promoted (spec §10.13). */
function haltOnInconclusive(ctx: PlanContext): StageOutcome {
  return haltedByInconclusive(ctx) ? endPlan('InconclusivePause') : GO_ON;
}
