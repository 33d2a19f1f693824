import type { HoldMode, ReleaseHoldMark } from '../../domain/fleet.js';
import type { RolloutStatus } from '../../domain/index.js';
import { updateInFlight } from './hold-scope.js';
import type { PlanContext } from './plan-context.js';

/**
 * A fleet release's hold (issue 21 §3 lockstep, §4 windows and freezes) as the planner sees it:
 * annotation `OWN.releaseHold`, parsed by the controller into `ObservedRollout.releaseHold` from
 * the Rollout it reads anyway, so honouring it costs no request. Mode `step` holds exactly as a
 * stop switch does (stop-switch-hold.ts, which also writes the message); mode `pause` only keeps
 * a canary pause step or the blue-green pause from ending by itself: a promote moves it on.
 */

/** `status.message` of a Rollout a release holds starts with this. */
export const RELEASE_HOLD_MESSAGE_PREFIX = 'ReleaseHold';

const MODES: readonly HoldMode[] = ['step', 'pause'];

/**
 * A value that is not a ReleaseHoldMark (hand-edited, truncated) still says a release meant to
 * hold the Rollout: dropping it would let it run through a closed window, so it holds at its
 * step (the stricter mode) and the message says why.
 */
const MALFORMED: ReleaseHoldMark = {
  mode: 'step',
  release: '(unknown)',
  reason: 'malformed release hold',
};

/** The annotation's value as a mark; undefined when there is no annotation. */
export function parseReleaseHold(value: string | undefined): ReleaseHoldMark | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return MALFORMED;
  }
  if (typeof parsed !== 'object' || parsed === null) return MALFORMED;
  const { mode, release, reason, until } = parsed as Record<string, unknown>;
  const valid =
    MODES.includes(mode as HoldMode) &&
    typeof release === 'string' &&
    release !== '' &&
    typeof reason === 'string' &&
    (until === undefined || (typeof until === 'string' && Number.isFinite(Date.parse(until))));
  if (!valid) return MALFORMED;
  return {
    mode: mode as HoldMode,
    release: release as string,
    reason: reason as string,
    ...(until !== undefined ? { until: until as string } : {}),
  };
}

/**
 * Lockstep: the update in flight is at a pause (a canary pause step, the blue-green pause) and a
 * release holds pauses, so the pause does not end by itself, however long it was meant to last.
 */
export function holdsPause(ctx: PlanContext): boolean {
  if (ctx.o.releaseHold?.mode !== 'pause' || !updateInFlight(ctx)) return false;
  return !!ctx.status.pauseConditions?.some(
    (c) => c.reason === 'CanaryPauseStep' || c.reason === 'BlueGreenPause',
  );
}

/** Where the Rollout is held, in the words `promote` uses for steps (`step 2/4`). */
function heldWhere(ctx: PlanContext, mode: HoldMode): string {
  const index = ctx.status.currentStepIndex;
  if (index !== undefined && index < ctx.steps.length)
    return `at step ${index + 1}/${ctx.steps.length}`;
  return mode === 'pause' ? 'at its pause' : 'before promotion';
}

/**
 * The message of a Rollout a release holds: stable while the same mark holds it at the same
 * place, so a held Rollout's status is not rewritten every reconcile.
 */
export function releaseHoldMessage(ctx: PlanContext, mark: ReleaseHoldMark): string {
  const how = mark.mode === 'pause' ? ' until the release promotes it' : '';
  const until = mark.until ? ` (until ${mark.until})` : '';
  return `${RELEASE_HOLD_MESSAGE_PREFIX}: held by release ${mark.release} ${heldWhere(ctx, mark.mode)}${how}: ${mark.reason}${until}`;
}

export function isReleaseHeldStatus(status: RolloutStatus | undefined): boolean {
  return !!status?.message?.startsWith(`${RELEASE_HOLD_MESSAGE_PREFIX}:`);
}
