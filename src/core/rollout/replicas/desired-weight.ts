import {
  type CanaryStep,
  type CanaryStrategy,
  DEFAULTS,
  type Rollout,
} from '../../../domain/index.js';
import type { RsCounts } from './rs-counts.js';

/** What the current step asks of the canary: an explicit pod count (setCanaryScale) or a weight. */
export type CanaryReplicasOrWeight =
  { kind: 'replicas'; replicas: number } | { kind: 'weight'; weight: number };

type SetCanaryScale = NonNullable<CanaryStep['setCanaryScale']>;

const ABORT_SCALE_DOWN_DELAY_SECONDS = 30;

/** `trafficRouting.maxTrafficWeight`, 100 by default and always 100 for a basic canary. */
export function maxWeightOf(rollout: Rollout): number {
  return (
    rollout.spec.strategy?.canary?.trafficRouting?.maxTrafficWeight ?? DEFAULTS.maxTrafficWeight
  );
}

/**
 * Seconds the canary is kept after an abort, or undefined when it is not scaled down on a timer
 * (spec §1.2, §1.6): only with traffic routing; `0` means never; unset means 30 s, except with
 * dynamicStableScale where unset means no delay (progressive scale down).
 */
export function abortScaleDownDelaySeconds(canary: CanaryStrategy | undefined): number | undefined {
  if (!canary?.trafficRouting) return undefined;
  const explicit = canary.abortScaleDownDelaySeconds;
  if (explicit !== undefined) return explicit === 0 ? undefined : explicit;
  return canary.dynamicStableScale ? undefined : ABORT_SCALE_DOWN_DELAY_SECONDS;
}

/**
 * The weight of the nearest setWeight at or before the current step (spec §8.5): 0 when aborted,
 * `maxWeight` past the last step (or without steps), 0 when no setWeight precedes.
 */
export function currentSetWeight(rollout: Rollout): number {
  if (rollout.status?.abort) return 0;
  const steps = rollout.spec.strategy?.canary?.steps ?? [];
  const index = rollout.status?.currentStepIndex ?? 0;
  if (index >= steps.length) return maxWeightOf(rollout);
  for (let i = index; i >= 0; i--) {
    const weight = steps[i]?.setWeight;
    if (weight !== undefined) return weight;
  }
  return 0;
}

/**
 * The setCanaryScale in effect: the nearest one at or before the current step, unless it says
 * `matchTrafficWeight`. Traffic routing only; ignored on abort unless the canary is kept
 * (no abort scale-down delay).
 */
export function activeSetCanaryScale(rollout: Rollout): SetCanaryScale | undefined {
  const canary = rollout.spec.strategy?.canary;
  if (!canary?.trafficRouting) return undefined;
  if (rollout.status?.abort && abortScaleDownDelaySeconds(canary) !== undefined) return undefined;
  const steps = canary.steps ?? [];
  const index = rollout.status?.currentStepIndex ?? 0;
  if (index >= steps.length) return undefined;
  for (let i = index; i >= 0; i--) {
    const scale = steps[i]?.setCanaryScale;
    if (!scale) continue;
    return scale.matchTrafficWeight ? undefined : scale;
  }
  return undefined;
}

/**
 * Aborted with dynamicStableScale: the weight steps back down through the setWeight list as the
 * stable becomes available (spec §8.4). The canary still needs the pods the stable cannot take
 * yet (and, unless it will be dropped on a timer, keeps what it has); the answer is the largest
 * setWeight, from the last step back, whose pods are fewer than that; none ⇒ 0.
 */
export function desiredCanaryWeightOnAbort(
  rollout: Rollout,
  rs: { newRS?: RsCounts | undefined; stableRS: RsCounts },
): number {
  const canary = rollout.spec.strategy?.canary;
  const replicas = rollout.spec.replicas ?? DEFAULTS.replicas;
  const maxWeight = maxWeightOf(rollout);
  const expected = replicas - rs.stableRS.available;
  const timed =
    canary?.abortScaleDownDelaySeconds !== undefined && canary.abortScaleDownDelaySeconds > 0;
  const needed = timed ? expected : Math.max(expected, rs.newRS?.available ?? 0);
  const steps = canary?.steps ?? [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const weight = steps[i]?.setWeight;
    if (weight !== undefined && Math.ceil((replicas * weight) / maxWeight) < needed) return weight;
  }
  return 0;
}

/**
 * `GetCanaryReplicasOrWeight` (spec §8.5): full weight when promoting fully, without a stable or
 * when the current pods are the stable ones; else an active setCanaryScale; else, aborted with
 * dynamicStableScale (and the RS counts known), the step-down weight; else `currentSetWeight`.
 */
export function canaryReplicasOrWeight(
  rollout: Rollout,
  rs: { newRS?: RsCounts | undefined; stableRS?: RsCounts | undefined } = {},
): CanaryReplicasOrWeight {
  const status = rollout.status ?? {};
  if (status.promoteFull || !status.stableRS || status.currentPodHash === status.stableRS) {
    return { kind: 'weight', weight: maxWeightOf(rollout) };
  }
  const scale = activeSetCanaryScale(rollout);
  if (scale?.replicas !== undefined) return { kind: 'replicas', replicas: scale.replicas };
  if (scale?.weight !== undefined) return { kind: 'weight', weight: scale.weight };
  const canary = rollout.spec.strategy?.canary;
  if (status.abort && canary?.dynamicStableScale && canary.trafficRouting && rs.stableRS) {
    return {
      kind: 'weight',
      weight: desiredCanaryWeightOnAbort(rollout, { newRS: rs.newRS, stableRS: rs.stableRS }),
    };
  }
  return { kind: 'weight', weight: currentSetWeight(rollout) };
}
