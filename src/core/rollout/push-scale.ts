import type { ReplicaSet } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';
import { needsScale, scaleAction } from './replica-sets.js';

/**
 * Plans `rs` at `to` replicas (with the desired-replicas annotation and any extra annotations);
 * true when its size changes, which counts as progress and emits ScalingReplicaSet.
 */
export function pushScale(
  ctx: PlanContext,
  rs: ReplicaSet,
  to: number,
  annotations: Record<string, string | null> = {},
): boolean {
  if (!needsScale(rs, to, ctx.replicas) && Object.keys(annotations).length === 0) return false;
  const { action, event } = scaleAction(rs, to, ctx.replicas, annotations);
  ctx.actions.push(action);
  if (!event) return false;
  ctx.events.push(event);
  ctx.progressed = true;
  return true;
}
