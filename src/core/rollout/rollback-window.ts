import type { PlanContext } from './plan-context.js';

/**
 * `spec.rollbackWindow.revisions` (spec §8.7): going back to a ReplicaSet created before the
 * stable one, with fewer than N ReplicaSets created in between, is fast-tracked (no steps, no
 * pauses). Experiment ReplicaSets are not owned by the Rollout, so they are not counted.
 */
export function withinRollbackWindow(ctx: PlanContext): boolean {
  const revisions = ctx.rollout.spec.rollbackWindow?.revisions;
  const created = (t: string | undefined) => Date.parse(t ?? '');
  const target = created(ctx.newRS?.metadata.creationTimestamp);
  const stable = created(ctx.stableRS?.metadata.creationTimestamp);
  if (
    !revisions ||
    !Number.isFinite(target) ||
    !Number.isFinite(stable) ||
    !ctx.stableRS ||
    ctx.stableRS === ctx.newRS
  )
    return false;
  if (target >= stable) return false;
  const between = ctx.olderRSs.filter((rs) => {
    const t = created(rs.metadata.creationTimestamp);
    return rs !== ctx.stableRS && t > target && t < stable;
  }).length;
  return between < revisions;
}
