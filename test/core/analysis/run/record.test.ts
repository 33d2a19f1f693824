import { describe, expect, it } from 'vitest';
import type { AnalysisPhase, Metric } from '../../../../src/domain/index.js';
import type { ProviderOutcome } from '../../../../src/providers/metrics/types.js';
import {
  applyOutcome,
  phaseFromConditions,
  trimMeasurements,
} from '../../../../src/core/analysis/run/index.js';
import {
  aMeasurement,
  aMetric,
  aResult,
  aResultOf,
  evaluate,
  evaluateWith,
  iso,
  sec,
} from './builders.js';

const value = (result: unknown, text = JSON.stringify(result)): ProviderOutcome => ({
  kind: 'value',
  result,
  value: text,
});

describe('measurement phase from conditions (spec §2.3)', () => {
  const yes = 'yes';
  const no = 'no';
  const bool = evaluateWith({ yes: () => true, no: () => false });
  it.each<[string, Partial<Metric>, AnalysisPhase]>([
    ['neither', {}, 'Successful'],
    ['only success, true', { successCondition: yes }, 'Successful'],
    ['only success, false', { successCondition: no }, 'Failed'],
    ['only failure, true', { failureCondition: yes }, 'Failed'],
    ['only failure, false', { failureCondition: no }, 'Successful'],
    ['both, failure true', { successCondition: yes, failureCondition: yes }, 'Failed'],
    ['both, success true', { successCondition: yes, failureCondition: no }, 'Successful'],
    ['both false', { successCondition: no, failureCondition: no }, 'Inconclusive'],
  ])('%s ⇒ %s', (_name, conditions, phase) => {
    expect(phaseFromConditions(aMetric(conditions), [1], bool)).toEqual({ phase });
  });

  it.each<[string, Partial<Metric>, unknown, string]>([
    [
      'engine error',
      { successCondition: 'result == "x"' },
      [1],
      'could not evaluate successCondition "result == "x"": invalid operation: == (mismatched types float64 and string)',
    ],
    [
      'empty vector',
      { successCondition: 'result[0] >= 0.95' },
      [],
      'could not evaluate successCondition "result[0] >= 0.95": metric result is nil or empty: no data returned from the metric provider',
    ],
    [
      'nil result',
      { successCondition: 'result[0] >= 0.95' },
      null,
      'could not evaluate successCondition "result[0] >= 0.95": metric result is nil or empty: no data returned from the metric provider',
    ],
    [
      'failure condition',
      { failureCondition: 'result == "x"' },
      [1],
      'could not evaluate failureCondition "result == "x"": invalid operation: == (mismatched types float64 and string)',
    ],
    [
      'unknown to the evaluator',
      { successCondition: 'nope' },
      0.5,
      'could not evaluate successCondition "nope": unknown condition nope',
    ],
  ])('%s ⇒ Error', (_name, conditions, result, message) => {
    expect(phaseFromConditions(aMetric(conditions), result, evaluate)).toEqual({
      phase: 'Error',
      message,
    });
  });
});

describe('applyOutcome', () => {
  const metric = aMetric({ successCondition: 'result[0] >= 0.95' });

  it('appends a measurement judged by the conditions, with its value and counters', () => {
    const r = applyOutcome(undefined, metric, value([0.99], '[0.99]'), evaluate, sec(5), sec(4));
    expect(r).toEqual({
      name: 'success-rate',
      phase: 'Running',
      measurements: [
        { phase: 'Successful', value: '[0.99]', startedAt: iso(4), finishedAt: iso(5) },
      ],
      count: 1,
      successful: 1,
      failed: 0,
      inconclusive: 0,
      error: 0,
      consecutiveError: 0,
      consecutiveSuccess: 1,
    });
  });

  it('keeps the value of a measurement whose evaluation failed', () => {
    const r = applyOutcome(undefined, metric, value([], '[]'), evaluate, sec(0));
    expect(r.measurements?.[0]).toMatchObject({ phase: 'Error', value: '[]' });
    expect(r).toMatchObject({ count: 0, error: 1, consecutiveError: 1 });
  });

  it.each<[string, ProviderOutcome, object]>([
    [
      'pending',
      { kind: 'pending', resumeAt: sec(30) - 400, metadata: { job: 'j1' } },
      { phase: 'Running', resumeAt: iso(30), metadata: { job: 'j1' } },
    ],
    [
      'decided',
      { kind: 'decided', phase: 'Inconclusive', value: '0.4', message: 'score 40' },
      { phase: 'Inconclusive', value: '0.4', message: 'score 40', finishedAt: iso(0) },
    ],
    [
      'error',
      { kind: 'error', message: 'Post "http://prom": timeout' },
      { phase: 'Error', message: 'Post "http://prom": timeout', finishedAt: iso(0) },
    ],
  ])('a %s outcome', (_name, outcome, measurement) => {
    const r = applyOutcome(undefined, metric, outcome, evaluate, sec(0));
    expect(r.measurements).toEqual([{ startedAt: iso(0), ...measurement }]);
  });

  it('a pending outcome moves no counter', () => {
    const r = applyOutcome(
      aResultOf(['Successful']),
      metric,
      { kind: 'pending', resumeAt: sec(9) },
      evaluate,
      sec(5),
    );
    expect(r).toMatchObject({ count: 1, successful: 1, consecutiveSuccess: 1 });
    expect(r.measurements).toHaveLength(2);
  });

  it('a resume replaces the in-flight measurement, keeping its start and metadata', () => {
    const inFlight = {
      ...aMeasurement('Running', { at: 3, inFlight: true, resumeAt: 8 }),
      metadata: { job: 'j1' },
    };
    const prior = aResultOf(['Failed'], { measurements: [aMeasurement('Failed'), inFlight] });
    const r = applyOutcome(
      prior,
      metric,
      { kind: 'decided', phase: 'Successful', metadata: { 'job-status': 'Complete' } },
      evaluate,
      sec(9),
    );
    expect(r.measurements).toEqual([
      aMeasurement('Failed'),
      {
        phase: 'Successful',
        startedAt: iso(3),
        finishedAt: iso(9),
        metadata: { job: 'j1', 'job-status': 'Complete' },
      },
    ]);
    expect(r).toMatchObject({ count: 2, failed: 1, successful: 1, consecutiveSuccess: 1 });
  });

  it.each<[string, AnalysisPhase[], AnalysisPhase, object]>([
    [
      'an error does not count towards count',
      ['Successful'],
      'Error',
      { count: 1, error: 1, consecutiveError: 1, consecutiveSuccess: 0 },
    ],
    ['errors in a row', ['Error', 'Error'], 'Error', { count: 0, error: 3, consecutiveError: 3 }],
    [
      'a success resets consecutiveError',
      ['Error', 'Error'],
      'Successful',
      { count: 1, error: 2, consecutiveError: 0, consecutiveSuccess: 1 },
    ],
    [
      'a failure resets both streaks',
      ['Successful', 'Successful'],
      'Failed',
      { count: 3, failed: 1, consecutiveSuccess: 0, consecutiveError: 0 },
    ],
    [
      'an inconclusive resets consecutiveSuccess',
      ['Successful'],
      'Inconclusive',
      { count: 2, inconclusive: 1, consecutiveSuccess: 0 },
    ],
    [
      'successes in a row',
      ['Successful', 'Successful'],
      'Successful',
      { count: 3, successful: 3, consecutiveSuccess: 3 },
    ],
  ])('%s', (_name, before, phase, counters) => {
    const outcome: ProviderOutcome =
      phase === 'Error'
        ? { kind: 'error', message: 'boom' }
        : { kind: 'decided', phase: phase as 'Successful' };
    expect(applyOutcome(aResultOf(before), metric, outcome, evaluate, sec(60))).toMatchObject(
      counters,
    );
  });
});

describe('trimMeasurements (spec §2.4 retention)', () => {
  const twelve = aResultOf(Array.from({ length: 12 }, () => 'Successful' as const));
  const values = (n: number) => Array.from({ length: n }, (_, i) => iso(12 - n + i));

  it('keeps the newest 10 by default and reports what was cut', () => {
    const trimmed = trimMeasurements([twelve], { metrics: [aMetric()] });
    if (!trimmed.ok) throw new Error(trimmed.error);
    expect(trimmed.value.metricResults[0]?.measurements?.map((m) => m.startedAt)).toEqual(
      values(10),
    );
    expect(trimmed.value.metricResults[0]?.count).toBe(12);
    expect(trimmed.value.trimmed).toEqual([
      { metricName: 'success-rate', limit: 10, removed: twelve.measurements?.slice(0, 2) },
    ]);
  });

  it.each<[string, Array<{ metricName: string; limit: number }>, number]>([
    ['a regex rule', [{ metricName: '^success-', limit: 3 }], 3],
    [
      'the last matching rule wins',
      [
        { metricName: '.*', limit: 3 },
        { metricName: 'rate', limit: 5 },
      ],
      5,
    ],
    ['limit 0 keeps the default', [{ metricName: '.*', limit: 0 }], 10],
    ['a limit above the history', [{ metricName: '.*', limit: 20 }], 12],
  ])('%s', (_name, measurementRetention, kept) => {
    const trimmed = trimMeasurements([twelve], { metrics: [aMetric()], measurementRetention });
    expect(trimmed.ok && trimmed.value.metricResults[0]?.measurements).toHaveLength(kept);
  });

  it('a rule matching no metric is an error', () => {
    expect(
      trimMeasurements([twelve], {
        metrics: [aMetric()],
        measurementRetention: [{ metricName: 'latency', limit: 2 }],
      }),
    ).toEqual({
      ok: false,
      error: "measurementRetention[0]: Rule didn't match any metric name(s)",
    });
  });

  it('leaves results of metrics not in the spec alone', () => {
    const orphan = { ...twelve, name: 'gone' };
    const trimmed = trimMeasurements([orphan, aResult({ name: 'success-rate' })], {
      metrics: [aMetric()],
    });
    expect(trimmed.ok && trimmed.value.metricResults[0]).toBe(orphan);
  });
});
