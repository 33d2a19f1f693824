import { describe, expect, it } from 'vitest';
import {
  computeRollingBounds,
  planRollingStep,
} from '../../../src/devcluster/simulator/rolling-pace.js';

const rs = (name: string, replicas: number, available = replicas) => ({
  name,
  replicas,
  available,
});

describe('computeRollingBounds', () => {
  it.each([
    [undefined, 4, { maxSurge: 1, maxUnavailable: 1 }],
    [{ maxSurge: '25%', maxUnavailable: '25%' }, 10, { maxSurge: 3, maxUnavailable: 2 }],
    [{ maxSurge: 0, maxUnavailable: 0 }, 4, { maxSurge: 0, maxUnavailable: 1 }],
    [{ maxSurge: 2, maxUnavailable: '0%' }, 4, { maxSurge: 2, maxUnavailable: 0 }],
  ])('%j of %d replicas → %j', (rollingUpdate, replicas, want) => {
    expect(computeRollingBounds(rollingUpdate, replicas)).toEqual(want);
  });
});

describe('planRollingStep (maxSurge 1, maxUnavailable 0, 4 replicas)', () => {
  const bounds = { maxSurge: 1, maxUnavailable: 0 };
  it.each([
    ['surges the new ReplicaSet by one', rs('new', 0), [rs('old', 4)], { new: 1 }],
    ['waits while the surge pod is not available', rs('new', 1, 0), [rs('old', 4)], {}],
    ['then scales the old one down by one', rs('new', 1), [rs('old', 4)], { old: 3 }],
    ['finishes the new one', rs('new', 3), [rs('old', 1)], { new: 4 }],
    ['removes the last old pod', rs('new', 4), [rs('old', 1)], { old: 0 }],
    ['is done once the old ones are empty', rs('new', 4), [rs('old', 0)], {}],
    ['scales the new one down to the spec', rs('new', 6), [], { new: 4 }],
  ])('%s', (_title, newRs, olds, want) => {
    expect(Object.fromEntries(planRollingStep(4, bounds, newRs, olds))).toEqual(want);
  });

  it('drops unavailable old pods first, within the unavailability budget', () => {
    const step = planRollingStep(4, { maxSurge: 0, maxUnavailable: 1 }, rs('new', 0), [
      rs('a', 2, 0),
      rs('b', 2),
    ]);
    // 4 desired, 2 available, 3 must stay available: only one (unavailable) pod may go.
    expect(Object.fromEntries(step)).toEqual({ a: 1 });
  });
});
