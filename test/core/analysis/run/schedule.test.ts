import { describe, expect, it } from 'vitest';
import type { AnalysisRun } from '../../../../src/domain/index.js';
import { dueMeasurements, nextMeasurementAt } from '../../../../src/core/analysis/run/index.js';
import { aMeasurement, aMetric, aResult, aResultOf, aRun, sec } from './builders.js';

const due = (
  run: AnalysisRun,
  now: number,
): Array<[string, string, number | undefined, boolean | undefined]> =>
  dueMeasurements(run, sec(now)).map((d) => [
    d.metric.name,
    d.kind,
    d.measurementIndex,
    d.terminate,
  ]);

const latency = aMetric({ name: 'latency', interval: '60s' });

describe('dueMeasurements (spec §2.4)', () => {
  it.each<[string, AnalysisRun, number, ReturnType<typeof due>]>([
    [
      'first measurement, no delay',
      aRun({ startedAt: 0 }),
      0,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'within the interval',
      aRun({ metrics: [aMetric({ interval: '60s' })], results: [aResultOf(['Successful'])] }),
      50,
      [],
    ],
    [
      'exactly at the interval',
      aRun({ metrics: [aMetric({ interval: '60s' })], results: [aResultOf(['Successful'])] }),
      60,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'past the interval',
      aRun({ metrics: [aMetric({ interval: '60s' })], results: [aResultOf(['Successful'])] }),
      61,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'initialDelay not yet over',
      aRun({ metrics: [aMetric({ initialDelay: '20s' })], startedAt: 0 }),
      10,
      [],
    ],
    [
      'initialDelay over',
      aRun({ metrics: [aMetric({ initialDelay: '20s' })], startedAt: 0 }),
      20,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'initialDelay counts from status.startedAt',
      aRun({ metrics: [aMetric({ initialDelay: '20s' })], startedAt: 30 }),
      40,
      [],
    ],
    [
      'initialDelay that does not parse',
      aRun({ metrics: [aMetric({ initialDelay: 'soon' })], startedAt: 0 }),
      100,
      [],
    ],
    [
      'single measurement taken (count reached)',
      aRun({ results: [aResultOf(['Successful'])] }),
      100,
      [],
    ],
    [
      'count 3 reached',
      aRun({
        metrics: [aMetric({ count: 3, interval: '10s' })],
        results: [aResultOf(['Successful', 'Failed', 'Successful'])],
      }),
      100,
      [],
    ],
    [
      'count 3 not reached',
      aRun({
        metrics: [aMetric({ count: 3, interval: '10s' })],
        results: [aResultOf(['Successful', 'Successful'])],
      }),
      11,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'error retried after 10 s',
      aRun({ results: [aResultOf(['Error'])] }),
      10,
      [['success-rate', 'run', undefined, undefined]],
    ],
    ['error not retried before 10 s', aRun({ results: [aResultOf(['Error'])] }), 9, []],
    [
      'error retried after 10 s despite a 5m interval',
      aRun({ metrics: [aMetric({ interval: '5m' })], results: [aResultOf(['Error'])] }),
      10,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'in flight, resumeAt ahead',
      aRun({
        results: [
          aResult({ measurements: [aMeasurement('Running', { inFlight: true, resumeAt: 10 })] }),
        ],
      }),
      5,
      [],
    ],
    [
      'in flight, resumeAt passed',
      aRun({
        results: [
          aResultOf(['Successful'], {
            measurements: [
              aMeasurement('Successful'),
              aMeasurement('Running', { at: 1, inFlight: true, resumeAt: 10 }),
            ],
          }),
        ],
      }),
      10,
      [['success-rate', 'resume', 1, undefined]],
    ],
    [
      'in flight without resumeAt',
      aRun({ results: [aResult({ measurements: [aMeasurement('Running', { inFlight: true })] })] }),
      0,
      [['success-rate', 'resume', 0, undefined]],
    ],
    [
      'terminate: in flight stopped at once',
      aRun({
        spec: { terminate: true },
        results: [
          aResult({ measurements: [aMeasurement('Running', { inFlight: true, resumeAt: 99 })] }),
        ],
      }),
      5,
      [['success-rate', 'resume', 0, true]],
    ],
    ['terminate: no new measurement', aRun({ spec: { terminate: true }, startedAt: 0 }), 0, []],
    [
      'sibling failed: no new measurement',
      aRun({
        metrics: [aMetric(), latency],
        results: [aResult({ name: 'latency', phase: 'Failed' })],
      }),
      0,
      [],
    ],
    [
      'dry-run sibling failed: measuring goes on',
      aRun({
        metrics: [aMetric(), latency],
        spec: { dryRun: [{ metricName: 'lat' }] },
        results: [aResult({ name: 'latency', phase: 'Failed', dryRun: true })],
      }),
      0,
      [['success-rate', 'run', undefined, undefined]],
    ],
    [
      'completed metric',
      aRun({
        metrics: [aMetric({ interval: '1s' })],
        results: [aResultOf(['Successful'], { phase: 'Successful' })],
      }),
      100,
      [],
    ],
  ])('%s', (_name, run, now, expected) => {
    expect(due(run, now)).toEqual(expected);
  });
});

describe('nextMeasurementAt (spec §2.4 requeue)', () => {
  const finishedAt = (s: number, o: Parameters<typeof aMetric>[0] = {}) =>
    aRun({
      metrics: [aMetric({ interval: '60s', ...o })],
      results: [aResultOf(['Successful'], { from: s })],
    });

  it.each<[string, AnalysisRun, number, number | undefined]>([
    ['last finish + interval', finishedAt(-30), 0, 30],
    [
      'end of the initialDelay',
      aRun({ metrics: [aMetric({ initialDelay: '40s' })], startedAt: -30 }),
      0,
      10,
    ],
    [
      'initialDelay before the run started counts from now',
      aRun({ metrics: [aMetric({ initialDelay: '40s' })] }),
      5,
      45,
    ],
    [
      'earliest of initialDelay and interval',
      aRun({
        metrics: [aMetric({ interval: '60s' }), aMetric({ name: 'delayed', initialDelay: '40s' })],
        startedAt: -30,
        results: [aResultOf(['Successful'], { from: -30 })],
      }),
      0,
      10,
    ],
    [
      'a bad initialDelay is skipped',
      aRun({
        metrics: [aMetric({ interval: '60s' }), aMetric({ name: 'delayed', initialDelay: 'x' })],
        startedAt: -30,
        results: [aResultOf(['Successful'], { from: -30 })],
      }),
      0,
      30,
    ],
    [
      'earliest of two metrics',
      aRun({
        metrics: [aMetric({ interval: '60s' }), latency],
        results: [
          aResultOf(['Successful'], { from: -30 }),
          aResultOf(['Successful'], { name: 'latency', from: -50 }),
        ],
      }),
      0,
      10,
    ],
    [
      'resumeAt of an in-flight measurement',
      aRun({
        results: [
          aResult({
            measurements: [aMeasurement('Running', { at: -30, inFlight: true, resumeAt: 10 })],
          }),
        ],
      }),
      0,
      10,
    ],
    [
      'in flight without resumeAt: no requeue',
      aRun({ results: [aResult({ measurements: [aMeasurement('Running', { inFlight: true })] })] }),
      0,
      undefined,
    ],
    ['10 s after an error', aRun({ results: [aResultOf(['Error'])] }), 0, 10],
    [
      '10 s after an error despite a 5m interval',
      aRun({ metrics: [aMetric({ interval: '5m' })], results: [aResultOf(['Error'])] }),
      0,
      10,
    ],
    [
      'count reached: no requeue',
      aRun({ metrics: [aMetric({ count: 1 })], results: [aResultOf(['Successful'])] }),
      0,
      undefined,
    ],
    [
      'completed metric: no requeue',
      aRun({
        metrics: [aMetric({ interval: '60s' })],
        results: [aResultOf(['Successful'], { phase: 'Successful' })],
      }),
      0,
      undefined,
    ],
    [
      'completed run: no requeue',
      aRun({ phase: 'Failed', results: [aResultOf(['Error'])] }),
      0,
      undefined,
    ],
  ])('%s', (_name, run, now, expected) => {
    expect(nextMeasurementAt(run, sec(now))).toBe(
      expected === undefined ? undefined : sec(expected),
    );
  });

  it('a reconcile at the returned time has the measurement due', () => {
    const run = finishedAt(-30);
    const next = nextMeasurementAt(run, sec(0));
    expect(next).toBeDefined();
    expect(dueMeasurements(run, next ?? 0).map((d) => d.kind)).toEqual(['run']);
  });
});
