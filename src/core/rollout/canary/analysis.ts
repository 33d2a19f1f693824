import type { AnalysisPhase, AnalysisRun } from '../../../domain/analysis.js';
import { LABELS } from '../../../domain/index.js';
import {
  buildAnalysisRun,
  collectTemplates,
  type RolloutAnalysis,
  runByName,
  type RunType,
  terminateRun,
} from '../analysis-runs.js';
import { emit, type PlanContext } from '../plan-context.js';
import { currentStep, stepsOf } from '../steps.js';
import { abortWith } from '../update-lifecycle.js';

export const INCONCLUSIVE = 'InconclusiveAnalysisRun';
const LABEL: Record<RunType, string> = {
  Step: 'Step-based',
  Background: 'Background',
  PrePromotion: 'Blue/green pre-promotion',
  PostPromotion: 'Blue/green post-promotion',
};

interface RunRef {
  name: string;
  status: string;
  message?: string;
}

function canaryStatus(ctx: PlanContext): Record<string, unknown> {
  ctx.status.canary = { ...ctx.status.canary };
  return ctx.status.canary;
}

/** Every AnalysisTemplate the strategy names exists (checked before anything is created, as InvalidSpec). */
export function missingAnalysisTemplate(ctx: PlanContext): string | undefined {
  const canary = ctx.rollout.spec.strategy?.canary;
  const bg = ctx.rollout.spec.strategy?.blueGreen;
  const all: RolloutAnalysis[] = [
    ...stepsOf(ctx.rollout).flatMap((s) => (s.analysis ? [s.analysis as RolloutAnalysis] : [])),
    ...(canary?.analysis ? [canary.analysis as RolloutAnalysis] : []),
    ...(bg?.prePromotionAnalysis ? [bg.prePromotionAnalysis as RolloutAnalysis] : []),
    ...(bg?.postPromotionAnalysis ? [bg.postPromotionAnalysis as RolloutAnalysis] : []),
  ];
  for (const a of all) {
    const found = collectTemplates(ctx, a);
    if ('missing' in found) return found.missing;
  }
  return undefined;
}

/**
 * Keeps one slot's AnalysisRun (spec §2.6): creates it when there is none, records its phase
 * in the slot's status entry (with the upstream AnalysisRun<Phase> event on each change), and
 * returns the run's phase. Failed/Error abort the Rollout, Inconclusive pauses it.
 */
export function syncRun(
  ctx: PlanContext,
  type: RunType,
  analysis: RolloutAnalysis,
  ref: RunRef | undefined,
  stepIndex?: number,
): { ref?: RunRef; phase?: AnalysisPhase } {
  const run: AnalysisRun | undefined = runByName(ctx, ref?.name);
  const resumedFromInconclusive =
    ref?.status === 'Inconclusive' &&
    !!ctx.status.controllerPause &&
    !ctx.status.pauseConditions?.length;
  if (!run || resumedFromInconclusive) {
    const built = buildAnalysisRun(ctx, type, analysis, stepIndex);
    if ('error' in built) {
      abortWith(ctx, `${LABEL[type]} analysis phase error: ${built.error}`);
      return {};
    }
    ctx.actions.push({ kind: 'createAnalysisRun', run: built.run });
    emit(
      ctx,
      'AnalysisRunPending',
      `${type} Analysis Run '${built.run.metadata.name}' Status New: 'Pending' Previous: 'NoPreviousStatus'`,
    );
    if (resumedFromInconclusive) delete ctx.status.controllerPause;
    return { ref: { name: built.run.metadata.name, status: 'Pending' } };
  }
  const phase = run.status?.phase ?? 'Pending';
  const message = run.status?.message;
  if (ref?.status !== phase)
    emit(
      ctx,
      `AnalysisRun${phase}`,
      `${type} Analysis Run '${run.metadata.name}' Status New: '${phase}' Previous: '${ref?.status || 'NoPreviousStatus'}'`,
    );
  // Upstream's wording covers both phases (rollout/analysis.go): "… analysis phase error/failed[: message]".
  if (phase === 'Failed' || phase === 'Error')
    abortWith(ctx, `${LABEL[type]} analysis phase error/failed${message ? `: ${message}` : ''}`);
  if (
    phase === 'Inconclusive' &&
    !ctx.status.controllerPause &&
    !ctx.status.pauseConditions?.some((c) => c.reason === INCONCLUSIVE)
  ) {
    ctx.status.pauseConditions = [
      ...(ctx.status.pauseConditions ?? []),
      { reason: INCONCLUSIVE, startTime: ctx.nowIso },
    ];
    ctx.status.controllerPause = true;
    emit(ctx, 'RolloutPaused', `Rollout is paused (${INCONCLUSIVE})`);
  }
  return {
    ref: { name: run.metadata.name, status: phase, ...(message ? { message } : {}) },
    phase,
  };
}

/** Step analysis and background analysis of a canary (spec §1.6, §2.6). */
export function planCanaryAnalysis(ctx: PlanContext): void {
  const { status, rollout } = ctx;
  const c = canaryStatus(ctx);
  const promoted = status.stableRS === ctx.newHash;
  const stopped = !!status.abort || !!status.promoteFull || promoted;
  // Background analysis runs while an update is in flight, from `startingStep` on.
  const background = rollout.spec.strategy?.canary?.analysis as RolloutAnalysis | undefined;
  const bgRef = c.currentBackgroundAnalysisRunStatus as RunRef | undefined;
  if (stopped || !background || !status.stableRS) {
    terminateRun(ctx, bgRef?.name);
    delete c.currentBackgroundAnalysisRunStatus;
  } else if (
    (status.currentStepIndex ?? 0) >= (background.startingStep ?? 0) &&
    !rollout.spec.paused
  ) {
    const { ref } = syncRun(ctx, 'Background', background, bgRef);
    if (ref) c.currentBackgroundAnalysisRunStatus = ref;
  }
  // Step analysis: one run per analysis step, created when the step is reached.
  const index = status.currentStepIndex;
  const step = currentStep(rollout, index);
  const stepRef = c.currentStepAnalysisRunStatus as RunRef | undefined;
  const stepRun = runByName(ctx, stepRef?.name);
  const forThisStep = stepRun?.metadata.labels?.[LABELS.stepIndex] === String(index);
  if (stopped || !step?.analysis || (stepRef && stepRun && !forThisStep)) {
    terminateRun(ctx, stepRef?.name);
    delete c.currentStepAnalysisRunStatus;
  }
  if (!stopped && step?.analysis && !rollout.spec.paused) {
    const { ref } = syncRun(
      ctx,
      'Step',
      step.analysis as RolloutAnalysis,
      c.currentStepAnalysisRunStatus as RunRef | undefined,
      index,
    );
    if (ref) c.currentStepAnalysisRunStatus = ref;
  }
  if (Object.keys(c).length === 0) delete status.canary;
}

/** The current analysis step is done when its run succeeded. */
export function stepAnalysisSucceeded(ctx: PlanContext): boolean {
  const ref = ctx.status.canary?.currentStepAnalysisRunStatus as RunRef | undefined;
  return ref?.status === 'Successful';
}

/** An inconclusive analysis or experiment halts scaling and steps until promoted (spec §10.13). */
export function haltedByInconclusive(ctx: PlanContext): boolean {
  return !!ctx.status.pauseConditions?.some(
    (c) => c.reason === INCONCLUSIVE || c.reason === 'InconclusiveExperiment',
  );
}
