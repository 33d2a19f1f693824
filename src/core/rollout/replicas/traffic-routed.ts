import { isRecord } from '../../../domain/json.js';
import type { Rollout } from '../../../domain/index.js';
import type { CanaryStableCounts } from './approximate.js';
import type { CanaryReplicasOrWeight } from './desired-weight.js';

/** The weights last written to the router (`status.canary.weights`), as far as the math reads them. */
export interface RecordedWeights {
  canary: number;
  stable: number;
}

export interface TrafficRoutedInput {
  replicas: number;
  maxWeight: number;
  /** From `canaryReplicasOrWeight`. */
  desired: CanaryReplicasOrWeight;
  dynamicStableScale: boolean;
  aborted: boolean;
  minPodsPerReplicaSet?: number | undefined;
  /** The previous status' weights; absent before anything was written. */
  weights?: RecordedWeights | undefined;
}

/** Pods for a traffic weight, rounded up (10 pods at 33 % ⇒ 4; spec §8.4, §10.2). */
export function trafficWeightToReplicas(
  replicas: number,
  weight: number,
  maxWeight: number,
): number {
  return Math.ceil((weight * replicas) / maxWeight);
}

/** A non-zero count raised to `minPodsPerReplicaSet`, itself capped at `replicas`. */
export function withMinPods(
  count: number,
  minPodsPerReplicaSet: number | undefined,
  replicas: number,
): number {
  if (count === 0 || minPodsPerReplicaSet === undefined) return count;
  return Math.max(count, Math.min(minPodsPerReplicaSet, replicas));
}

/**
 * Canary/stable `spec.replicas` with traffic routing (spec §8.4). The canary follows the weight
 * (rounded up) or an explicit setCanaryScale; the stable stays at `replicas` unless
 * dynamicStableScale, where it only shrinks once traffic has left it (the larger of the desired
 * and the recorded stable weight) and, on abort, the canary only shrinks as traffic leaves it.
 */
export function calculateTrafficRoutedCounts(input: TrafficRoutedInput): CanaryStableCounts {
  const { replicas, maxWeight, desired, minPodsPerReplicaSet, weights } = input;
  const desiredWeight = desired.kind === 'weight' ? desired.weight : 0;
  let canary =
    desired.kind === 'replicas'
      ? desired.replicas
      : withMinPods(
          trafficWeightToReplicas(replicas, desiredWeight, maxWeight),
          minPodsPerReplicaSet,
          replicas,
        );
  if (!input.dynamicStableScale) return { canary, stable: replicas };

  let stable = trafficWeightToReplicas(replicas, maxWeight - desiredWeight, maxWeight);
  if (weights) {
    stable = Math.max(stable, trafficWeightToReplicas(replicas, weights.stable, maxWeight));
    if (input.aborted)
      canary = Math.max(canary, trafficWeightToReplicas(replicas, weights.canary, maxWeight));
  }
  return {
    canary: withMinPods(canary, minPodsPerReplicaSet, replicas),
    stable: withMinPods(stable, minPodsPerReplicaSet, replicas),
  };
}

/** Reads `status.canary.weights.{canary,stable}.weight`; absent or malformed ⇒ undefined. */
export function recordedWeightsOf(rollout: Rollout): RecordedWeights | undefined {
  const weights = rollout.status?.canary?.weights;
  if (!isRecord(weights) || !isRecord(weights.canary) || !isRecord(weights.stable))
    return undefined;
  const canary = weights.canary.weight ?? 0;
  const stable = weights.stable.weight ?? 0;
  if (typeof canary !== 'number' || typeof stable !== 'number') return undefined;
  return { canary, stable };
}
