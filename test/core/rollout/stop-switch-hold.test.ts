// A stop switch (issue 21 §5) as an input of the pure planner: while one covers the Rollout it
// holds at its current step (timed pauses wait, nothing is promoted, no Service switches), abort
// still works, and the status says why and since when. Without a switch nothing changes.
import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../src/core/rollout/plan-rollout.js';
import type { ObservedRollout } from '../../../src/core/rollout/plan-types.js';
import {
  HOLD_RECHECK_MS,
  holdMessage,
  needsStopSwitches,
} from '../../../src/core/rollout/stop-switch-hold.js';
import type { StopSwitch } from '../../../src/domain/fleet.js';
import { observed, NOW, secondsAgo } from './pipeline-table.js';
import {
  bg,
  bgPausedFor,
  canary,
  canaryUpdating,
  inTimedPause,
  moves,
  progressOf,
  stalledAtCompletedStep,
} from './hold-fixtures.js';

const STOP: StopSwitch = {
  scope: 'namespace',
  namespace: 'default',
  by: 'alice',
  reason: 'incident 42',
  at: '2026-12-07T02:55:00Z',
};

const held = (o: ObservedRollout): ObservedRollout => ({ ...o, hold: STOP });

describe('held by a stop switch', () => {
  it.each(moves)('%s', (_title, given, unheldEnd) => {
    const before = given();
    const free = planRollout(before);
    expect(free.end).toBe(unheldEnd);

    const plan = planRollout(held(before));
    const prev = before.rollout.status ?? {};
    expect(plan.end).toBe('StopSwitchHold');
    expect(plan.status.currentStepIndex).toBe(prev.currentStepIndex);
    expect(plan.status.stableRS).toBe(prev.stableRS);
    expect(plan.status.blueGreen?.activeSelector).toBe(prev.blueGreen?.activeSelector);
    expect(plan.status.pauseConditions).toEqual(prev.pauseConditions);
    expect(plan.actions.filter((a) => a.kind === 'patchService')).toEqual([]);
    expect(plan.status.message).toBe(holdMessage(STOP));
    expect(plan.events.filter((e) => e.reason === 'RolloutHeld')).toHaveLength(1);
    // An ended pause is no reason to requeue at once: it looks again after the recheck.
    expect(plan.nextReconcileAt).toBe(NOW + HOLD_RECHECK_MS);
  });

  it('says why and since when, naming who set it', () => {
    expect(holdMessage(STOP)).toBe(
      'StopSwitchHold: held by the stop switch for namespace default, set by alice since 2026-12-07T02:55:00Z: incident 42',
    );
  });

  it('a reconcile of a Rollout already held writes nothing new and emits no second Event', () => {
    const first = planRollout(held(inTimedPause(11)));
    const again = inTimedPause(12);
    const plan = planRollout(
      held({ ...again, rollout: { ...again.rollout, status: first.status } }),
    );
    expect(plan.status).toEqual(first.status);
    expect(plan.events).toEqual([]);
  });

  it('a timed pause still running keeps its own wake-up', () => {
    const plan = planRollout(held(inTimedPause(4)));
    expect(plan.status.currentStepIndex).toBe(3);
    expect(plan.nextReconcileAt).toBe(Date.parse(secondsAgo(4)) + 10_000 + 1);
  });

  it('the progress deadline does not run out while held at a completed step', () => {
    const plan = planRollout(held(stalledAtCompletedStep()));
    expect(progressOf(plan)).toBe('ReplicaSetUpdated');
    expect(plan.status.abort).toBeUndefined();
  });

  it.each<[string, number, number, string]>([
    ['scales the canary down first', 4, 1, 'ScalingReplicaSet'],
    ['then goes back to step 0', 5, 0, 'RolloutAborted'],
  ])('abort still works: %s, exactly as without a switch', (_t, stable, canaryPods, end) => {
    const aborted = canaryUpdating({
      index: 2,
      stable,
      canary: canaryPods,
      status: { abort: true, abortedAt: secondsAgo(1) },
    });
    const plan = planRollout(held(aborted));
    expect(plan.end).toBe(end);
    expect(plan.status.abort).toBe(true);
    expect(plan.status.message ?? '').not.toMatch(/StopSwitchHold/);
    expect(plan).toEqual(planRollout(aborted));
  });

  it('an abort during a held blue-green pause keeps the active Service on stable', () => {
    const paused = bgPausedFor(40);
    const rollout = {
      ...paused.rollout,
      status: { ...paused.rollout.status, abort: true, abortedAt: secondsAgo(1) },
    };
    const plan = planRollout(held({ ...paused, rollout }));
    expect(plan.end).toBe('RolloutAborted');
    expect(plan.status.blueGreen?.activeSelector).toBe(bg.STABLE);
  });

  it('the first deploy is never held', () => {
    const first = observed(canary.v1, []);
    expect(planRollout(held(first))).toEqual(planRollout(first));
  });

  it('a cleared switch: the next plan moves on and drops the message', () => {
    const heldStatus = planRollout(held(inTimedPause(11))).status;
    const again = inTimedPause(12);
    const plan = planRollout({ ...again, rollout: { ...again.rollout, status: heldStatus } });
    expect(plan.end).toBe('RolloutStepCompleted');
    expect(plan.status.currentStepIndex).toBe(4);
    expect(plan.status.message ?? '').not.toMatch(/StopSwitchHold/);
  });
});

describe('needsStopSwitches: the switches are read only when the plan would move the Rollout', () => {
  it.each(moves)('%s: read', (_title, given) => {
    const before = given();
    expect(needsStopSwitches(before.rollout.status ?? {}, planRollout(before))).toBe(true);
  });

  it.each<[string, () => ObservedRollout]>([
    ['scaling within a step', () => canaryUpdating({ index: 0, stable: 5, canary: 0 })],
    ['a timed pause still running', () => inTimedPause(4)],
    ['an indefinite pause', () => canaryUpdating({ index: 1, stable: 4, canary: 1 })],
    ['the first deploy', () => observed(canary.v1, [])],
    [
      'an abort going back to stable',
      () =>
        canaryUpdating({
          index: 2,
          stable: 4,
          canary: 1,
          status: { abort: true, abortedAt: secondsAgo(1) },
        }),
    ],
    ['blue-green in its pause', () => bgPausedFor(10)],
  ])('%s: not read', (_title, given) => {
    const before = given();
    expect(needsStopSwitches(before.rollout.status ?? {}, planRollout(before))).toBe(false);
  });

  it('a Rollout that was held is read again (to notice the switch cleared)', () => {
    const heldStatus = planRollout(held(inTimedPause(4))).status;
    expect(needsStopSwitches(heldStatus, planRollout(inTimedPause(4)))).toBe(true);
  });
});
