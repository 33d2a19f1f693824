import type { ReplicaProgressThreshold, Rollout } from '../../../domain/index.js';
import { computeCanaryCounts } from './canary-counts.js';
import type { RsCounts, RsSet } from './rs-counts.js';
import type { RecordedWeights } from './traffic-routed.js';

const EPSILON = 1e-10;

/**
 * Whether an RS has enough available pods for `desired` (spec §1.2, §1.6): Percent compares
 * available/desired·100 with the value (desired 0 ⇒ met), Pods compares available with the value.
 * A negative or missing value, or no threshold at all, means 100 %. No RS ⇒ not met.
 */
export function replicaProgressThresholdMet(
  threshold: ReplicaProgressThreshold | undefined,
  rs: RsCounts | undefined,
  desired: number,
): boolean {
  if (!rs) return false;
  const value = threshold?.value;
  if (threshold?.type === 'Pods' && value !== undefined && value >= 0) return rs.available >= value;
  const percent = value === undefined || value < 0 ? 100 : value;
  if (desired === 0) return true;
  return (rs.available / desired) * 100 + EPSILON >= percent;
}

/**
 * `AtDesiredReplicaCountsForCanary` (spec §8.5): a setWeight / setCanaryScale step is done when the
 * new RS is at the computed canary count with enough of it available (all of it unless a
 * replicaProgressThreshold says otherwise), the stable RS has exactly the computed count in spec
 * and created pods (availability not required; skipped with dynamicStableScale), and, for a basic
 * canary, no older RS has an available pod. An unreadable maxSurge/maxUnavailable ⇒ not done.
 */
export function atDesiredReplicaCountsForCanary(
  rollout: Rollout,
  rs: RsSet,
  weights?: RecordedWeights,
): boolean {
  const canary = rollout.spec.strategy?.canary;
  const counts = computeCanaryCounts(rollout, rs, weights);
  if ('error' in counts) return false;
  const { newRS, stableRS } = rs;
  if (!newRS || newRS.spec !== counts.canary) return false;
  const threshold = canary?.replicaProgressThreshold;
  const newReady = threshold
    ? replicaProgressThresholdMet(threshold, newRS, counts.canary)
    : newRS.available === counts.canary;
  if (!newReady) return false;
  const routed = canary?.trafficRouting !== undefined;
  if (!routed || !canary?.dynamicStableScale) {
    if (!stableRS || stableRS.spec !== counts.stable || (stableRS.replicas ?? 0) !== counts.stable)
      return false;
  }
  return routed || rs.olderRSs.every((old) => old.available === 0);
}
