import { describe, expect, it } from 'vitest';
import {
  assessBinding,
  buildBinding,
  REACTION_MS,
  buildOperationRecord,
  parseSeenState,
  planBoundAttempt,
  type StateBinding,
} from '../../../../src/core/rollout/operations/index.js';
import { OWN, type Rollout } from '../../../../src/domain/index.js';
import { aRollout, atPauseStep, NOW, type RolloutOverrides } from './builders.js';

// Issue 15: an operation is bound to the state its caller saw (step index, pod hash); a write
// conflict may only be retried into the same writes on that same state.

/** A Rollout at generation `generation`, which the controller has observed up to `observed`. */
function at(o: RolloutOverrides & { generation?: number; observed?: number } = {}): Rollout {
  const { generation = 3, observed = generation, ...rest } = o;
  const r = aRollout(rest);
  return {
    ...r,
    metadata: { ...r.metadata, generation },
    status: { ...r.status, observedGeneration: String(observed) },
  };
}
const bound = (seen: StateBinding['seen'], named = true, generation = 3): StateBinding => ({
  seen,
  named,
  generation,
});

describe('buildBinding', () => {
  it.each([
    {
      name: 'nothing named: both from the read',
      named: undefined,
      binding: bound({ stepIndex: 1, podHash: 'canary2' }, false),
    },
    {
      name: 'the step named: the hash from the read',
      named: { stepIndex: 0 },
      binding: bound({ stepIndex: 0, podHash: 'canary2' }),
    },
    {
      name: 'both named',
      named: { stepIndex: 4, podHash: 'abc' },
      binding: bound({ stepIndex: 4, podHash: 'abc' }),
    },
  ])('$name', ({ named, binding }) => {
    expect(buildBinding(at({ index: 1 }), named)).toEqual(binding);
  });

  const recorded = (atMs: number) =>
    at({
      index: 2,
      annotations: {
        [OWN.lastOperation]: buildOperationRecord(
          { stepIndex: 1, podHash: 'canary2' },
          atMs,
          'promote',
        ),
      },
    });

  it.each([
    {
      name: 'an operation landed after this request arrived: bound to the state it was applied to',
      landed: NOW + 5,
      seen: { stepIndex: 1, podHash: 'canary2' },
    },
    {
      name: 'in the same millisecond: the same',
      landed: NOW,
      seen: { stepIndex: 1, podHash: 'canary2' },
    },
    {
      name: 'less than REACTION_MS before it arrived: too soon to have seen its effect, so the same',
      landed: NOW - REACTION_MS + 1,
      seen: { stepIndex: 1, podHash: 'canary2' },
    },
    {
      name: 'REACTION_MS or more before it arrived: the caller may have seen its effect, so the read',
      landed: NOW - REACTION_MS,
      seen: { stepIndex: 2, podHash: 'canary2' },
    },
  ])('$name', ({ landed, seen }) => {
    expect(buildBinding(recorded(landed), undefined, NOW, 'promote').seen).toEqual(seen);
  });

  it('a caller that names the state it sees is bound to it however soon it follows another operation', () => {
    expect(buildBinding(recorded(NOW - 1), { podHash: 'canary2' }, NOW, 'promote').seen).toEqual({
      stepIndex: 2,
      podHash: 'canary2',
    });
  });

  it('another operation soon after (retry after abort) is bound to what it reads', () => {
    expect(buildBinding(recorded(NOW - 1), undefined, NOW, 'retry').seen).toEqual({
      stepIndex: 2,
      podHash: 'canary2',
    });
  });

  it('an unreadable record is ignored', () => {
    expect(
      buildBinding(at({ index: 2, annotations: { [OWN.lastOperation]: '{nope' } }), undefined, NOW)
        .seen,
    ).toEqual({ stepIndex: 2, podHash: 'canary2' });
  });
});

describe('assessBinding', () => {
  it.each([
    {
      name: 'the same state',
      rollout: at({ index: 1 }),
      binding: bound({ stepIndex: 1, podHash: 'canary2' }),
      reason: undefined,
    },
    {
      name: 'the step moved on',
      rollout: at({ index: 2 }),
      binding: bound({ stepIndex: 1, podHash: 'canary2' }),
      reason: '(step index 1 → 2)',
    },
    {
      name: 'a new pod hash',
      rollout: at({ index: 0, current: 'canary3' }),
      binding: bound({ stepIndex: 1, podHash: 'canary2' }),
      reason: '(step index 1 → 0, pod hash canary2 → canary3)',
    },
    {
      name: 'no step index any more',
      rollout: at({}),
      binding: bound({ stepIndex: 1, podHash: 'canary2' }),
      reason: '(step index 1 → none)',
    },
    {
      name: 'a spec change since the binding',
      rollout: at({ index: 1, generation: 4, observed: 4 }),
      binding: bound({ stepIndex: 1, podHash: 'canary2' }),
      reason: '(spec generation 3 → 4)',
    },
  ])('$name', ({ rollout, binding, reason }) => {
    const got = assessBinding(rollout, binding);
    if (reason === undefined) expect(got).toBeUndefined();
    else
      expect(got).toBe(
        `rollout storefront has moved on from the state this operation was meant for ${reason}`,
      );
  });

  it('a named binding waits for the controller to observe the latest spec; one read by the executor does not', () => {
    const unobserved = at({ index: 1, generation: 3, observed: 2 });
    expect(assessBinding(unobserved, bound({ stepIndex: 1, podHash: 'canary2' }))).toBe(
      'rollout storefront has a spec change the controller has not acted on yet (generation 3, observed 2): look again once it has',
    );
    expect(
      assessBinding(unobserved, bound({ stepIndex: 1, podHash: 'canary2' }, false)),
    ).toBeUndefined();
    expect(
      assessBinding(unobserved, bound({ stepIndex: 1, podHash: 'canary2' }), true),
    ).toBeUndefined(); // our own spec write
  });
});

describe('parseSeenState', () => {
  const names = { stepIndex: 'stepIndex', podHash: 'podHash' };
  it.each([
    { step: undefined, hash: undefined, out: { seen: {} } },
    { step: '', hash: '', out: { seen: {} } },
    { step: '0', hash: '6b7c9d8f5', out: { seen: { stepIndex: 0, podHash: '6b7c9d8f5' } } },
    { step: 7, hash: undefined, out: { seen: { stepIndex: 7 } } },
    {
      step: '-1',
      hash: undefined,
      out: {
        invalid:
          'invalid stepIndex "-1": must be the status.currentStepIndex read, a non-negative integer',
      },
    },
    {
      step: '1.5',
      hash: undefined,
      out: {
        invalid:
          'invalid stepIndex "1.5": must be the status.currentStepIndex read, a non-negative integer',
      },
    },
    {
      step: undefined,
      hash: 'a/b',
      out: { invalid: 'invalid podHash "a/b": must be the status.currentPodHash read' },
    },
    {
      step: undefined,
      hash: 42,
      out: { invalid: 'invalid podHash 42: must be the status.currentPodHash read' },
    },
  ])('$step, $hash', ({ step, hash, out }) => {
    expect(parseSeenState(step, hash, names)).toEqual(out);
  });
});

describe('planBoundAttempt(promote)', () => {
  const binding = bound({ stepIndex: 1, podHash: 'canary2' }, false, 0);
  const fresh = { firstWritten: false, specWritten: false };

  it('the first attempt plans as the plugin does, or is refused with the planner reason', () => {
    expect(planBoundAttempt(atPauseStep(), 'promote', NOW, {}, binding, fresh)).toMatchObject({
      next: 'write',
      plan: { writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }] },
    });
    expect(
      planBoundAttempt(atPauseStep({ pauses: [] }), 'promote', NOW, {}, binding, fresh),
    ).toEqual({
      next: 'refused',
      reason:
        'a promote of rollout storefront is already pending: the controller has not resumed it yet',
    });
  });

  it('after a conflict: the same writes on the same state are retried; anything else is stale', () => {
    const first = planBoundAttempt(atPauseStep(), 'promote', NOW, {}, binding, fresh);
    if (first.next !== 'write') throw new Error('expected a plan');
    const history = { first: first.plan, firstWritten: false, specWritten: false };
    expect(planBoundAttempt(atPauseStep(), 'promote', NOW, {}, binding, history)).toEqual(first);
    // Someone else's promote landed: the planner would refuse now.
    expect(
      planBoundAttempt(atPauseStep({ pauses: [] }), 'promote', NOW, {}, binding, history),
    ).toEqual({
      next: 'stale',
      reason:
        'rollout storefront changed while promote was being applied: it would now be refused (a promote of rollout storefront is already pending: the controller has not resumed it yet)',
    });
    // Someone paused the spec meanwhile: promote would now also unpause, which is another operation.
    expect(
      planBoundAttempt(atPauseStep({ paused: true }), 'promote', NOW, {}, binding, history),
    ).toMatchObject({
      next: 'stale',
      reason: expect.stringContaining(
        'it would now do something else (unpaused and promoted',
      ) as string,
    });
    // The controller acted on it: moved on.
    expect(
      planBoundAttempt(aRollout({ index: 2 }), 'promote', NOW, {}, binding, history),
    ).toMatchObject({
      next: 'stale',
      reason: expect.stringContaining('(step index 1 → 2)') as string,
    });
  });

  it('once the spec part landed, only the status part must match (our unpause changes the plan)', () => {
    const first = planBoundAttempt(
      atPauseStep({ paused: true }),
      'promote',
      NOW,
      {},
      binding,
      fresh,
    );
    if (first.next !== 'write') throw new Error('expected a plan');
    expect(first.plan.writes.map((w) => w.subresource)).toEqual(['spec', 'status']);
    const afterSpec = { first: first.plan, firstWritten: true, specWritten: true };
    expect(
      planBoundAttempt(atPauseStep({ paused: false }), 'promote', NOW, {}, binding, afterSpec),
    ).toEqual(first);
  });
});
