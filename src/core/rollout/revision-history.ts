import { DEFAULTS } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';
import { hashOf } from './replica-sets.js';

/**
 * Deletes old ReplicaSets beyond `revisionHistoryLimit`, oldest first, but only those scaled to 0
 * with their status caught up (spec §8.10). The new and the stable ReplicaSet are never candidates.
 */
export function planRevisionHistory(ctx: PlanContext): void {
  const limit = ctx.rollout.spec.revisionHistoryLimit ?? DEFAULTS.revisionHistoryLimit;
  const old = ctx.olderRSs.filter(
    (rs) => hashOf(rs) !== ctx.status.stableRS && !rs.metadata.deletionTimestamp,
  );
  const excess = old.length - limit;
  if (excess <= 0) return;
  const idle = old
    .filter(
      (rs) =>
        (rs.spec.replicas ?? 0) === 0 &&
        (rs.status?.replicas ?? 0) === 0 &&
        (rs.status?.observedGeneration ?? 0) >= (rs.metadata.generation ?? 0),
    )
    .sort((a, b) =>
      String(a.metadata.creationTimestamp ?? '').localeCompare(
        String(b.metadata.creationTimestamp ?? ''),
      ),
    );
  for (const rs of idle.slice(0, excess)) {
    ctx.actions.push({
      kind: 'deleteReplicaSet',
      name: rs.metadata.name,
      ...(rs.metadata.uid ? { uid: rs.metadata.uid } : {}),
    });
  }
}
