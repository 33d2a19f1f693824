import type { StopSwitch } from '../../domain/fleet.js';
import type { RolloutStatus } from '../../domain/index.js';
import { emit, type PlanContext } from './plan-context.js';
import { endPlan, GO_ON, type StageOutcome } from './plan-end.js';
import type { Plan } from './plan-types.js';

/**
 * A stop switch (issue 21 §5) as the planner sees it: `ObservedRollout.hold`, absent unless the
 * controller found a switch covering the Rollout. While present, an update in flight holds at its
 * current step: no step advances, timed pauses wait past their end, nothing is promoted and the
 * active Service does not switch. Abort and the first deploy are never held; a new revision starts
 * and applies its first step (its status resets to step 0) but goes no further.
 */

/** `status.message` of a held Rollout starts with this: how the next reconcile knows it was held. */
export const HOLD_MESSAGE_PREFIX = 'StopSwitchHold';

/** Event reason, emitted once when a Rollout becomes held (or the switch holding it changes). */
export const HOLD_EVENT_REASON = 'RolloutHeld';

/**
 * How often a held Rollout looks again: the switches are read then, so a cleared switch is
 * noticed within this time. Nothing else wakes a held Rollout when its switch is cleared yet (the
 * relay does not watch switches), and an ended timed pause no longer asks for a wake-up.
 */
export const HOLD_RECHECK_MS = 15_000;

/** Whether the hold applies now: an update is in flight, not aborted, and past its first deploy. */
export function holdsUpdate(ctx: PlanContext): boolean {
  const { status } = ctx;
  if (!ctx.o.hold || status.abort) return false;
  if (!ctx.stableRS && !status.stableRS) return false; // the first deploy has nothing to protect
  return status.stableRS !== ctx.newHash;
}

/**
 * Marks the plan held: past wake-ups (an ended timed pause) are dropped so a held Rollout is not
 * requeued at once, and it looks again after HOLD_RECHECK_MS.
 */
export function markHeld(ctx: PlanContext): void {
  ctx.held = true;
  ctx.wakeAt = ctx.wakeAt.filter((t) => t > ctx.now);
  ctx.wakeAt.push(ctx.now + HOLD_RECHECK_MS);
}

/** Canary stage before step progress: a held update goes no further this reconcile. */
export function holdAtStep(ctx: PlanContext): StageOutcome {
  if (!holdsUpdate(ctx)) return GO_ON;
  markHeld(ctx);
  return endPlan('StopSwitchHold');
}

/**
 * Stage before anything acts on `promote --full` (it scales, shifts traffic and ends analyses in
 * several stages): a requested full promotion waits, whole, until the switch is cleared.
 */
export function holdFullPromotion(ctx: PlanContext): StageOutcome {
  return ctx.status.promoteFull ? holdAtStep(ctx) : GO_ON;
}

/** The message a held Rollout carries; stable while the same switch holds it (no rewrites). */
export function holdMessage(hold: StopSwitch): string {
  const where =
    hold.scope === 'fleet'
      ? 'the fleet'
      : hold.scope === 'cluster'
        ? `cluster ${hold.cluster ?? ''}`
        : `namespace ${hold.namespace ?? ''}${hold.cluster ? ` in cluster ${hold.cluster}` : ''}`;
  return `${HOLD_MESSAGE_PREFIX}: held by the stop switch for ${where}, set by ${hold.by} since ${hold.at}: ${hold.reason}`;
}

/** After the status is complete: says why the Rollout is held and since when, with one Event. */
export function finishHold(ctx: PlanContext): void {
  const hold = ctx.o.hold;
  if (!ctx.held || !hold) return;
  const message = holdMessage(hold);
  ctx.status.message = message;
  if (ctx.prev.message !== message) emit(ctx, HOLD_EVENT_REASON, message, 'Warning');
}

export function isHeldStatus(status: RolloutStatus | undefined): boolean {
  return !!status?.message?.startsWith(`${HOLD_MESSAGE_PREFIX}:`);
}

/**
 * Whether the controller must read the stop switches for this plan (made without a hold): the
 * plan moves the Rollout (a step, a promotion, the active Service, a blue-green pause ending), or
 * the Rollout was held (the switch may be gone, or still there). Anything else costs no request.
 */
export function needsStopSwitches(prev: RolloutStatus, plan: Plan): boolean {
  if (isHeldStatus(prev)) return true;
  const next = plan.status;
  if (next.abort || !prev.stableRS) return false;
  if (prev.promoteFull && prev.stableRS !== prev.currentPodHash) return true;
  const sameUpdate = next.currentPodHash === prev.currentPodHash;
  if (sameUpdate && (next.currentStepIndex ?? -1) > (prev.currentStepIndex ?? -1)) return true;
  if (next.stableRS !== prev.stableRS) return true;
  const active = prev.blueGreen?.activeSelector;
  if (active !== undefined && next.blueGreen?.activeSelector !== active) return true;
  const bgPause = (s: RolloutStatus) =>
    !!s.pauseConditions?.some((c) => c.reason === 'BlueGreenPause');
  return bgPause(prev) && !bgPause(next);
}
