import type { KubeClient } from '../adapters/kube/index.js';
import { planRollout } from '../core/rollout/plan-rollout.js';
import type { ObservedRollout, Plan } from '../core/rollout/plan-types.js';
import { needsStopSwitches } from '../core/rollout/stop-switch-hold.js';
import { coveringStopSwitch, loadStopSwitches } from './stop-switch-store.js';

/**
 * The plan, honouring stop switches (issue 21 §5) and a fleet release's hold (§3, §4). The
 * release's hold came with the Rollout (`observed.releaseHold`), so the first plan honours it at
 * no cost; that plan is made as if no switch existed. Only when it would move the Rollout (a
 * step, a promotion, the active Service), or a switch held the Rollout, or a release holds it now
 * (it would move but for that) are the switches read, with one LIST, and a covering switch
 * re-plans it held. So a reconcile that does not move costs nothing extra, and one that does costs
 * one LIST. Returns the observation the plan was made from (with its holds), for the follow-up to
 * plan again from.
 */
export async function planHonouringStopSwitches(
  kube: KubeClient,
  observed: ObservedRollout,
): Promise<{ plan: Plan; observed: ObservedRollout }> {
  const plan = planRollout(observed);
  if (!needsStopSwitches(observed.rollout.status ?? {}, plan)) return { plan, observed };
  const hold = coveringStopSwitch(await loadStopSwitches(kube), {
    namespace: observed.rollout.metadata.namespace ?? 'default',
  });
  if (!hold) return { plan, observed };
  const held = { ...observed, hold };
  return { plan: planRollout(held), observed: held };
}
