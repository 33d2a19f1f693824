import { describe, expect, it } from 'vitest';
import type { ReplicaProgressThreshold } from '../../../../src/domain/index.js';
import {
  atDesiredReplicaCountsForCanary,
  replicaProgressThresholdMet,
  type RsCounts,
} from '../../../../src/core/rollout/replicas/index.js';
import { aRollout, rs } from './builders.js';

const percent = (value: number): ReplicaProgressThreshold => ({ type: 'Percent', value });
const pods = (value: number): ReplicaProgressThreshold => ({ type: 'Pods', value });
const avail = (available: number): RsCounts => rs(available, available);

describe('replicaProgressThresholdMet (spec §1.2, §1.6)', () => {
  it.each([
    { name: '90 % with 9/10', threshold: percent(90), rs: avail(9), desired: 10, expected: true },
    { name: '90 % with 8/10', threshold: percent(90), rs: avail(8), desired: 10, expected: false },
    {
      name: '100 % with 10/10',
      threshold: percent(100),
      rs: avail(10),
      desired: 10,
      expected: true,
    },
    {
      name: '100 % with 9/10',
      threshold: percent(100),
      rs: avail(9),
      desired: 10,
      expected: false,
    },
    { name: '33 % with 1/3', threshold: percent(33), rs: avail(1), desired: 3, expected: true },
    { name: '34 % with 1/3', threshold: percent(34), rs: avail(1), desired: 3, expected: false },
    {
      name: '29 % with 29/100 (float noise absorbed by ε)',
      threshold: percent(29),
      rs: avail(29),
      desired: 100,
      expected: true,
    },
    {
      name: '0 % with nothing available',
      threshold: percent(0),
      rs: avail(0),
      desired: 10,
      expected: true,
    },
    {
      name: 'Percent, desired 0',
      threshold: percent(50),
      rs: avail(0),
      desired: 0,
      expected: true,
    },
    {
      name: 'negative Percent means 100 %: 9/10',
      threshold: percent(-1),
      rs: avail(9),
      desired: 10,
      expected: false,
    },
    {
      name: 'negative Percent means 100 %: 10/10',
      threshold: percent(-1),
      rs: avail(10),
      desired: 10,
      expected: true,
    },
    {
      name: 'Pods 9 with 9 available',
      threshold: pods(9),
      rs: avail(9),
      desired: 10,
      expected: true,
    },
    {
      name: 'Pods 9 with 8 available',
      threshold: pods(9),
      rs: avail(8),
      desired: 10,
      expected: false,
    },
    {
      name: 'negative Pods means 100 %: 9/10',
      threshold: pods(-5),
      rs: avail(9),
      desired: 10,
      expected: false,
    },
    {
      name: 'negative Pods means 100 %: 10/10',
      threshold: pods(-5),
      rs: avail(10),
      desired: 10,
      expected: true,
    },
    { name: 'no RS', threshold: percent(0), rs: undefined, desired: 10, expected: false },
    {
      name: 'no RS, desired 0',
      threshold: percent(90),
      rs: undefined,
      desired: 0,
      expected: false,
    },
    {
      name: 'no threshold means 100 %: 9/10',
      threshold: undefined,
      rs: avail(9),
      desired: 10,
      expected: false,
    },
    {
      name: 'no threshold means 100 %: 10/10',
      threshold: undefined,
      rs: avail(10),
      desired: 10,
      expected: true,
    },
    {
      name: 'a type without value means 100 %',
      threshold: { type: 'Pods' as const },
      rs: avail(9),
      desired: 10,
      expected: false,
    },
    {
      name: 'a value without type is a percentage',
      threshold: { value: 90 },
      rs: avail(9),
      desired: 10,
      expected: true,
    },
  ])('$name ⇒ $expected', ({ threshold, rs: counts, desired, expected }) => {
    expect(replicaProgressThresholdMet(threshold, counts, desired)).toBe(expected);
  });
});

describe('atDesiredReplicaCountsForCanary (spec §8.5, §9.1)', () => {
  // 4 replicas (surge 1, unavailable 1 by default); a setCanaryScale after setWeight 50 is ignored
  // without traffic routing, so the target is 2 canary / 2 stable.
  const basic = aRollout({
    replicas: 4,
    steps: [{ setWeight: 50 }, { setCanaryScale: { replicas: 2 } }],
    status: { currentStepIndex: 1 },
  });

  it.each([
    { name: 'at desired counts', newRS: rs(2, 2), stableRS: rs(2, 2), expected: true },
    { name: 'new RS not fully available', newRS: rs(2, 1), stableRS: rs(2, 2), expected: false },
    { name: 'stable RS short', newRS: rs(2, 2), stableRS: rs(1, 1), expected: false },
    {
      name: 'stable RS at count but unavailable (only spec and created pods count)',
      newRS: rs(2, 2),
      stableRS: rs(2, 0),
      expected: true,
    },
    {
      name: 'stable status.replicas lagging its spec',
      newRS: rs(2, 2),
      stableRS: rs(2, 2, 3),
      expected: false,
    },
    { name: 'no new RS', newRS: undefined, stableRS: rs(2, 2), expected: false },
    { name: 'no stable RS', newRS: rs(2, 2), stableRS: undefined, expected: false },
  ])('$name ⇒ $expected', ({ newRS, stableRS, expected }) => {
    expect(atDesiredReplicaCountsForCanary(basic, { newRS, stableRS, olderRSs: [] })).toBe(
      expected,
    );
  });

  it('waits for older RSs of a basic canary to have no available pod', () => {
    expect(
      atDesiredReplicaCountsForCanary(basic, {
        newRS: rs(2, 2),
        stableRS: rs(2, 2),
        olderRSs: [rs(0, 1)],
      }),
    ).toBe(false);
    expect(
      atDesiredReplicaCountsForCanary(basic, {
        newRS: rs(2, 2),
        stableRS: rs(2, 2),
        olderRSs: [rs(0, 0)],
      }),
    ).toBe(true);
  });

  it('accepts a canary that meets replicaProgressThreshold but is not fully available', () => {
    const rollout = aRollout({
      replicas: 10,
      routed: true,
      canary: { replicaProgressThreshold: percent(90) },
      steps: [{ setCanaryScale: { replicas: 10 } }],
    });
    expect(
      atDesiredReplicaCountsForCanary(rollout, {
        newRS: rs(10, 9),
        stableRS: rs(10, 10),
        olderRSs: [],
      }),
    ).toBe(true);
    expect(
      atDesiredReplicaCountsForCanary(rollout, {
        newRS: rs(10, 8),
        stableRS: rs(10, 10),
        olderRSs: [],
      }),
    ).toBe(false);
  });

  it('still needs the canary spec at the desired count with a threshold', () => {
    const rollout = aRollout({
      replicas: 10,
      routed: true,
      canary: { replicaProgressThreshold: pods(1) },
      steps: [{ setWeight: 50 }],
    });
    expect(
      atDesiredReplicaCountsForCanary(rollout, {
        newRS: rs(4, 4),
        stableRS: rs(10, 10),
        olderRSs: [],
      }),
    ).toBe(false);
  });

  describe('with traffic routing', () => {
    const routed = aRollout({ replicas: 10, routed: true, steps: [{ setWeight: 20 }] });

    it('needs the stable at full size and ignores older RSs', () => {
      expect(
        atDesiredReplicaCountsForCanary(routed, {
          newRS: rs(2, 2),
          stableRS: rs(10, 10),
          olderRSs: [rs(3, 3)],
        }),
      ).toBe(true);
      expect(
        atDesiredReplicaCountsForCanary(routed, {
          newRS: rs(2, 2),
          stableRS: rs(8, 8),
          olderRSs: [],
        }),
      ).toBe(false);
    });

    it('skips the stable check with dynamicStableScale', () => {
      const dynamic = aRollout({
        replicas: 10,
        routed: true,
        canary: { dynamicStableScale: true },
        steps: [{ setWeight: 20 }],
      });
      expect(
        atDesiredReplicaCountsForCanary(
          dynamic,
          { newRS: rs(2, 2), stableRS: rs(10, 10), olderRSs: [] },
          { canary: 0, stable: 100 },
        ),
      ).toBe(true);
      expect(
        atDesiredReplicaCountsForCanary(dynamic, {
          newRS: rs(2, 2),
          stableRS: rs(3, 3),
          olderRSs: [],
        }),
      ).toBe(true);
    });
  });

  it('is false for an unreadable maxSurge rather than throwing', () => {
    const rollout = aRollout({
      replicas: 4,
      canary: { maxSurge: 'abc' },
      steps: [{ setWeight: 50 }],
    });
    expect(
      atDesiredReplicaCountsForCanary(rollout, {
        newRS: rs(2, 2),
        stableRS: rs(2, 2),
        olderRSs: [],
      }),
    ).toBe(false);
  });
});
