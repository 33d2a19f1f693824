import { approximateWeightedCounts, type CanaryStableCounts } from './approximate.js';
import { type OldRsCounts, type RsCounts, sumAvailable, sumSpec } from './rs-counts.js';

export interface BasicCanaryInput {
  replicas: number;
  /** Desired canary weight (spec §8.5 `canaryReplicasOrWeight`). */
  weight: number;
  maxWeight: number;
  /** Already resolved pod counts (`resolveFenceposts`). */
  maxSurge: number;
  maxUnavailable: number;
  newRS?: RsCounts | undefined;
  /** Absent when there is no stable RS or it is the new RS (then the new RS goes straight to `replicas`). */
  stableRS?: RsCounts | undefined;
  olderRSs: readonly RsCounts[];
}

/**
 * The next canary/stable `spec.replicas` of a basic canary (no traffic routing), spec §8.3 steps 2–5:
 * one bounded move toward the approximated split, never past `replicas + maxSurge` pods, and, unless
 * older ReplicaSets still hold pods, never below `replicas - maxUnavailable` available.
 * `stable` is 0 when there is no stable RS.
 */
export function calculateBasicCanaryCounts(input: BasicCanaryInput): CanaryStableCounts {
  const { replicas, maxSurge, newRS, stableRS } = input;
  const target = stableRS
    ? approximateWeightedCounts(replicas, input.weight, input.maxWeight, maxSurge)
    : { canary: replicas, stable: 0 };
  let canary = newRS?.spec ?? 0;
  let stable = stableRS?.spec ?? 0;

  // Scale up within the surge budget, stable first.
  const maxTotal = replicas + maxSurge;
  let budget = maxTotal - sumSpec([...input.olderRSs, newRS, stableRS]);
  if (stableRS && stableRS.spec < target.stable && budget > 0) {
    stable = Math.min(target.stable, stableRS.spec + budget);
    budget -= stable - stableRS.spec;
  }
  if (newRS && newRS.spec < target.canary && budget > 0) {
    canary = Math.min(target.canary, newRS.spec + budget);
  }

  // Older ReplicaSets are drained first (scaleDownOldReplicaSets); only then new or stable.
  if (sumSpec(input.olderRSs) > 0) return { canary, stable };

  // Growing the canary: stable is the one drained, so its unavailable pods count as if they were up
  // (else a crash-looping stable would block the rollout). Shrinking (abort): the same for the canary.
  const minAvailable = replicas - input.maxUnavailable;
  const isIncreasing = !newRS || target.canary >= newRS.spec;
  const countable =
    replicasForScaleDown(newRS, !isIncreasing) + replicasForScaleDown(stableRS, isIncreasing);
  if (countable <= minAvailable) return { canary, stable };
  const scaleDown = countable - minAvailable;

  if (!isIncreasing) {
    canary = drainToward(newRS, target.canary, scaleDown, canary);
    const adjusted = adjustReplicaWithinLimits(
      newRS,
      stableRS,
      canary,
      stable,
      maxTotal,
      minAvailable,
    );
    return { canary: adjusted.drain, stable: adjusted.adjust };
  }
  if (stableRS) {
    stable = drainToward(stableRS, target.stable, scaleDown, stable);
    const adjusted = adjustReplicaWithinLimits(
      stableRS,
      newRS,
      stable,
      canary,
      maxTotal,
      minAvailable,
    );
    return { canary: adjusted.adjust, stable: adjusted.drain };
  }
  return { canary, stable };
}

/**
 * Pods of an RS that may be counted as available when deciding how far to scale down: its spec when
 * it has more available pods than spec (the extra ones are going away) or when availability is
 * ignored, else its available pods.
 */
export function replicasForScaleDown(
  rs: RsCounts | undefined,
  ignoreAvailability: boolean,
): number {
  if (!rs) return 0;
  if (rs.spec < rs.available || ignoreAvailability) return rs.spec;
  return rs.available;
}

function drainToward(
  rs: RsCounts | undefined,
  desired: number,
  scaleDown: number,
  current: number,
): number {
  if (rs && rs.spec > desired) return Math.max(desired, rs.spec - scaleDown);
  return current;
}

/**
 * After draining one RS, trims the other so the total stays within `maxTotal`, then gives back to
 * it as many of the pods it would lose as are needed to keep `minAvailable` (its available ones
 * only), taking any resulting excess from the drained RS instead.
 */
export function adjustReplicaWithinLimits(
  drainRS: RsCounts | undefined,
  adjustRS: RsCounts | undefined,
  drainCount: number,
  adjustCount: number,
  maxTotal: number,
  minAvailable: number,
): { drain: number; adjust: number } {
  if (!adjustRS) return { drain: drainCount, adjust: adjustCount };
  const drainAvailable = drainRS ? Math.min(drainRS.available, drainCount) : 0;
  let adjust = adjustCount - Math.max(0, adjustCount + drainCount - maxTotal);
  const available = drainAvailable + Math.min(adjustRS.available, adjust);
  const availableLost = Math.max(0, adjustRS.available - adjust);
  const availableMissing = Math.max(0, minAvailable - available);
  adjust += Math.min(availableLost, availableMissing);
  const drain = drainCount - Math.max(0, adjust + drainCount - maxTotal);
  return { drain, adjust };
}

export interface OldReplicaSetsInput {
  replicas: number;
  maxUnavailable: number;
  newRS?: RsCounts | undefined;
  stableRS?: RsCounts | undefined;
  olderRSs: readonly OldRsCounts[];
}

/**
 * New `spec.replicas` of each older RS of a basic canary (same order as `olderRSs`; index is the
 * key), spec §8.3 "Old RSs": first every older RS drops its unavailable pods, then the newest
 * revisions shrink toward 0 while the available pods of all RSs stay at `replicas - maxUnavailable`.
 * An RS with more available pods than spec is left alone by the clean-up (upstream aborts the whole
 * pass on it; here the others still proceed).
 */
export function scaleDownOldReplicaSets(input: OldReplicaSetsInput): number[] {
  const specs = input.olderRSs.map((rs) => (rs.spec > rs.available ? rs.available : rs.spec));
  const available = sumAvailable([input.newRS, input.stableRS, ...input.olderRSs]);
  let maxScaleDown = available - (input.replicas - input.maxUnavailable);
  const newestFirst = input.olderRSs
    .map((rs, index) => ({ index, revision: rs.revision }))
    .sort((a, b) => b.revision - a.revision);
  for (const { index } of newestFirst) {
    if (maxScaleDown <= 0) break;
    const spec = specs[index] ?? 0;
    if (spec === 0) continue;
    const next = Math.max(0, spec - maxScaleDown);
    specs[index] = next;
    maxScaleDown -= spec - next;
  }
  return specs;
}
