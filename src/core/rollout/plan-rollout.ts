import { DEFAULTS, type RolloutStatus } from '../../domain/index.js';
import { planBlueGreen } from './blue-green/plan-blue-green.js';
import { missingAnalysisTemplate } from './canary/analysis.js';
import { planCanary } from './canary/plan-canary.js';
import { REASONS, removeCondition, setCondition } from './conditions.js';
import { finishStatus } from './finish-status.js';
import { isoTime } from '../../domain/time.js';
import { emit, type PlanContext, toPlan } from './plan-context.js';
import type { PlanEnd } from './plan-end.js';
import type { ObservedRollout, Plan } from './plan-types.js';
import { planServiceRelease } from './release-services.js';
import { trafficRoutingProblems } from './traffic/plan-traffic.js';
import { stepsOf } from './steps.js';
import { finishHold } from './stop-switch-hold.js';
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
  if (o.rollout.metadata.deletionTimestamp) return toPlan(ctx, 'BeingDeleted');
  if (o.rollout.spec.replicas === undefined) {
    // Upstream writes the default so an HPA can scale the Rollout (spec §1.1).
    ctx.actions.push({ kind: 'patchRollout', patch: { spec: { replicas: DEFAULTS.replicas } } });
    return toPlan(ctx, 'DefaultedReplicas');
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

function finish(ctx: PlanContext, end: PlanEnd): Plan {
  finishStatus(ctx);
  finishHold(ctx);
  planWorkloadRef(ctx, ctx.o.workload);
  return toPlan(ctx, end);
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
  return toPlan(ctx, 'InvalidSpec');
}
