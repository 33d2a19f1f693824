/**
 * The canary weight a traffic-routed canary should carry now (spec §4.3 steps 1–7), and whether the
 * managed routes stay. Pure: reads the plan context's status, ReplicaSets and the weights the
 * previous status recorded.
 */
import type { CanaryStep } from '../../../domain/index.js';
import { canaryStepCountsReached } from '../canary/scaling.js';
import type { PlanContext } from '../plan-context.js';
import { availableOf, hashOf } from '../replica-sets.js';
import {
  currentSetWeight,
  desiredCanaryWeightOnAbort,
  maxWeightOf,
  recordedWeightsOf,
  trafficWeightToReplicas,
} from '../replicas/index.js';

export interface DesiredWeight {
  weight: number;
  /** Header and mirror routes of the steps stay (false: remove every managed route). */
  keepManagedRoutes: boolean;
  /** Why, for logs and tests. */
  why: string;
}

/** The weight of the nearest setWeight strictly before `index` (0 when none): where traffic stays until the step's pods are ready. */
function previousSetWeight(steps: readonly CanaryStep[], index: number): number {
  for (let i = index - 1; i >= 0; i--) {
    const w = steps[i]?.setWeight;
    if (w !== undefined) return w;
  }
  return 0;
}

/** The ReplicaSet currently stable, when it is not the new one. */
function distinctStable(ctx: PlanContext) {
  return ctx.stableRS && hashOf(ctx.stableRS) !== ctx.newHash ? ctx.stableRS : undefined;
}

/** The canary weight the router carries now, as the previous status recorded it (0 before any). */
export function recordedCanaryWeight(ctx: PlanContext): number {
  return recordedWeightsOf({ ...ctx.rollout, status: ctx.prev })?.canary ?? 0;
}

/**
 * Aborted (spec §8.4 `calculateDesiredWeightOnAbortOrStableRollback`): straight to 0, or with
 * dynamicStableScale never up and only as far down as the stable can carry.
 */
function weightOnAbort(ctx: PlanContext, max: number): number {
  const canary = ctx.rollout.spec.strategy?.canary;
  const stable = distinctStable(ctx);
  if (!canary?.dynamicStableScale || !stable) return 0;
  const current = recordedCanaryWeight(ctx);
  const stableAvailable = availableOf(stable);
  const desired = desiredCanaryWeightOnAbort(
    { ...ctx.rollout, status: ctx.status },
    {
      newRS: ctx.newRS
        ? { spec: ctx.newRS.spec.replicas ?? 0, available: availableOf(ctx.newRS) }
        : undefined,
      stableRS: { spec: stable.spec.replicas ?? 0, available: stableAvailable },
    },
  );
  if (desired <= 0)
    return Math.min(max - Math.floor((max * stableAvailable) / ctx.replicas), current);
  return stableAvailable >= trafficWeightToReplicas(ctx.replicas, max - desired, max)
    ? Math.min(desired, current)
    : current;
}

/**
 * Spec §4.3 step 1: with dynamicStableScale, an update back to the stable template while the
 * router still sends the previous canary traffic (and the stable was scaled down for it) drains
 * that canary only as the stable grows back. The hash of that canary, while it still has traffic.
 */
export function rollbackCanaryHash(ctx: PlanContext): string | undefined {
  const { status } = ctx;
  if (
    !ctx.rollout.spec.strategy?.canary?.dynamicStableScale ||
    status.stableRS === undefined ||
    status.stableRS !== ctx.newHash
  )
    return undefined;
  const weights = ctx.prev.canary?.weights as
    { canary?: { weight?: number; podTemplateHash?: string } } | undefined;
  const hash = weights?.canary?.podTemplateHash;
  if (!hash || hash === status.stableRS || !((weights?.canary?.weight ?? 0) > 0)) return undefined;
  return ctx.olderRSs.some((rs) => hashOf(rs) === hash) ? hash : undefined;
}

/** Spec §4.3 steps 1–6. */
export function computeDesiredWeight(ctx: PlanContext): DesiredWeight {
  const { status, steps } = ctx;
  const max = maxWeightOf(ctx.rollout);
  if (rollbackCanaryHash(ctx)) {
    const stableAvailable = availableOf(ctx.newRS);
    return {
      weight: Math.min(
        max - Math.floor((max * stableAvailable) / ctx.replicas),
        recordedCanaryWeight(ctx),
      ),
      keepManagedRoutes: false,
      why: 'rolling back to the stable',
    };
  }
  if (status.stableRS !== undefined && status.stableRS === ctx.newHash)
    return { weight: 0, keepManagedRoutes: false, why: 'fully promoted' };
  if (status.abort)
    return { weight: weightOnAbort(ctx, max), keepManagedRoutes: false, why: 'aborted' };
  if (!ctx.newRS || availableOf(ctx.newRS) === 0)
    return { weight: 0, keepManagedRoutes: false, why: 'no canary pods available' };
  if (status.promoteFull) {
    const dynamic = ctx.rollout.spec.strategy?.canary?.dynamicStableScale;
    const weight = dynamic
      ? Math.floor((max * availableOf(ctx.newRS)) / ctx.replicas)
      : recordedCanaryWeight(ctx);
    return {
      weight: Math.min(weight, max),
      keepManagedRoutes: false,
      why: 'full promotion requested',
    };
  }
  const index = status.currentStepIndex ?? steps.length;
  if (!canaryStepCountsReached(ctx))
    return {
      weight: Math.min(previousSetWeight(steps, index), max),
      keepManagedRoutes: true,
      why: 'canary pods not ready for this step',
    };
  if (index < steps.length)
    return {
      weight: currentSetWeight({ ...ctx.rollout, status }),
      keepManagedRoutes: true,
      why: `step ${index + 1}/${steps.length}`,
    };
  return { weight: max, keepManagedRoutes: true, why: 'all steps completed' };
}

/**
 * Spec §4.3 step 7: a weight that moves traffic back to the stable waits until the stable has the
 * pods to carry it (dynamicStableScale scales it back first). Without a distinct stable there is
 * nothing to wait for.
 */
export function stableCanCarry(ctx: PlanContext, weight: number): boolean {
  const stable = distinctStable(ctx);
  if (!stable) return true;
  const max = maxWeightOf(ctx.rollout);
  const needed = trafficWeightToReplicas(ctx.replicas, max - weight, max);
  return availableOf(stable) >= Math.min(needed, ctx.replicas);
}
