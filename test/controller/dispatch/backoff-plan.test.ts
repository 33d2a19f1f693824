import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  planBackoff,
  RECONCILE_BACKOFF,
  RELAY_BACKOFF,
} from '../../../src/controller/dispatch/backoff-plan.js';

describe('planBackoff: failures in a row → wait', () => {
  it.each([
    { failures: 0, jitter: 0, delay: 0 },
    { failures: 1, jitter: 0, delay: 500 },
    { failures: 2, jitter: 0, delay: 1_000 },
    { failures: 3, jitter: 0, delay: 2_000 },
    { failures: 6, jitter: 0, delay: 16_000 },
    { failures: 7, jitter: 0, delay: 30_000 },
    { failures: 500, jitter: 0, delay: 30_000 },
    { failures: 1, jitter: 1, delay: 250 },
    { failures: 3, jitter: 0.5, delay: 1_500 },
    { failures: 9, jitter: 1, delay: 15_000 },
  ])('reconcile: $failures failures, jitter $jitter → $delay ms', ({ failures, jitter, delay }) => {
    expect(planBackoff(failures, jitter)).toBe(delay);
  });

  it.each([
    { failures: 1, delay: 200 },
    { failures: 2, delay: 400 },
    { failures: 6, delay: 6_400 },
    { failures: 7, delay: 10_000 },
  ])('relay: $failures failures → $delay ms without jitter', ({ failures, delay }) => {
    expect(planBackoff(failures, 0, RELAY_BACKOFF)).toBe(delay);
  });

  it('stays within [cap/2, cap] for any jitter, and never waits longer after fewer failures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (failures, jitter) => {
          const cap = Math.min(
            RECONCILE_BACKOFF.maxDelayMs,
            RECONCILE_BACKOFF.baseDelayMs * 2 ** (failures - 1),
          );
          const delay = planBackoff(failures, jitter);
          expect(delay).toBeGreaterThanOrEqual(cap / 2);
          expect(delay).toBeLessThanOrEqual(cap);
          expect(planBackoff(failures + 1, 0)).toBeGreaterThanOrEqual(planBackoff(failures, 0));
        },
      ),
    );
  });
});
