import { describe, expect, it } from 'vitest';
import {
  adjustReplicaWithinLimits,
  type BasicCanaryInput,
  basicCanaryInputOf,
  calculateBasicCanaryCounts,
  replicasForScaleDown,
  scaleDownOldReplicaSets,
} from '../../../../src/core/rollout/replicas/index.js';
import { aRollout, orThrow, rs } from './builders.js';

/** A basic canary pass with the fenceposts already resolved; fully available RSs unless given. */
function aBasicInput(
  o: Partial<BasicCanaryInput> & { newSpec?: number; stableSpec?: number },
): BasicCanaryInput {
  const { newSpec, stableSpec, ...rest } = o;
  return {
    replicas: 10,
    weight: 0,
    maxWeight: 100,
    maxSurge: 1,
    maxUnavailable: 0,
    newRS: rs(newSpec ?? 0, newSpec ?? 0),
    stableRS: rs(stableSpec ?? 10, stableSpec ?? 10),
    olderRSs: [],
    ...rest,
  };
}

describe('calculateBasicCanaryCounts: worked examples of spec §8.3 (R, W, S, U; new,stable → new,stable)', () => {
  it.each([
    {
      name: '10,10,1,1; 0,10',
      input: aBasicInput({ weight: 10, maxSurge: 1, maxUnavailable: 1 }),
      expected: { canary: 1, stable: 9 },
    },
    {
      name: '10,30,3,0; 0,10',
      input: aBasicInput({ weight: 30, maxSurge: 3, maxUnavailable: 0 }),
      expected: { canary: 3, stable: 10 },
    },
    {
      name: '10,30,0,5; 0,10',
      input: aBasicInput({ weight: 30, maxSurge: 0, maxUnavailable: 5 }),
      expected: { canary: 0, stable: 7 },
    },
    {
      name: '1,5,1,0; 0,1',
      input: aBasicInput({ replicas: 1, weight: 5, maxSurge: 1, stableSpec: 1 }),
      expected: { canary: 1, stable: 1 },
    },
    {
      name: '1,95,1,0; 0,1',
      input: aBasicInput({ replicas: 1, weight: 95, maxSurge: 1, stableSpec: 1 }),
      expected: { canary: 1, stable: 1 },
    },
    {
      name: '10,20,2,0; 0,10',
      input: aBasicInput({ weight: 20, maxSurge: 2 }),
      expected: { canary: 2, stable: 10 },
    },
    {
      name: '10,20,20%,0; 2,10 all available',
      input: aBasicInput({ weight: 20, maxSurge: 2, newSpec: 2 }),
      expected: { canary: 2, stable: 8 },
    },
    {
      name: '10,50,2,1; 0,10',
      input: aBasicInput({ weight: 50, maxSurge: 2, maxUnavailable: 1 }),
      expected: { canary: 2, stable: 9 },
    },
    {
      name: '1,51,0,1; 0,1 first pass',
      input: aBasicInput({
        replicas: 1,
        weight: 51,
        maxSurge: 0,
        maxUnavailable: 1,
        stableSpec: 1,
      }),
      expected: { canary: 0, stable: 0 },
    },
    {
      name: '1,51,0,1; 0,0 next pass',
      input: aBasicInput({
        replicas: 1,
        weight: 51,
        maxSurge: 0,
        maxUnavailable: 1,
        stableSpec: 0,
      }),
      expected: { canary: 1, stable: 0 },
    },
    {
      name: '10,5,0,1; 0,10 first pass',
      input: aBasicInput({ weight: 5, maxSurge: 0, maxUnavailable: 1 }),
      expected: { canary: 0, stable: 9 },
    },
    {
      name: '10,5,0,1; 0,9 next pass',
      input: aBasicInput({ weight: 5, maxSurge: 0, maxUnavailable: 1, stableSpec: 9 }),
      expected: { canary: 1, stable: 9 },
    },
    {
      name: '4,0,1,0 abort; canary 4/4, stable 1/1',
      input: aBasicInput({ replicas: 4, weight: 0, newRS: rs(4, 4), stableRS: rs(1, 1) }),
      expected: { canary: 3, stable: 1 },
    },
    // The upstream code comment still says "1,9" here; that predates the nearest-count approximation:
    // 1 of 11 pods (9.1 %) is nearer 5 % than 1 of 10, so the stable target stays 10 and the surge pod is used.
    {
      name: '10,5,1,1; 0,10 (stale comment says 1,9)',
      input: aBasicInput({ weight: 5, maxSurge: 1, maxUnavailable: 1 }),
      expected: { canary: 1, stable: 10 },
    },
  ])('$name', ({ input, expected }) => {
    expect(calculateBasicCanaryCounts(input)).toEqual(expected);
  });
});

describe('calculateBasicCanaryCounts without a distinct stable RS', () => {
  it('scales the new RS to replicas and reports stable 0 (no stable, new RS 9/9)', () => {
    const rollout = aRollout({
      replicas: 10,
      canary: { maxSurge: 0, maxUnavailable: 1 },
      status: { stableRS: '', currentPodHash: '' },
    });
    const input = orThrow(basicCanaryInputOf(rollout, { newRS: rs(9, 9), olderRSs: [] }));
    expect(calculateBasicCanaryCounts(input)).toEqual({ canary: 10, stable: 0 });
  });

  it('treats stable == new as no stable (new RS 10/0)', () => {
    const rollout = aRollout({
      replicas: 10,
      canary: { maxSurge: 0, maxUnavailable: 1 },
      status: { stableRS: 'canary' },
    });
    const input = orThrow(basicCanaryInputOf(rollout, { newRS: rs(10, 0), olderRSs: [] }));
    expect(calculateBasicCanaryCounts(input)).toEqual({ canary: 10, stable: 0 });
  });

  it('surfaces an unreadable maxSurge as an error instead of counts', () => {
    const rollout = aRollout({ canary: { maxSurge: 'lots' } });
    expect(basicCanaryInputOf(rollout, { olderRSs: [] })).toEqual({
      error: expect.stringContaining('invalid'),
    });
  });
});

describe('replicasForScaleDown', () => {
  it.each([
    { name: 'no RS', rs: undefined, ignore: false, expected: 0 },
    { name: 'no RS, ignoring availability', rs: undefined, ignore: true, expected: 0 },
    { name: 'more available than spec: spec', rs: rs(3, 5), ignore: false, expected: 3 },
    {
      name: 'more available than spec, ignoring availability: spec',
      rs: rs(3, 5),
      ignore: true,
      expected: 3,
    },
    { name: 'partly available: available', rs: rs(5, 3), ignore: false, expected: 3 },
    {
      name: 'partly available, ignoring availability: spec',
      rs: rs(5, 3),
      ignore: true,
      expected: 5,
    },
    { name: 'fully available', rs: rs(5, 5), ignore: false, expected: 5 },
    {
      name: 'nothing available, ignoring availability: spec',
      rs: rs(5, 0),
      ignore: true,
      expected: 5,
    },
  ])('$name ⇒ $expected', ({ rs: counts, ignore, expected }) => {
    expect(replicasForScaleDown(counts, ignore)).toBe(expected);
  });
});

describe('adjustReplicaWithinLimits', () => {
  it('trims the other RS to the surge limit', () => {
    // drained stable 10/2 → 2, canary 10/8 stays at 10 would make 12 > 11.
    expect(adjustReplicaWithinLimits(rs(10, 2), rs(10, 8), 2, 10, 11, 10)).toEqual({
      drain: 2,
      adjust: 9,
    });
  });

  it('gives back available pods needed for min available, taking the excess from the drained RS', () => {
    // canary 4/4 drained to 3, stable 8/5 trimmed to 7: 3 + 5 available ≥ 7 needs nothing back.
    expect(adjustReplicaWithinLimits(rs(4, 4), rs(8, 5), 3, 8, 10, 7)).toEqual({
      drain: 3,
      adjust: 7,
    });
    // drained RS has nothing available; keeping the other's available pods costs the drained RS its pods.
    expect(adjustReplicaWithinLimits(rs(4, 0), rs(6, 6), 4, 6, 8, 6)).toEqual({
      drain: 2,
      adjust: 6,
    });
  });

  it('does nothing without an RS to adjust', () => {
    expect(adjustReplicaWithinLimits(rs(4, 4), undefined, 3, 0, 5, 4)).toEqual({
      drain: 3,
      adjust: 0,
    });
  });
});

describe('scaleDownOldReplicaSets (basic canary)', () => {
  const old = (spec: number, available: number, revision: number) => ({
    spec,
    available,
    revision,
  });

  it('drops unavailable pods of every older RS, even when nothing else may go', () => {
    const specs = scaleDownOldReplicaSets({
      replicas: 10,
      maxUnavailable: 0,
      newRS: rs(2, 2),
      stableRS: rs(8, 8),
      olderRSs: [old(3, 1, 1), old(2, 0, 2)],
    });
    // 11 available, min 10: one more pod may go, from the newest (revision 2, now 0) then revision 1.
    expect(specs).toEqual([0, 0]);
  });

  it('scales the newest revision first, bounded by the available pods above replicas − maxUnavailable', () => {
    const specs = scaleDownOldReplicaSets({
      replicas: 10,
      maxUnavailable: 1,
      newRS: rs(4, 4),
      stableRS: rs(4, 4),
      olderRSs: [old(3, 3, 1), old(3, 3, 2)],
    });
    // 14 available, min 9 ⇒ 5 may go: revision 2 to 0, then 2 from revision 1.
    expect(specs).toEqual([1, 0]);
  });

  it('keeps everything when availability is at the minimum', () => {
    const specs = scaleDownOldReplicaSets({
      replicas: 10,
      maxUnavailable: 0,
      newRS: rs(4, 2),
      stableRS: rs(5, 5),
      olderRSs: [old(3, 3, 1)],
    });
    expect(specs).toEqual([3]);
  });

  it('leaves the spec of an RS with more available pods than spec to the clean-up (never raises it)', () => {
    // 10 available, min 10: no budget; the RS is already shrinking from 3 to 2 pods.
    const specs = scaleDownOldReplicaSets({
      replicas: 10,
      maxUnavailable: 0,
      newRS: rs(4, 4),
      stableRS: rs(3, 3),
      olderRSs: [old(2, 3, 1)],
    });
    expect(specs).toEqual([2]);
  });

  it('returns the specs in input order, spending the budget on the newest revisions', () => {
    const specs = scaleDownOldReplicaSets({
      replicas: 4,
      maxUnavailable: 0,
      newRS: rs(1, 1),
      olderRSs: [old(2, 2, 3), old(2, 2, 7), old(2, 2, 5)],
    });
    // 7 available, min 4 ⇒ 3 may go: revision 7 to 0, revision 5 to 1, revision 3 untouched.
    expect(specs).toEqual([2, 0, 1]);
  });
});
