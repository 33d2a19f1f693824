import type { ReplicaSet } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';

const created = (rs: ReplicaSet | undefined) => Date.parse(rs?.metadata.creationTimestamp ?? '');

/**
 * The new ReplicaSet was created before the stable one: the update goes back to an older revision
 * (a rollback), as opposed to a new update or one retried after an abort.
 */
export function goesBackToOlder(ctx: PlanContext): boolean {
  return (
    !!ctx.newRS &&
    !!ctx.stableRS &&
    ctx.stableRS !== ctx.newRS &&
    created(ctx.newRS) < created(ctx.stableRS)
  );
}

/**
 * `spec.rollbackWindow.revisions` (spec §8.7): going back to a ReplicaSet created before the
 * stable one, with fewer than N ReplicaSets created in between, is fast-tracked (no steps, no
 * pauses). Experiment ReplicaSets are not owned by the Rollout, so they are not counted.
 */
export function withinRollbackWindow(ctx: PlanContext): boolean {
  const revisions = ctx.rollout.spec.rollbackWindow?.revisions;
  if (!revisions || !goesBackToOlder(ctx)) return false;
  const target = created(ctx.newRS);
  const stable = created(ctx.stableRS);
  const between = ctx.olderRSs.filter((rs) => {
    const t = created(rs);
    return rs !== ctx.stableRS && t > target && t < stable;
  }).length;
  return between < revisions;
}
