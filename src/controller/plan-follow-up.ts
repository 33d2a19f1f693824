import { createMergePatch } from '../core/merge-diff.js';
import { planRollout } from '../core/rollout/plan-rollout.js';
import type { ObservedRollout, Plan } from '../core/rollout/plan-types.js';
import type { Claim } from './claim-patch.js';

/** After a commit: look again at once (the default), or only at `nextReconcileAt` and on a change. */
export type FollowUp = { lookAgain?: undefined } | { lookAgain: false; nextReconcileAt?: number };

/**
 * Whether a committed reconcile needs another look right away (DESIGN §3: one step per
 * invocation, so the state it wrote may allow the next). When it wrote only the Rollout (the
 * claim, annotations folded into it, the status), both writes guarded by the version it read, it
 * knows exactly what it left: planning again from that, at the same `now`, says what another look
 * would do. Nothing (no action, the same status) means the Rollout now waits for a change by
 * someone else, which wakes it, or for a time, which the earlier of both plans' wake-ups covers.
 * A write to any other object (a ReplicaSet, a Service, a traffic route) changed state it has not
 * read, so it always looks again. Pure.
 */
export function planFollowUp(
  observed: ObservedRollout,
  plan: Plan,
  claim: Claim | undefined,
): FollowUp {
  if (claim && claim.rest.length > 0) return {};
  const { rollout } = observed;
  const annotations: Record<string, string> = { ...rollout.metadata.annotations };
  for (const [k, v] of Object.entries(claim?.patch.metadata.annotations ?? {}))
    if (v === null) delete annotations[k];
    else annotations[k] = v;
  const again = planRollout({
    ...observed,
    rollout: { ...rollout, metadata: { ...rollout.metadata, annotations }, status: plan.status },
  });
  if (again.actions.length > 0 || createMergePatch(plan.status, again.status) !== undefined)
    return {};
  const at = [plan.nextReconcileAt, again.nextReconcileAt].filter((t) => t !== undefined);
  return { lookAgain: false, ...(at.length ? { nextReconcileAt: Math.min(...at) } : {}) };
}
