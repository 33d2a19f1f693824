import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateWeightedCounts } from '../../../../src/core/rollout/replicas/index.js';

/** Ceiling is every pod, floor is a tie and no surge: the algorithm has no candidate (e.g. 2 pods at 75 %). */
const hasNoCandidate = (replicas: number, weight: number, surge: number) =>
  surge === 0 &&
  Math.ceil((replicas * weight) / 100) === replicas &&
  (replicas * weight) % 100 === 50;

const row = (
  replicas: number,
  weight: number,
  maxSurge: number,
  canary: number,
  stable: number,
) => ({ replicas, weight, maxSurge, canary, stable });

describe('approximateWeightedCounts (spec §8.3 step 1)', () => {
  it.each([
    // The examples of §9.1.
    row(3, 50, 0, 2, 1),
    row(3, 49, 1, 2, 2),
    row(10, 24, 1, 3, 8),
    row(10, 99, 1, 10, 1),
    row(2, 1, 1, 1, 2),
    row(1, 49, 0, 0, 1),
    row(1, 50, 0, 1, 0),
    // No pods, nothing to split.
    row(0, 0, 0, 0, 0),
    row(0, 50, 1, 0, 0),
    row(0, 100, 1, 0, 0),
    // The ends are exact.
    row(10, 0, 1, 0, 10),
    row(10, 100, 1, 10, 0),
    row(1, 0, 1, 0, 1),
    row(1, 100, 1, 1, 0),
    // One pod without surge: whichever side is nearer, ties to the canary.
    row(1, 1, 0, 0, 1),
    row(1, 99, 0, 1, 0),
    // One pod with surge: the surge pod keeps both sides alive.
    row(1, 1, 1, 1, 1),
    row(1, 50, 1, 1, 1),
    row(1, 99, 1, 1, 1),
    // Two or more pods never leave a side empty for 1–99 %.
    row(2, 1, 0, 1, 1),
    row(2, 99, 0, 1, 1),
    row(2, 99, 1, 2, 1),
    row(10, 1, 0, 1, 9),
    row(10, 99, 0, 9, 1),
    row(10, 1, 1, 1, 10),
    // Nearest count, ties rounded up.
    row(3, 10, 0, 1, 2),
    row(3, 34, 0, 1, 2),
    row(10, 14, 0, 1, 9),
    row(10, 15, 0, 2, 8),
    row(10, 16, 0, 2, 8),
    // A surge pod is used only when it gets closer.
    row(3, 25, 1, 1, 3),
    row(3, 33, 1, 1, 2),
    row(10, 18, 1, 2, 9),
    row(10, 20, 1, 2, 8),
    row(10, 23, 1, 2, 8),
    row(10, 25, 1, 3, 8),
    row(10, 5, 1, 1, 10),
    // Ceiling is every pod, floor is a tie, no surge: nothing qualifies, all stays on stable.
    row(2, 75, 0, 0, 2),
    row(10, 95, 0, 0, 10),
  ])(
    '$replicas pods at $weight % with surge $maxSurge ⇒ canary $canary, stable $stable',
    ({ replicas, weight, maxSurge, canary, stable }) => {
      expect(approximateWeightedCounts(replicas, weight, 100, maxSurge)).toEqual({
        canary,
        stable,
      });
    },
  );

  it('scales with maxWeight (traffic weights out of 1000)', () => {
    expect(approximateWeightedCounts(10, 240, 1000, 1)).toEqual({ canary: 3, stable: 8 });
    expect(approximateWeightedCounts(3, 500, 1000, 0)).toEqual({ canary: 2, stable: 1 });
  });

  it('has no candidate exactly in the documented fallback', () => {
    expect(hasNoCandidate(2, 75, 0)).toBe(true);
    expect(hasNoCandidate(2, 75, 1)).toBe(false);
  });

  it('uses R or, only with surge, R+1 pods and keeps every count within 0..total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 5 }),
        (replicas, weight, surge) => {
          const { canary, stable } = approximateWeightedCounts(replicas, weight, 100, surge);
          const total = canary + stable;
          expect(canary).toBeGreaterThanOrEqual(0);
          expect(stable).toBeGreaterThanOrEqual(0);
          expect(surge > 0 && replicas > 0 ? [replicas, replicas + 1] : [replicas]).toContain(
            total,
          );
          if (weight === 0) expect(canary).toBe(0);
          if (weight === 100) expect(stable).toBe(0);
        },
      ),
    );
  });

  it('never leaves a side empty for 1–99 % once two pods are possible (except the no-candidate fallback)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 0, max: 5 }),
        (replicas, weight, surge) => {
          fc.pre(replicas >= 2 || surge > 0);
          const { canary, stable } = approximateWeightedCounts(replicas, weight, 100, surge);
          expect(stable).toBeGreaterThan(0);
          if (!hasNoCandidate(replicas, weight, surge)) expect(canary).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('is never further from the weight than the nearest non-empty split of R pods (except the fallback)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 5 }),
        (replicas, weight, surge) => {
          fc.pre(!hasNoCandidate(replicas, weight, surge));
          const { canary, stable } = approximateWeightedCounts(replicas, weight, 100, surge);
          const nearest = Math.round((replicas * weight) / 100);
          const clamp =
            weight > 0 && weight < 100 ? Math.min(Math.max(nearest, 1), replicas - 1) : nearest;
          const best = Math.abs((clamp * 100) / replicas - weight);
          expect(Math.abs((canary * 100) / (canary + stable) - weight)).toBeLessThanOrEqual(
            best + 1e-9,
          );
        },
      ),
    );
  });
});
