import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalysisPhase, MetricResult } from '../../../../src/domain/index.js';
import type { ProviderOutcome } from '../../../../src/providers/metrics/types.js';
import { applyOutcome } from '../../../../src/core/analysis/run/index.js';
import { aMetric, countersOf, evaluate, sec } from './builders.js';

const outcome: fc.Arbitrary<ProviderOutcome> = fc.oneof(
  // Values judged by both conditions: success, failure, inconclusive, or an evaluation error on [].
  fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 })
    .map((xs) => ({ kind: 'value' as const, result: xs, value: JSON.stringify(xs) })),
  fc.constantFrom<ProviderOutcome>(
    { kind: 'pending', resumeAt: sec(1) },
    { kind: 'decided', phase: 'Successful' },
    { kind: 'decided', phase: 'Failed' },
    { kind: 'decided', phase: 'Inconclusive' },
    { kind: 'error', message: 'timeout' },
  ),
);

describe('recorded counters (property)', () => {
  it('always equal the measurements taken, by phase, and the trailing streaks', () => {
    const metric = aMetric({
      interval: '1s',
      successCondition: 'result[0] >= 0.95',
      failureCondition: 'result[0] < 0.5',
    });
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 40 }), (outcomes) => {
        let result: MetricResult | undefined;
        for (const [i, o] of outcomes.entries())
          result = applyOutcome(result, metric, o, evaluate, sec(i));
        const finished: AnalysisPhase[] = (result?.measurements ?? [])
          .filter((m) => m.finishedAt !== undefined)
          .map((m) => m.phase);
        const expected = countersOf(finished);
        for (const [key, n] of Object.entries(expected))
          expect((result as Record<string, unknown> | undefined)?.[key] ?? 0).toBe(n);
        // Pending outcomes leave at most one measurement in flight, and only as the last one.
        const inFlight = (result?.measurements ?? []).map((m) => m.finishedAt === undefined);
        expect(inFlight.slice(0, -1)).not.toContain(true);
        // Every outcome but a resume adds a measurement: never more measurements than outcomes.
        expect(result?.measurements?.length ?? 0).toBeLessThanOrEqual(outcomes.length);
      }),
      { numRuns: 300 },
    );
  });
});
