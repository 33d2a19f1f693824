import { describe, expect, it } from 'vitest';
import type { AnalysisPhase, Metric } from '../../../../src/domain/index.js';
import { assessRun, isWorse } from '../../../../src/core/analysis/run/index.js';
import { aMeasurement, aMetric, aResult, aResultOf, aRun, iso, sec } from './builders.js';

const every = { interval: '1m' };
const runForever = aMetric({ name: 'run-forever', ...every });
const failing = aMetric({ name: 'failed-metric' });
const zero = { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };

describe('worst-of order (spec §2.5)', () => {
  const order: AnalysisPhase[] = [
    'Successful',
    'Running',
    'Pending',
    'Inconclusive',
    'Error',
    'Failed',
  ];
  it.each(order.flatMap((a, i) => order.map((b, j) => [a, b, j > i] as const)))(
    'isWorse(%s, %s) is %s',
    (a, b, worse) => {
      expect(isWorse(a, b)).toBe(worse);
    },
  );

  it.each<[AnalysisPhase, AnalysisPhase, AnalysisPhase]>([
    ['Successful', 'Inconclusive', 'Inconclusive'],
    ['Inconclusive', 'Error', 'Error'],
    ['Failed', 'Error', 'Failed'],
    ['Successful', 'Successful', 'Successful'],
  ])('%s and %s ⇒ %s', (a, b, worst) => {
    const run = aRun({
      metrics: [aMetric({ name: 'a' }), aMetric({ name: 'b' })],
      results: [aResult({ name: 'a', phase: a }), aResult({ name: 'b', phase: b })],
    });
    expect(assessRun(run, sec(0)).phase).toBe(worst);
  });
});

describe('assessRun', () => {
  it('is Running while a metric runs, and sets startedAt on the first assessment', () => {
    const run = aRun({
      metrics: [aMetric({ name: 'latency' }), aMetric(every)],
      results: [aResultOf(['Successful'], { name: 'latency' }), aResultOf(['Successful'])],
    });
    const a = assessRun(run, sec(7));
    expect(a).toMatchObject({
      phase: 'Running',
      startedAt: iso(7),
      terminating: false,
      runSummary: { ...zero, count: 2, successful: 1 },
    });
    expect(a.message).toBeUndefined();
    expect(a.completedAt).toBeUndefined();
    expect(a.metricResults.map((r) => r.phase)).toEqual(['Successful', 'Running']);
  });

  it('is Running while a metric has not started (initialDelay)', () => {
    const run = aRun({
      metrics: [aMetric(), aMetric({ name: 'later', initialDelay: '5m' })],
      startedAt: 0,
      results: [aResultOf(['Successful'])],
    });
    expect(assessRun(run, sec(1))).toMatchObject({ phase: 'Running', startedAt: iso(0) });
  });

  it('completes with the worst phase and its reason once every metric completed', () => {
    const run = aRun({
      metrics: [aMetric(), aMetric({ name: 'latency' })],
      startedAt: 0,
      results: [aResultOf(['Successful']), aResultOf(['Failed'], { name: 'latency' })],
    });
    expect(assessRun(run, sec(9))).toMatchObject({
      phase: 'Failed',
      message: 'Metric "latency" assessed Failed due to failed (1) > failureLimit (0)',
      completedAt: iso(9),
      runSummary: { ...zero, count: 2, successful: 1, failed: 1 },
      dryRunSummary: zero,
      terminating: true,
    });
  });

  it.each<[string, Partial<Metric>, AnalysisPhase[], string]>([
    [
      'failureLimit',
      { ...every, failureLimit: 1 },
      ['Failed', 'Failed'],
      'Metric "success-rate" assessed Failed due to failed (2) > failureLimit (1)',
    ],
    [
      'inconclusiveLimit',
      every,
      ['Inconclusive'],
      'Metric "success-rate" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)',
    ],
    [
      'consecutiveErrorLimit',
      every,
      ['Error', 'Error', 'Error', 'Error', 'Error'],
      'Metric "success-rate" assessed Error due to consecutiveErrors (5) > consecutiveErrorLimit (4): "Error Message: timeout"',
    ],
    [
      'consecutiveSuccessLimit alone',
      { count: 2, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 2 },
      ['Failed', 'Successful'],
      'Metric "success-rate" assessed Failed due to consecutiveSuccess (1) < consecutiveSuccessLimit (2)',
    ],
    [
      'consecutiveSuccessLimit with failureLimit',
      { count: 3, interval: '1m', failureLimit: 1, consecutiveSuccessLimit: 2 },
      ['Successful', 'Failed', 'Successful'],
      'Metric "success-rate" assessed Inconclusive due to consecutiveSuccess (1) < consecutiveSuccessLimit (2) and failed (1) <= failureLimit (1)',
    ],
  ])('message for %s', (_name, o, phases, message) => {
    const result = aResultOf(phases);
    const last = result.measurements?.at(-1);
    if (last?.phase === 'Error') last.message = 'timeout';
    expect(assessRun(aRun({ metrics: [aMetric(o)], results: [result] }), sec(60)).message).toBe(
      message,
    );
  });

  it('a metric changing phase takes its last measurement’s message', () => {
    const result = aResult({
      measurements: [
        aMeasurement('Error', { message: 'could not evaluate successCondition "x": boom' }),
      ],
      error: 1,
      consecutiveError: 1,
      message: 'old',
    });
    const a = assessRun(
      aRun({ metrics: [aMetric({ consecutiveErrorLimit: 0 })], results: [result] }),
      sec(0),
    );
    expect(a.metricResults[0]).toMatchObject({
      phase: 'Error',
      message: 'could not evaluate successCondition "x": boom',
    });
    expect(a.message).toBe(
      'Metric "success-rate" assessed Error due to consecutiveErrors (1) > consecutiveErrorLimit (0): "Error Message: could not evaluate successCondition "x": boom"',
    );
  });

  it('with several failures, the first worst metric names the run', () => {
    const run = aRun({
      metrics: [runForever, failing],
      results: [
        aResultOf(['Failed'], { name: 'run-forever' }),
        aResultOf(['Failed'], { name: 'failed-metric' }),
      ],
    });
    expect(assessRun(run, sec(0))).toMatchObject({
      phase: 'Failed',
      message: 'Metric "run-forever" assessed Failed due to failed (1) > failureLimit (0)',
    });
  });

  describe('dry run (spec §2.5)', () => {
    it('a failing dry-run metric never fails the run and is counted apart', () => {
      const run = aRun({
        metrics: [runForever, failing],
        spec: { dryRun: [{ metricName: '.*' }] },
        results: [
          aResult({ name: 'run-forever', phase: 'Successful' }),
          aResultOf(['Failed'], { name: 'failed-metric' }),
        ],
      });
      const a = assessRun(run, sec(0));
      expect(a).toMatchObject({
        phase: 'Successful',
        runSummary: zero,
        dryRunSummary: { ...zero, count: 2, successful: 1, failed: 1 },
        terminating: false,
      });
      expect(a.message).toBeUndefined();
      expect(a.metricResults[1]).toMatchObject({
        phase: 'Failed',
        message: 'Metric assessed Failed due to failed (1) > failureLimit (0)',
      });
    });

    it('a regex picks the dry-run metrics; the others still decide the run', () => {
      const run = aRun({
        metrics: [runForever, failing],
        spec: { dryRun: [{ metricName: '^failed-' }] },
        results: [
          aResultOf(['Inconclusive'], { name: 'run-forever' }),
          aResultOf(['Failed'], { name: 'failed-metric' }),
        ],
      });
      expect(assessRun(run, sec(0))).toMatchObject({
        phase: 'Inconclusive',
        message:
          'Metric "run-forever" assessed Inconclusive due to inconclusive (1) > inconclusiveLimit (0)',
        runSummary: { ...zero, count: 1, inconclusive: 1 },
        dryRunSummary: { ...zero, count: 1, failed: 1 },
      });
    });

    it('a dry-run metric still has to complete before the run does', () => {
      const run = aRun({
        metrics: [aMetric(), aMetric({ name: 'shadow', ...every })],
        spec: { dryRun: [{ metricName: 'shadow' }] },
        results: [aResultOf(['Successful']), aResultOf(['Successful'], { name: 'shadow' })],
      });
      expect(assessRun(run, sec(0)).phase).toBe('Running');
    });
  });

  describe('termination', () => {
    it('a terminated run with no failures is Successful: "Run Terminated"', () => {
      const run = aRun({
        metrics: [aMetric({ ...every, initialDelay: '20s' })],
        startedAt: 0,
        spec: { terminate: true },
      });
      expect(assessRun(run, sec(1))).toMatchObject({
        phase: 'Successful',
        message: 'Run Terminated',
        completedAt: iso(1),
        terminating: true,
      });
    });

    it('…also with only dry-run metrics', () => {
      const run = aRun({
        metrics: [aMetric(every)],
        spec: { terminate: true, dryRun: [{ metricName: 'success-rate' }] },
      });
      expect(assessRun(run, sec(0))).toMatchObject({
        phase: 'Successful',
        message: 'Run Terminated',
        dryRunSummary: { ...zero, count: 1 },
      });
    });

    it('an indefinite metric is Successful once the run terminates', () => {
      const run = aRun({
        metrics: [aMetric(every)],
        spec: { terminate: true },
        results: [aResultOf(['Successful', 'Successful'])],
      });
      expect(assessRun(run, sec(0))).toMatchObject({
        phase: 'Successful',
        message: 'Run Terminated',
        runSummary: { ...zero, count: 1, successful: 1 },
      });
    });

    it('a failure still decides a terminated run', () => {
      const run = aRun({
        metrics: [aMetric(every)],
        spec: { terminate: true },
        results: [aResultOf(['Successful', 'Failed'])],
      });
      expect(assessRun(run, sec(0))).toMatchObject({
        phase: 'Failed',
        message: 'Metric "success-rate" assessed Failed due to failed (1) > failureLimit (0)',
      });
    });

    it('a sibling that failed earlier stops an indefinite metric', () => {
      const run = aRun({
        metrics: [runForever, failing],
        results: [
          aResultOf(['Successful'], { name: 'run-forever' }),
          aResultOf(['Failed'], { name: 'failed-metric', phase: 'Failed' }),
        ],
      });
      const a = assessRun(run, sec(0));
      expect(a.phase).toBe('Failed');
      expect(a.metricResults[0]?.phase).toBe('Successful');
    });

    it('a sibling failing now is judged with the state from before: the run goes on one more reconcile', () => {
      const run = aRun({
        metrics: [runForever, failing],
        results: [
          aResultOf(['Successful'], { name: 'run-forever' }),
          aResultOf(['Failed'], { name: 'failed-metric' }),
        ],
      });
      expect(assessRun(run, sec(0))).toMatchObject({ phase: 'Running', terminating: true });
    });
  });
});
