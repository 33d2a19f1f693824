import { DEFAULTS, type Rollout } from '../../../domain/index.js';
import type { CanaryStableCounts } from './approximate.js';
import { type BasicCanaryInput, calculateBasicCanaryCounts } from './basic-canary.js';
import { canaryReplicasOrWeight, currentSetWeight, maxWeightOf } from './desired-weight.js';
import { type FencepostError, isFencepostError, resolveFenceposts } from './fenceposts.js';
import type { RsSet } from './rs-counts.js';
import {
  calculateTrafficRoutedCounts,
  type RecordedWeights,
  type TrafficRoutedInput,
} from './traffic-routed.js';

/** Reads everything the basic canary math needs from a Rollout and its ReplicaSets. */
export function basicCanaryInputOf(rollout: Rollout, rs: RsSet): BasicCanaryInput | FencepostError {
  const canary = rollout.spec.strategy?.canary;
  const replicas = rollout.spec.replicas ?? DEFAULTS.replicas;
  const fenceposts = resolveFenceposts(canary?.maxSurge, canary?.maxUnavailable, replicas);
  if (isFencepostError(fenceposts)) return fenceposts;
  const desired = canaryReplicasOrWeight(rollout, rs);
  return {
    replicas,
    // setCanaryScale needs traffic routing, so a basic canary always gets a weight here.
    weight: desired.kind === 'weight' ? desired.weight : currentSetWeight(rollout),
    maxWeight: maxWeightOf(rollout),
    maxSurge: fenceposts.maxSurge,
    maxUnavailable: fenceposts.maxUnavailable,
    newRS: rs.newRS,
    stableRS: rs.stableRS,
    olderRSs: rs.olderRSs,
  };
}

/** Reads everything the traffic-routed math needs; `weights` are the previous status' weights. */
export function trafficRoutedInputOf(
  rollout: Rollout,
  rs: Pick<RsSet, 'newRS' | 'stableRS'> = {},
  weights?: RecordedWeights,
): TrafficRoutedInput {
  const canary = rollout.spec.strategy?.canary;
  return {
    replicas: rollout.spec.replicas ?? DEFAULTS.replicas,
    maxWeight: maxWeightOf(rollout),
    desired: canaryReplicasOrWeight(rollout, rs),
    dynamicStableScale: canary?.dynamicStableScale === true,
    aborted: rollout.status?.abort === true,
    minPodsPerReplicaSet: canary?.minPodsPerReplicaSet,
    weights,
  };
}

/** The next canary/stable counts of a canary Rollout, basic or traffic-routed. */
export function computeCanaryCounts(
  rollout: Rollout,
  rs: RsSet,
  weights?: RecordedWeights,
): CanaryStableCounts | FencepostError {
  if (rollout.spec.strategy?.canary?.trafficRouting) {
    return calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout, rs, weights));
  }
  const input = basicCanaryInputOf(rollout, rs);
  return 'error' in input ? input : calculateBasicCanaryCounts(input);
}
