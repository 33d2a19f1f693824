import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AfterReconcileInput,
  backoffMs,
  earliest,
  planAfterReconcile,
  planPoke,
} from '../../../src/runtime/workers/alarm-plan.js';

const NOW = 1_700_000_000_000;
const input = (over: Partial<AfterReconcileInput>): AfterReconcileInput => ({
  now: NOW,
  attempt: { outcome: 'unchanged' },
  failures: 0,
  poked: false,
  armedAt: null,
  ...over,
});

describe('planAfterReconcile', () => {
  it.each([
    {
      name: 'settled with a deadline wakes at it',
      over: { attempt: { outcome: 'unchanged' as const, nextReconcileAt: NOW + 60_000 } },
      alarmAt: NOW + 60_000,
      forget: false,
    },
    { name: 'settled with no deadline arms nothing', over: {}, alarmAt: null, forget: false },
    {
      name: 'an earlier armed alarm is kept',
      over: {
        attempt: { outcome: 'unchanged' as const, nextReconcileAt: NOW + 60_000 },
        armedAt: NOW + 5_000,
      },
      alarmAt: NOW + 5_000,
      forget: false,
    },
    {
      name: 'a later armed alarm gives way',
      over: {
        attempt: { outcome: 'unchanged' as const, nextReconcileAt: NOW + 60_000 },
        armedAt: NOW + 120_000,
      },
      alarmAt: NOW + 60_000,
      forget: false,
    },
    {
      name: 'a poke during the run looks again at once',
      over: {
        attempt: { outcome: 'unchanged' as const, nextReconcileAt: NOW + 60_000 },
        poked: true,
      },
      alarmAt: NOW,
      forget: false,
    },
    {
      name: 'a commit looks again at once',
      over: { attempt: { outcome: 'committed' as const, nextReconcileAt: NOW + 60_000 } },
      alarmAt: NOW,
      forget: false,
    },
    {
      name: 'a lost race re-plans at once',
      over: { attempt: { outcome: 'conflict' as const } },
      alarmAt: NOW,
      forget: false,
    },
    {
      name: 'a gone object is forgotten',
      over: { attempt: { outcome: 'gone' as const } },
      alarmAt: null,
      forget: true,
    },
    {
      name: 'a gone object poked meanwhile is looked at again',
      over: { attempt: { outcome: 'gone' as const }, poked: true },
      alarmAt: NOW,
      forget: false,
    },
    {
      name: 'an error retries with backoff',
      over: { attempt: { error: 'boom' }, failures: 2 },
      alarmAt: NOW + 2_000,
      forget: false,
    },
  ])('$name', ({ over, alarmAt, forget }) => {
    const plan = planAfterReconcile(input(over));
    expect(plan).toMatchObject({ alarmAt, forget });
    expect(plan.reason).not.toBe('');
  });

  it('counts failures and resets them on success', () => {
    expect(planAfterReconcile(input({ attempt: { error: 'x' }, failures: 3 })).failures).toBe(4);
    expect(planAfterReconcile(input({ failures: 3 })).failures).toBe(0);
  });

  it('backs off exponentially up to 30 s', () => {
    expect([1, 2, 3, 7, 20].map(backoffMs)).toEqual([500, 1_000, 2_000, 30_000, 30_000]);
  });

  it('never arms an alarm later than the deadline or an armed alarm (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 1e7 })),
        fc.option(fc.integer({ min: 0, max: 1e7 })),
        fc.boolean(),
        (next, armed, poked) => {
          const plan = planAfterReconcile(
            input({
              attempt: {
                outcome: 'unchanged',
                ...(next !== null ? { nextReconcileAt: NOW + next } : {}),
              },
              armedAt: armed === null ? null : NOW + armed,
              poked,
            }),
          );
          for (const bound of [next, armed])
            if (bound !== null) expect(plan.alarmAt).toBeLessThanOrEqual(NOW + bound);
          if (poked) expect(plan.alarmAt).toBe(NOW);
          if (next === null && armed === null && !poked) expect(plan.alarmAt).toBeNull();
        },
      ),
    );
  });
});

describe('planPoke', () => {
  it.each([
    { armedAt: null, expected: NOW },
    { armedAt: NOW + 60_000, expected: NOW },
    { armedAt: NOW - 5, expected: NOW - 5 },
  ])('armed $armedAt → $expected (a poke never postpones)', ({ armedAt, expected }) => {
    expect(planPoke(NOW, armedAt)).toBe(expected);
  });

  it('earliest ignores absent times', () => {
    expect(earliest(undefined, null, 3, 2)).toBe(2);
    expect(earliest(undefined, null)).toBeNull();
  });
});
