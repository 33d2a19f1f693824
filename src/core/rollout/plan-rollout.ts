import { DEFAULTS, type RolloutStatus } from '../../domain/index.js';
import { planBlueGreen } from './blue-green.js';
import { planAnalysisRunHistory } from './analysis-runs.js';
import { planCanaryExperiment, planExperimentHistory } from './canary-experiment.js';
import {
  haltedByInconclusive,
  missingAnalysisTemplate,
  planCanaryAnalysis,
} from './canary-analysis.js';
import { planCanaryScaling, planScalingEvent } from './canary-scaling.js';
import { planCanaryServices } from './canary-services.js';
import { planPauseStep, planStepProgress } from './canary-steps.js';
import { REASONS, removeCondition, setCondition } from './conditions.js';
import { finishStatus } from './finish-status.js';
import { planEphemeralMetadata } from './ephemeral-metadata.js';
import { emit, isoTime, type PlanContext, toPlan } from './plan-context.js';
import type { ObservedRollout, Plan } from './plan-types.js';
import { planServiceRelease } from './release-services.js';
import { planRestart } from './restart.js';
import { planRevisionHistory } from './revision-history.js';
import { planTrafficRouting, trafficRoutingProblems } from './traffic/plan-traffic.js';
import { stepsOf } from './steps.js';
import { computeStepsHash } from './template/index.js';
import { resetForNewUpdate, resolveReplicaSets, trackAbortAndRetry } from './update-lifecycle.js';
import {
  invalidSpecMessage,
  validateRolloutReferences,
  validateRolloutSpec,
} from './validation/index.js';
import { planWorkloadRef, resolveWorkloadRef } from './workload-ref.js';

/**
 * One reconcile of a Rollout, decided without I/O (DESIGN §3 step 2): the actions that bring the
 * cluster toward the spec, the complete new status, the events, and when to look again.
 */
export function planRollout(o: ObservedRollout): Plan {
  const prev: RolloutStatus = o.rollout.status ?? {};
  const ctx: PlanContext = {
    o,
    rollout: o.rollout,
    now: o.now,
    nowIso: isoTime(o.now),
    prev,
    status: structuredClone(prev),
    actions: [],
    events: [],
    wakeAt: [],
    replicas: o.rollout.spec.replicas ?? DEFAULTS.replicas,
    steps: stepsOf(o.rollout),
    olderRSs: [],
    progressed: false,
  };
  if (o.rollout.metadata.deletionTimestamp) return toPlan(ctx, 'being deleted');
  if (o.rollout.spec.replicas === undefined) {
    // Upstream writes the default so an HPA can scale the Rollout (spec §1.1).
    ctx.actions.push({ kind: 'patchRollout', patch: { spec: { replicas: DEFAULTS.replicas } } });
    return toPlan(ctx, 'defaulted spec.replicas');
  }
  const specErrors = validateRolloutSpec(o.rollout);
  if (specErrors.length) return invalid(ctx, specErrors[0] ?? 'invalid');
  if (o.rollout.spec.workloadRef) {
    // The template and selector come from the referenced workload, in memory only (spec §1.1).
    const resolved = resolveWorkloadRef(o.rollout, o.workload);
    if ('error' in resolved) return invalid(ctx, resolved.error);
    ctx.rollout = resolved.rollout;
  }
  const refErrors = [
    ...(o.rollout.spec.workloadRef
      ? validateRolloutSpec(ctx.rollout, { templateResolvedFromRef: true })
      : []),
    ...validateRolloutReferences(ctx.rollout, { services: o.services }),
  ];
  if (refErrors.length) return invalid(ctx, refErrors[0] ?? 'invalid');
  const missingTemplate = missingAnalysisTemplate(ctx);
  if (missingTemplate) return invalid(ctx, missingTemplate);
  const routingProblems = ctx.rollout.spec.strategy?.canary?.trafficRouting
    ? trafficRoutingProblems(ctx)
    : [];
  if (routingProblems.length) return invalid(ctx, routingProblems.join('; '));
  removeCondition(ctx.status, 'InvalidSpec');
  planServiceRelease(ctx);
  if (ctx.rollout.spec.strategy?.blueGreen) return finish(ctx, planBlueGreen(ctx));
  return finish(ctx, planCanary(ctx));
}

/** The canary pass (spec §8.1 canary order); returns why the plan stops where it does. */
function planCanary(ctx: PlanContext): string {
  if (!resolveReplicaSets(ctx)) return 'pod template hash collision';
  const { status } = ctx;
  if (status.abort && status.stableRS === ctx.newHash) delete status.abort; // fully promoted: abort means nothing
  const stepsHash = computeStepsHash(ctx.steps);
  if (ctx.prev.currentPodHash !== ctx.newHash || ctx.prev.currentStepHash !== stepsHash) {
    resetForNewUpdate(ctx, stepsHash);
    return 'template or steps changed';
  }
  trackAbortAndRetry(ctx);
  if (planScalingEvent(ctx)) return 'scaling event';
  if (planRestart(ctx)) return 'evicted pods for a restart';
  planEphemeralMetadata(ctx);
  planRevisionHistory(ctx);
  planAnalysisRunHistory(ctx);
  planExperimentHistory(ctx);
  planCanaryServices(ctx);
  planTrafficRouting(ctx);
  planCanaryAnalysis(ctx);
  planCanaryExperiment(ctx);
  if (haltedByInconclusive(ctx)) return 'paused on an inconclusive analysis';
  if (planCanaryScaling(ctx)) return 'scaled replica sets';
  planPauseStep(ctx);
  planStepProgress(ctx);
  return 'reconciled';
}

function finish(ctx: PlanContext, reason: string): Plan {
  finishStatus(ctx);
  planWorkloadRef(ctx, ctx.o.workload);
  return toPlan(ctx, reason);
}

function invalid(ctx: PlanContext, error: string): Plan {
  const { status, rollout } = ctx;
  setCondition(
    status,
    {
      type: 'InvalidSpec',
      status: 'True',
      reason: REASONS.invalidSpec,
      message: invalidSpecMessage(rollout, error),
    },
    ctx.nowIso,
  );
  status.observedGeneration = String(rollout.metadata.generation ?? 0);
  status.phase = 'Degraded';
  status.message = `${REASONS.invalidSpec}: ${invalidSpecMessage(rollout, error)}`;
  if (
    !ctx.prev.conditions?.some(
      (c) => c.type === 'InvalidSpec' && c.message === invalidSpecMessage(rollout, error),
    )
  ) {
    emit(ctx, REASONS.invalidSpec, invalidSpecMessage(rollout, error), 'Warning');
  }
  ctx.wakeAt.push(ctx.now + DEFAULTS.invalidSpecRequeueMs);
  return toPlan(ctx, 'invalid spec');
}
