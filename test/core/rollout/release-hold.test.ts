// A fleet release's hold (issue 21 §3 lockstep, §4 windows and freezes) as an input of the pure
// planner. Mode `step` holds an update in flight at its step exactly as a stop switch does; mode
// `pause` only keeps a pause from ending by itself, so a promote still moves it on. Abort and the
// first deploy are never held, the status says why and until when, and a switch names the hold
// when both hold.
import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../src/core/rollout/plan-rollout.js';
import type { ObservedRollout, Plan } from '../../../src/core/rollout/plan-types.js';
import { parseReleaseHold } from '../../../src/core/rollout/release-hold.js';
import {
  HOLD_RECHECK_MS,
  holdMessage,
  needsStopSwitches,
} from '../../../src/core/rollout/stop-switch-hold.js';
import type { ReleaseHoldMark, StopSwitch } from '../../../src/domain/fleet.js';
import type { RolloutStatus } from '../../../src/domain/index.js';
import {
  bg,
  bgPausedFor,
  canary,
  canaryUpdating,
  inTimedPause,
  moves,
  progressOf,
  stalledAtCompletedStep,
  withStatus,
} from './hold-fixtures.js';
import { NOW, observed, secondsAgo } from './pipeline-table.js';

const WINDOW: ReleaseHoldMark = {
  mode: 'step',
  release: 'shop-abc1234',
  reason: 'deny window "weekend"',
  until: '2026-12-07T05:00:00Z',
};
const LOCKSTEP: ReleaseHoldMark = {
  mode: 'pause',
  release: 'shop-abc1234',
  reason: 'lockstep with its peers',
};

const holding =
  (mark: ReleaseHoldMark) =>
  (o: ObservedRollout): ObservedRollout => ({ ...o, releaseHold: mark });
const stepHeld = holding(WINDOW);
const pauseHeld = holding(LOCKSTEP);

const heldEvents = (plan: Plan) => plan.events.filter((e) => e.reason === 'RolloutHeld');

/** The Rollout as it stood, without what the plan may have changed: nothing moved. */
function expectUnmoved(plan: Plan, prev: RolloutStatus): void {
  expect(plan.status.currentStepIndex).toBe(prev.currentStepIndex);
  expect(plan.status.stableRS).toBe(prev.stableRS);
  expect(plan.status.blueGreen?.activeSelector).toBe(prev.blueGreen?.activeSelector);
  expect(plan.status.pauseConditions).toEqual(prev.pauseConditions);
  expect(plan.actions.filter((a) => a.kind === 'patchService')).toEqual([]);
}

describe("mode step (a closed window, a freeze, the release's stop gate)", () => {
  it.each(moves)('%s', (_title, given, unheldEnd) => {
    const before = given();
    expect(planRollout(before).end).toBe(unheldEnd);

    const plan = planRollout(stepHeld(before));
    expect(plan.end).toBe('ReleaseHold');
    expectUnmoved(plan, before.rollout.status ?? {});
    expect(plan.status.message).toMatch(
      /^ReleaseHold: held by release shop-abc1234 (at step \d\/4|before promotion): deny window "weekend" \(until 2026-12-07T05:00:00Z\)$/,
    );
    expect(heldEvents(plan)).toHaveLength(1);
    expect(heldEvents(plan)[0]?.message).toBe(plan.status.message);
    // An ended pause is no reason to requeue at once: it looks again after the recheck.
    expect(plan.nextReconcileAt).toBe(NOW + HOLD_RECHECK_MS);
  });

  it.each<[string, () => ObservedRollout, string]>([
    [
      'a canary at a step',
      () => canaryUpdating({ index: 0, stable: 4, canary: 1 }),
      'ReleaseHold: held by release shop-abc1234 at step 1/4: deny window "weekend" (until 2026-12-07T05:00:00Z)',
    ],
    [
      'a canary past its last step',
      () => canaryUpdating({ index: 4, stable: 0, canary: 5 }),
      'ReleaseHold: held by release shop-abc1234 before promotion: deny window "weekend" (until 2026-12-07T05:00:00Z)',
    ],
    [
      'a blue-green',
      () => bgPausedFor(40),
      'ReleaseHold: held by release shop-abc1234 before promotion: deny window "weekend" (until 2026-12-07T05:00:00Z)',
    ],
  ])('says where, why and until when: %s', (_t, given, message) => {
    expect(planRollout(stepHeld(given())).status.message).toBe(message);
  });

  it('without `until`, the message says only why', () => {
    const { until: _, ...open } = WINDOW;
    const plan = planRollout(holding(open)(inTimedPause(11)));
    expect(plan.status.message).toBe(
      'ReleaseHold: held by release shop-abc1234 at step 4/4: deny window "weekend"',
    );
  });

  it('a reconcile of a Rollout already held writes nothing new and emits no second Event', () => {
    const first = planRollout(stepHeld(inTimedPause(11)));
    const plan = planRollout(stepHeld(withStatus(inTimedPause(12), first.status)));
    expect(plan.status).toEqual(first.status);
    expect(plan.events).toEqual([]);
  });

  it('another reason is said again, with one Event', () => {
    const first = planRollout(stepHeld(inTimedPause(11)));
    const freeze = { ...WINDOW, reason: 'freeze "year end"' };
    const plan = planRollout(holding(freeze)(withStatus(inTimedPause(12), first.status)));
    expect(plan.status.message).toMatch(/: freeze "year end" \(until/);
    expect(heldEvents(plan)).toHaveLength(1);
  });

  it.each<[string, string, number]>([
    ['its gate opens before the recheck: wakes then', '2026-12-07T03:00:05Z', NOW + 5_000],
    [
      'its gate opens after the recheck: the recheck',
      '2026-12-07T05:00:00Z',
      NOW + HOLD_RECHECK_MS,
    ],
    [
      '`until` already past: the recheck, not at once',
      '2026-12-07T02:00:00Z',
      NOW + HOLD_RECHECK_MS,
    ],
  ])('%s', (_t, until, wake) => {
    const plan = planRollout(holding({ ...WINDOW, until })(inTimedPause(11)));
    expect(plan.nextReconcileAt).toBe(wake);
  });

  it('a promote waits: the pause it cleared is not followed by the next step until released', () => {
    // What `promote` writes at the indefinite pause (step 2): the condition cleared.
    const promoted = canaryUpdating({
      index: 1,
      stable: 4,
      canary: 1,
      status: { controllerPause: true },
    });
    const plan = planRollout(stepHeld(promoted));
    expect(plan.end).toBe('ReleaseHold');
    expect(plan.status.currentStepIndex).toBe(1);

    const released = planRollout(withStatus(promoted, plan.status));
    expect(released.end).toBe('RolloutStepCompleted');
    expect(released.status.currentStepIndex).toBe(2);
    expect(released.status.message ?? '').not.toMatch(/ReleaseHold/);
  });

  it('the progress deadline does not run out while held at a completed step', () => {
    const plan = planRollout(stepHeld(stalledAtCompletedStep()));
    expect(progressOf(plan)).toBe('ReplicaSetUpdated');
    expect(plan.status.abort).toBeUndefined();
  });

  it('the mark removed: the next plan moves on at once and drops the message', () => {
    const heldStatus = planRollout(stepHeld(inTimedPause(11))).status;
    const plan = planRollout(withStatus(inTimedPause(12), heldStatus));
    expect(plan.end).toBe('RolloutStepCompleted');
    expect(plan.status.currentStepIndex).toBe(4);
    expect(plan.status.message ?? '').not.toMatch(/ReleaseHold/);
  });
});

describe('mode pause (lockstep): a pause ends only by a promote', () => {
  it('a canary timed pause past its end does not expire, and is no reason to requeue', () => {
    const before = inTimedPause(11);
    const plan = planRollout(pauseHeld(before));
    expect(plan.end).toBe('CanaryPauseStep');
    expectUnmoved(plan, before.rollout.status ?? {});
    expect(plan.status.message).toBe(
      'ReleaseHold: held by release shop-abc1234 at step 4/4 until the release promotes it: lockstep with its peers',
    );
    expect(heldEvents(plan)).toHaveLength(1);
    expect(plan.nextReconcileAt).toBe(NOW + HOLD_RECHECK_MS);
  });

  it('an indefinite pause says so as well (the release, not a person, will promote it)', () => {
    const atPause = canaryUpdating({
      index: 1,
      stable: 4,
      canary: 1,
      status: {
        controllerPause: true,
        pauseConditions: [{ reason: 'CanaryPauseStep', startTime: secondsAgo(60) }],
      },
    });
    const plan = planRollout(pauseHeld(atPause));
    expect(plan.status.currentStepIndex).toBe(1);
    expect(plan.status.message).toMatch(/^ReleaseHold: held by release shop-abc1234 at step 2\/4 /);
  });

  it('a promote moves it past the pause', () => {
    // What `promote` writes at the timed pause: the condition cleared, controllerPause kept.
    const promoted = canaryUpdating({
      index: 3,
      stable: 2,
      canary: 3,
      status: { controllerPause: true },
    });
    const plan = planRollout(pauseHeld(promoted));
    expect(plan).toEqual(planRollout(promoted));
    expect(plan.end).toBe('RolloutStepCompleted');
  });

  it.each<[string, () => ObservedRollout]>([
    ['a completed setWeight step', () => canaryUpdating({ index: 0, stable: 4, canary: 1 })],
    ['scaling within a step', () => canaryUpdating({ index: 2, stable: 4, canary: 1 })],
    ['the last step done', () => canaryUpdating({ index: 4, stable: 0, canary: 5 })],
    [
      'promote --full',
      () => canaryUpdating({ index: 1, stable: 4, canary: 1, status: { promoteFull: true } }),
    ],
  ])('not at a pause, it has no effect: %s', (_t, given) => {
    const before = given();
    expect(planRollout(pauseHeld(before))).toEqual(planRollout(before));
  });

  it('blue-green: the auto-promotion pause past its end stays, the active Service with it', () => {
    const before = bgPausedFor(40);
    const plan = planRollout(pauseHeld(before));
    expect(plan.end).toBe('BlueGreenPause');
    expectUnmoved(plan, before.rollout.status ?? {});
    expect(plan.status.message).toBe(
      'ReleaseHold: held by release shop-abc1234 at its pause until the release promotes it: lockstep with its peers',
    );
    expect(plan.nextReconcileAt).toBe(NOW + HOLD_RECHECK_MS);
  });

  it('blue-green promoted: the active Service switches', () => {
    const paused = bgPausedFor(40);
    const promoted = withStatus(paused, { ...paused.rollout.status, pauseConditions: [] });
    const plan = planRollout(pauseHeld(promoted));
    expect(plan).toEqual(planRollout(promoted));
    expect(plan.status.blueGreen?.activeSelector).toBe(bg.NEW);
  });
});

describe('never held', () => {
  it.each([
    ['step', WINDOW],
    ['pause', LOCKSTEP],
  ] as const)('mode %s: the first deploy', (_m, mark) => {
    const first = observed(canary.v1, []);
    expect(planRollout(holding(mark)(first))).toEqual(planRollout(first));
  });

  it.each<[string, number, number, string]>([
    ['scales the canary down first', 4, 1, 'ScalingReplicaSet'],
    ['then goes back to step 0', 5, 0, 'RolloutAborted'],
  ])('abort, held at a step: %s, exactly as without a hold', (_t, stable, canaryPods, end) => {
    const aborted = canaryUpdating({
      index: 2,
      stable,
      canary: canaryPods,
      status: { abort: true, abortedAt: secondsAgo(1) },
    });
    const plan = planRollout(stepHeld(aborted));
    expect(plan.end).toBe(end);
    expect(plan.status.message ?? '').not.toMatch(/ReleaseHold/);
    expect(plan).toEqual(planRollout(aborted));
  });

  it('abort at a lockstep pause: exactly as without a hold', () => {
    const paused = inTimedPause(11);
    const aborted = withStatus(paused, {
      ...paused.rollout.status,
      abort: true,
      abortedAt: secondsAgo(1),
    });
    expect(planRollout(pauseHeld(aborted))).toEqual(planRollout(aborted));
  });
});

describe('with a stop switch as well', () => {
  const STOP: StopSwitch = {
    scope: 'fleet',
    by: 'alice',
    reason: 'incident 42',
    at: '2026-12-07T02:55:00Z',
  };

  it.each([
    ['step', WINDOW],
    ['pause', LOCKSTEP],
  ] as const)('mode %s: held, and the switch (the wider hold) names it', (_m, mark) => {
    const plan = planRollout({ ...inTimedPause(11), hold: STOP, releaseHold: mark });
    expect(plan.end).toBe('StopSwitchHold');
    expect(plan.status.currentStepIndex).toBe(3);
    expect(plan.status.message).toBe(holdMessage(STOP));
  });

  it('a Rollout a release holds reads the switches, so one set meanwhile is said', () => {
    for (const mark of [WINDOW, LOCKSTEP]) {
      const before = inTimedPause(11);
      expect(
        needsStopSwitches(before.rollout.status ?? {}, planRollout(holding(mark)(before))),
      ).toBe(true);
    }
  });
});

describe('parseReleaseHold: the annotation as the controller reads it', () => {
  it('absent: no hold', () => {
    expect(parseReleaseHold(undefined)).toBeUndefined();
  });

  it.each([WINDOW, LOCKSTEP])('a mark as a release writes it: %j', (mark) => {
    expect(parseReleaseHold(JSON.stringify(mark))).toEqual(mark);
  });

  it('unknown fields are dropped', () => {
    expect(parseReleaseHold(JSON.stringify({ ...LOCKSTEP, extra: 1 }))).toEqual(LOCKSTEP);
  });

  // A hand-edited value still means a release meant to hold: never dropped, held at the step.
  it.each([
    ['not JSON', '{mode: step'],
    ['empty', ''],
    ['not an object', '"step"'],
    ['null', 'null'],
    ['an unknown mode', JSON.stringify({ ...WINDOW, mode: 'forever' })],
    ['no release', JSON.stringify({ mode: 'pause', reason: 'x' })],
    ['no reason', JSON.stringify({ mode: 'pause', release: 'r' })],
    ['`until` not a time', JSON.stringify({ ...WINDOW, until: 'soon' })],
  ])('malformed (%s): mode step, saying so', (_t, value) => {
    expect(parseReleaseHold(value)).toEqual({
      mode: 'step',
      release: '(unknown)',
      reason: 'malformed release hold',
    });
  });

  it('a malformed mark holds a timed pause past its end and says why', () => {
    const plan = planRollout({ ...inTimedPause(11), releaseHold: parseReleaseHold('oops') });
    expect(plan.end).toBe('ReleaseHold');
    expect(plan.status.message).toBe(
      'ReleaseHold: held by release (unknown) at step 4/4: malformed release hold',
    );
  });
});
