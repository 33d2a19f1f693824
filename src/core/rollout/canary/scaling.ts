import { ANNOTATIONS, type ReplicaSet, type Rollout } from '../../../domain/index.js';
import type { PlanContext } from '../plan-context.js';
import { endPlan, GO_ON, type StageOutcome } from '../plan-end.js';
import { pushScale } from '../push-scale.js';
import { availableOf, hashOf, revisionOf, specReplicas } from '../replica-sets.js';
import {
  atDesiredReplicaCountsForCanary,
  computeCanaryCounts,
  isFencepostError,
  type RecordedWeights,
  recordedWeightsOf,
  replicaProgressThresholdMet,
  resolveFenceposts,
  type RsSet,
  scaleDownOldReplicaSets,
} from '../replicas/index.js';
import {
  planAbortedCanaryScaleDown,
  planClearStaleDeadline,
  planOldRoutedReplicaSets,
} from '../traffic/scale-down.js';

const counts = (rs: ReplicaSet) => ({
  spec: specReplicas(rs),
  available: availableOf(rs),
  replicas: rs.status?.replicas ?? 0,
});

/** The Rollout as the replica math must see it: with the status this reconcile is building. */
function view(ctx: PlanContext): Rollout {
  return { ...ctx.rollout, status: ctx.status };
}

function distinctStable(ctx: PlanContext): ReplicaSet | undefined {
  return ctx.stableRS && hashOf(ctx.stableRS) !== ctx.newHash ? ctx.stableRS : undefined;
}

/** ReplicaSets other than the new and the stable one. */
function otherRSs(ctx: PlanContext): ReplicaSet[] {
  return ctx.olderRSs.filter((rs) => rs !== ctx.stableRS);
}

function rsSet(ctx: PlanContext): RsSet {
  const stable = distinctStable(ctx);
  return {
    ...(ctx.newRS ? { newRS: counts(ctx.newRS) } : {}),
    ...(stable ? { stableRS: counts(stable) } : {}),
    olderRSs: otherRSs(ctx).map(counts),
  };
}

/** The weights the router carried before this reconcile: dynamicStableScale only shrinks what traffic has left (spec §8.4). */
function previousWeights(ctx: PlanContext): RecordedWeights | undefined {
  return recordedWeightsOf({ ...ctx.rollout, status: ctx.prev });
}

function push(ctx: PlanContext, rs: ReplicaSet, to: number): boolean {
  return pushScale(ctx, rs, to);
}

/**
 * Scales stable, then new, then the other ReplicaSets, one kind per reconcile as upstream does
 * (spec §8.1 canary pass); a changed size ends the plan, so the step waits for the next reconcile.
 * `spec.paused` halts update scaling; a spec.replicas change takes `planScalingEvent` instead.
 */
export function planCanaryScaling(ctx: PlanContext): StageOutcome {
  return scaleReplicaSets(ctx) ? endPlan('ScalingReplicaSet') : GO_ON;
}

/** True when a ReplicaSet's size changed. */
function scaleReplicaSets(ctx: PlanContext): boolean {
  if (ctx.rollout.spec.paused) return false;
  const desired = computeCanaryCounts(view(ctx), rsSet(ctx), previousWeights(ctx));
  if ('error' in desired) return false;
  const stable = distinctStable(ctx);
  if (stable && push(ctx, stable, desired.stable)) return true;
  const canary = ctx.rollout.spec.strategy?.canary ?? {};
  if (ctx.newRS && canary.trafficRouting) {
    if (!planAbortedCanaryScaleDown(ctx, ctx.newRS, stable)) {
      planClearStaleDeadline(ctx, ctx.newRS);
      if (push(ctx, ctx.newRS, desired.canary)) return true;
    }
    return planOldRoutedReplicaSets(ctx, otherRSs(ctx));
  }
  if (ctx.newRS && push(ctx, ctx.newRS, desired.canary)) return true;
  const fenceposts = resolveFenceposts(canary.maxSurge, canary.maxUnavailable, ctx.replicas);
  if (isFencepostError(fenceposts)) return false;
  const others = otherRSs(ctx);
  const set = rsSet(ctx);
  const targets = scaleDownOldReplicaSets({
    replicas: ctx.replicas,
    maxUnavailable: fenceposts.maxUnavailable,
    newRS: set.newRS,
    stableRS: set.stableRS,
    olderRSs: others.map((rs) => ({ ...counts(rs), revision: revisionOf(rs) })),
  });
  let scaled = false;
  others.forEach((rs, i) => {
    const to = targets[i];
    if (to !== undefined && to < specReplicas(rs)) scaled = push(ctx, rs, to) || scaled;
  });
  return scaled;
}

/**
 * A changed spec.replicas (the new or stable RS's desired-replicas annotation differs) takes the
 * scale-only path: rescale, never advance a step, end the plan (spec §8.1 step 10, §10.15).
 */
export function planScalingEvent(ctx: PlanContext): StageOutcome {
  const wanted = String(ctx.replicas);
  const stable = distinctStable(ctx);
  const differs = (rs: ReplicaSet | undefined) => {
    const recorded = rs?.metadata.annotations?.[ANNOTATIONS.desiredReplicas];
    return recorded !== undefined && recorded !== wanted;
  };
  if (!differs(ctx.newRS) && !differs(stable)) return GO_ON;
  const desired = computeCanaryCounts(view(ctx), rsSet(ctx), previousWeights(ctx));
  if ('error' in desired) return GO_ON;
  if (stable) push(ctx, stable, desired.stable);
  if (ctx.newRS) push(ctx, ctx.newRS, desired.canary);
  return endPlan('ScalingEvent');
}

/** The new RS has enough available pods to be promoted (replicaProgressThreshold, default 100 %). */
export function newReplicaSetReady(ctx: PlanContext): boolean {
  const threshold = ctx.rollout.spec.strategy?.canary?.replicaProgressThreshold;
  return replicaProgressThresholdMet(
    threshold,
    ctx.newRS ? counts(ctx.newRS) : undefined,
    ctx.replicas,
  );
}

/** A setWeight / setCanaryScale step is done (spec §8.5 `AtDesiredReplicaCountsForCanary`). */
export function canaryStepCountsReached(ctx: PlanContext): boolean {
  return atDesiredReplicaCountsForCanary(view(ctx), rsSet(ctx), previousWeights(ctx));
}
