import type {
  ClusterObservation,
  ClusterReleaseStatus,
  ReleaseRolloutStatus,
  RolloutSummary,
  WaveStatus,
} from '../../domain/fleet.js';
import { isoTime } from '../../domain/time.js';

/** A Rollout the commit changed went wrong in a cluster. */
export interface ObservedFailure {
  cluster: string;
  namespace: string;
  name: string;
  reason: string;
}

/** The commit's Rollouts in one cluster: those whose last Git-synced update is that commit. */
export function changedRollouts(obs: ClusterObservation, commit: string): RolloutSummary[] {
  return obs.rollouts.filter((r) => r.commit === commit);
}

export function rolloutKey(r: { namespace: string; name: string }): string {
  return `${r.namespace}/${r.name}`;
}

/** Healthy on the commit's revision, its analyses passed, not aborted. */
export function isReleaseHealthy(r: RolloutSummary, recorded?: ReleaseRolloutStatus): boolean {
  return (
    r.statusCurrent &&
    r.phase === 'Healthy' &&
    !r.aborted &&
    r.analysesPassed &&
    (recorded === undefined || recorded.revision === r.revision)
  );
}

function failureOf(r: RolloutSummary): string | undefined {
  if (!r.statusCurrent) return undefined;
  if (r.aborted) return 'the Rollout was aborted';
  if (r.phase === 'Degraded') return 'the Rollout is Degraded';
  return undefined;
}

/**
 * Moves one delivered cluster on from what was read of it: delivering → progressing once the
 * commit is applied; progressing → healthy once every Rollout it changed is healthy on the new
 * revision (a commit that changed none there is healthy at once); healthy → progressing again if
 * one stops being so before its wave passed. Returns the failures seen. Unread clusters, and
 * clusters already failed or aborted, stay as they are.
 */
export function observeCluster(
  cluster: ClusterReleaseStatus,
  wave: WaveStatus,
  obs: ClusterObservation | undefined,
  commit: string,
  now: number,
): ObservedFailure[] {
  if (!obs || !['delivering', 'progressing', 'healthy'].includes(cluster.state)) return [];
  if (cluster.state === 'delivering') {
    if (obs.appliedCommit !== commit) return [];
    cluster.state = 'progressing';
  }
  const changed = changedRollouts(obs, commit).sort((a, b) =>
    rolloutKey(a).localeCompare(rolloutKey(b)),
  );
  for (const r of changed) {
    let entry = cluster.rollouts.find((e) => rolloutKey(e) === rolloutKey(r));
    if (!entry) {
      if (!r.statusCurrent) continue; // its revision is not known until the controller saw the update
      entry = { namespace: r.namespace, name: r.name, revision: r.revision };
      cluster.rollouts.push(entry);
    }
    if (r.phase !== undefined) entry.phase = r.phase;
  }
  const failures = changed.flatMap((r) => {
    const reason = failureOf(r);
    return reason ? [{ cluster: cluster.name, namespace: r.namespace, name: r.name, reason }] : [];
  });
  if (failures.length > 0) return failures;
  const healthy = changed.every((r) =>
    isReleaseHealthy(
      r,
      cluster.rollouts.find((e) => rolloutKey(e) === rolloutKey(r)),
    ),
  );
  if (healthy && cluster.state === 'progressing') {
    cluster.state = 'healthy';
    cluster.healthyAt = isoTime(now);
  } else if (!healthy && cluster.state === 'healthy' && !wave.passedAt) {
    cluster.state = 'progressing';
    delete cluster.healthyAt;
  }
  return [];
}
