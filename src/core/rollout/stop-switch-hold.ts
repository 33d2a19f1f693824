import type { StopSwitch } from '../../domain/fleet.js';
import type { RolloutStatus } from '../../domain/index.js';
import { updateInFlight } from './hold-scope.js';
import { emit, type PlanContext } from './plan-context.js';
import { endPlan, GO_ON, type PlanEnd, type StageOutcome } from './plan-end.js';
import type { Plan } from './plan-types.js';
import { isReleaseHeldStatus, releaseHoldMessage } from './release-hold.js';

/**
 * A stop switch (issue 21 §5) as the planner sees it: `ObservedRollout.hold`, absent unless the
 * controller found a switch covering the Rollout. While present, an update in flight holds at its
 * current step: no step advances, timed pauses wait past their end, nothing is promoted and the
 * active Service does not switch. Abort and the first deploy are never held; a new revision starts
 * and applies its first step (its status resets to step 0) but goes no further.
 *
 * A fleet release's hold in mode `step` (`ObservedRollout.releaseHold`, release-hold.ts) holds
 * the same way, through the same stages; when both hold, the stop switch names the hold (it is
 * the wider one).
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

/**
 * Whether a step hold applies now (a stop switch, or a release's mode `step`): an update is in
 * flight, not aborted, and past its first deploy.
 */
export function holdsUpdate(ctx: PlanContext): boolean {
  const stepHold = !!ctx.o.hold || ctx.o.releaseHold?.mode === 'step';
  return stepHold && updateInFlight(ctx);
}

/**
 * Marks the plan held: past wake-ups (an ended timed pause) are dropped so a held Rollout is not
 * requeued at once, and it looks again after HOLD_RECHECK_MS, or when the release says its gate
 * opens (`until`) if that is sooner. An `until` already past is the release's to act on (its
 * removal of the mark wakes the Rollout), not a reason to requeue at once.
 */
export function markHeld(ctx: PlanContext): void {
  ctx.held = true;
  ctx.wakeAt = ctx.wakeAt.filter((t) => t > ctx.now);
  const recheck = ctx.now + HOLD_RECHECK_MS;
  const until = Date.parse(ctx.o.releaseHold?.until ?? '');
  ctx.wakeAt.push(until > ctx.now && until < recheck ? until : recheck);
}

/** How a held plan ends: named for the stop switch when one holds, else for the release. */
export function heldEnd(ctx: PlanContext): PlanEnd {
  return ctx.o.hold ? 'StopSwitchHold' : 'ReleaseHold';
}

/** Canary stage before step progress: a held update goes no further this reconcile. */
export function holdAtStep(ctx: PlanContext): StageOutcome {
  if (!holdsUpdate(ctx)) return GO_ON;
  markHeld(ctx);
  return endPlan(heldEnd(ctx));
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

/**
 * After the status is complete: says why the Rollout is held and since (or until) when, with one
 * Event when it becomes held or the hold changes. The stop switch names the hold when one holds.
 */
export function finishHold(ctx: PlanContext): void {
  const { hold, releaseHold } = ctx.o;
  if (!ctx.held) return;
  const message = hold
    ? holdMessage(hold)
    : releaseHold
      ? releaseHoldMessage(ctx, releaseHold)
      : undefined;
  if (!message) return;
  ctx.status.message = message;
  if (ctx.prev.message !== message) emit(ctx, HOLD_EVENT_REASON, message, 'Warning');
}

export function isHeldStatus(status: RolloutStatus | undefined): boolean {
  return !!status?.message?.startsWith(`${HOLD_MESSAGE_PREFIX}:`);
}

/**
 * Whether the controller must read the stop switches for this plan (made without a switch): the
 * plan moves the Rollout (a step, a promotion, the active Service, a blue-green pause ending), or
 * the Rollout was held by a switch (it may be gone, or still there), or a release holds it now: a
 * Rollout a release holds would move but for that, and a switch, the wider hold, names the hold.
 * Anything else costs no request.
 */
export function needsStopSwitches(prev: RolloutStatus, plan: Plan): boolean {
  if (isHeldStatus(prev) || isReleaseHeldStatus(plan.status)) return true;
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
