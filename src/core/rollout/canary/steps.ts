import type { PauseCondition } from '../../../domain/index.js';
import { stepAnalysisSucceeded } from './analysis.js';
import { experimentStepCompleted } from './experiment.js';
import { flippedPingPong } from './service-names.js';
import { canaryStepCountsReached, newReplicaSetReady } from './scaling.js';
import { pauseEndsAt, startPause } from '../pause-timing.js';
import { emit, type PlanContext } from '../plan-context.js';
import { endPlan, GO_ON, type StageOutcome } from '../plan-end.js';
import { holdsPause } from '../release-hold.js';
import { revisionOf } from '../replica-sets.js';
import { withinRollbackWindow } from '../rollback-window.js';
import { currentStep, durationSeconds, stepString } from '../steps.js';
import { markHeld } from '../stop-switch-hold.js';

const CANARY_PAUSE = 'CanaryPauseStep';

/** Adds the CanaryPauseStep condition when a pause step is reached, and schedules its expiry (spec §8.5). */
export function planPauseStep(ctx: PlanContext): void {
  const { status, rollout } = ctx;
  const step = currentStep(rollout, status.currentStepIndex);
  if (!step?.pause || rollout.spec.paused || status.abort) return;
  const condition = status.pauseConditions?.find((c) => c.reason === CANARY_PAUSE);
  const seconds = durationSeconds(step.pause.duration);
  if (!condition && !status.controllerPause) {
    startPause(ctx, CANARY_PAUSE, seconds);
    emit(ctx, 'RolloutPaused', `Rollout is paused (${CANARY_PAUSE})`);
  } else if (condition && seconds !== undefined) {
    ctx.wakeAt.push(pauseEndsAt(rollout, condition, seconds) + 1);
  }
  // Lockstep (issue 21 §3): the pause ends only by a promote, so its end is no reason to wake.
  if (holdsPause(ctx)) markHeld(ctx);
}

function pauseCompleted(ctx: PlanContext, duration: number | string | undefined): boolean {
  const { status } = ctx;
  const condition: PauseCondition | undefined = status.pauseConditions?.find(
    (c) => c.reason === CANARY_PAUSE,
  );
  if (status.controllerPause && !condition) return true; // the user resumed (promote)
  if (holdsPause(ctx)) return false; // a release holds it until it promotes (lockstep)
  const seconds = durationSeconds(duration);
  return (
    !!condition && seconds !== undefined && ctx.now > pauseEndsAt(ctx.rollout, condition, seconds)
  );
}

function stepCompleted(ctx: PlanContext): boolean {
  const step = currentStep(ctx.rollout, ctx.status.currentStepIndex);
  if (!step || ctx.rollout.spec.paused) return false;
  if (step.pause) return pauseCompleted(ctx, step.pause.duration);
  if (step.setCanaryScale) return canaryStepCountsReached(ctx);
  if (step.setWeight !== undefined) return canaryStepCountsReached(ctx) && weightApplied(ctx);
  if (step.setHeaderRoute || step.setMirrorRoute) return true;
  if (step.analysis) return stepAnalysisSucceeded(ctx);
  if (step.experiment) return experimentStepCompleted(ctx);
  // Step plugins are not supported: such a step waits (a promote skips it).
  return false;
}

/** With traffic routing, a setWeight step also waits until the routed objects carry its weight (spec §8.5 `weights.verified`). */
function weightApplied(ctx: PlanContext): boolean {
  if (!ctx.rollout.spec.strategy?.canary?.trafficRouting) return true;
  const weights = ctx.status.canary?.weights as { verified?: boolean } | undefined;
  return ctx.trafficHeld === undefined && weights?.verified !== false;
}

function promote(ctx: PlanContext, reason: string): StageOutcome {
  const { status } = ctx;
  delete status.pauseConditions;
  delete status.controllerPause;
  delete status.abort;
  delete status.promoteFull;
  if (ctx.steps.length) status.currentStepIndex = ctx.steps.length;
  else delete status.currentStepIndex;
  status.stableRS = ctx.newHash;
  if (ctx.rollout.spec.strategy?.canary?.pingPong)
    status.canary = { ...status.canary, stablePingPong: flippedPingPong(status) };
  ctx.progressed = true;
  emit(
    ctx,
    'RolloutCompleted',
    `Rollout completed update to revision ${revisionOf(ctx.newRS)} (${ctx.newHash ?? ''}): ${reason}`,
  );
  return endPlan('RolloutCompleted');
}

/**
 * Promotion to stable, abort bookkeeping, or at most one step forward (spec §8.5 status pass); the
 * last stage of the canary pass, so a promotion or a step taken is what the plan ends on.
 */
export function planStepProgress(ctx: PlanContext): StageOutcome {
  const { status, steps } = ctx;
  const noStable = !ctx.stableRS && !status.stableRS;
  if (noStable) return promote(ctx, 'Initial deploy');
  if (status.abort) {
    status.currentStepIndex = status.stableRS === ctx.newHash ? steps.length : 0;
    if (!steps.length) delete status.currentStepIndex;
    return GO_ON;
  }
  if (status.stableRS === ctx.newHash) return GO_ON;
  const ready = newReplicaSetReady(ctx);
  if (!ready) return advanceStep(ctx);
  if (status.promoteFull) return promote(ctx, 'Full promotion requested');
  if (withinRollbackWindow(ctx)) return promote(ctx, 'Rollback within window');
  const index = status.currentStepIndex ?? steps.length;
  if (index >= steps.length) return promote(ctx, `Completed all ${steps.length} canary steps`);
  return advanceStep(ctx);
}

function advanceStep(ctx: PlanContext): StageOutcome {
  const { status, steps } = ctx;
  const index = status.currentStepIndex;
  if (index === undefined || index >= steps.length || !stepCompleted(ctx)) return GO_ON;
  const done = steps[index];
  status.currentStepIndex = index + 1;
  status.pauseConditions = status.pauseConditions?.filter((c) => c.reason !== CANARY_PAUSE);
  if (!status.pauseConditions?.length) delete status.controllerPause;
  delete status.canary?.currentStepAnalysisRunStatus;
  ctx.progressed = true;
  emit(
    ctx,
    'RolloutStepCompleted',
    `Rollout step ${index + 1}/${steps.length} completed (${stepString(done)})`,
  );
  return endPlan('RolloutStepCompleted');
}
