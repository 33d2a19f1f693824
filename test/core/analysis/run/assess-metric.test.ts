import { describe, expect, it } from 'vitest';
import type { AnalysisPhase, Metric, MetricResult } from '../../../../src/domain/index.js';
import { assessMetric } from '../../../../src/core/analysis/run/index.js';
import { aMeasurement, aMetric, aResult, aResultOf } from './builders.js';

const S = 'Successful';
const F = 'Failed';
const I = 'Inconclusive';
const E = 'Error';
const times = (n: number, p: AnalysisPhase): AnalysisPhase[] => Array.from({ length: n }, () => p);

/** [case, metric fields, measurement phases, phase when running on, phase when terminating] */
type Row = [string, Partial<Metric>, AnalysisPhase[], AnalysisPhase, AnalysisPhase];

describe('assessMetric (spec §2.5, §10.11)', () => {
  const every = { interval: '1m' };
  it.each<Row>([
    ['no measurement yet', {}, [], 'Pending', S],
    ['single measurement succeeded', {}, [S], S, S],
    ['single measurement failed', {}, [F], F, F],
    ['failureLimit 0: the first failure fails', every, [S, S, F], F, F],
    ['failureLimit 2: third failure fails', { ...every, failureLimit: 2 }, [F, F, F], F, F],
    [
      'failureLimit 3: three failures tolerated',
      { ...every, failureLimit: 3 },
      [F, F, F],
      'Running',
      S,
    ],
    [
      'failureLimit -1 ignores failures',
      { ...every, failureLimit: -1, consecutiveSuccessLimit: 3 },
      times(6, F),
      'Running',
      S,
    ],
    ['inconclusiveLimit 0', every, [S, I], I, I],
    ['inconclusiveLimit 2 exceeded', { ...every, inconclusiveLimit: 2 }, [I, I, I], I, I],
    ['4 consecutive errors tolerated (default limit 4)', every, times(4, E), 'Running', S],
    ['5th consecutive error ⇒ Error', every, times(5, E), E, E],
    ['errors not in a row are tolerated', every, [E, E, E, S, E, E, E], 'Running', S],
    ['consecutiveErrorLimit 0: first error', { ...every, consecutiveErrorLimit: 0 }, [E], E, E],
    ['Inconclusive beats Failed', { ...every }, [F, I], I, I],
    [
      'Error beats Inconclusive and Failed',
      { ...every, consecutiveErrorLimit: 1 },
      [F, I, E, E],
      E,
      E,
    ],
    ['count reached, all successful', { count: 3, interval: '1m' }, [S, S, S], S, S],
    [
      'count reached with tolerated failures',
      { count: 3, interval: '1m', failureLimit: 1 },
      [S, F, S],
      S,
      S,
    ],
    ['count not reached', { count: 3, interval: '1m' }, [S, S], 'Running', S],
    ['errors do not count towards count', { count: 2, interval: '1m' }, [S, E], 'Running', S],
    [
      'consecutiveSuccessLimit alone: reached',
      { count: 5, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 2 },
      [F, S, S],
      S,
      S,
    ],
    [
      'consecutiveSuccessLimit alone: count reached without it ⇒ Failed',
      { count: 4, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 3 },
      [S, S, F, S],
      F,
      F,
    ],
    [
      'consecutiveSuccessLimit alone: still waiting',
      { count: 5, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 3 },
      [S, F, S, S],
      'Running',
      S,
    ],
    [
      'with failureLimit: streak reached',
      { count: 4, interval: '1m', failureLimit: 1, consecutiveSuccessLimit: 2 },
      [F, S, S],
      S,
      S,
    ],
    [
      'with failureLimit: count reached without streak ⇒ Inconclusive',
      { count: 4, interval: '1m', failureLimit: 1, consecutiveSuccessLimit: 2 },
      [S, F, S, I],
      I,
      I,
    ],
    [
      'with failureLimit: count reached, streak short ⇒ Inconclusive',
      {
        count: 3,
        interval: '1m',
        failureLimit: 1,
        consecutiveSuccessLimit: 2,
        inconclusiveLimit: 1,
      },
      [S, F, S],
      I,
      I,
    ],
    [
      'with failureLimit: failures exceeded first',
      { count: 4, interval: '1m', failureLimit: 1, consecutiveSuccessLimit: 2 },
      [F, S, F],
      F,
      F,
    ],
    ['indefinite metric keeps running', every, times(20, S), 'Running', S],
    [
      'indefinite with consecutiveSuccessLimit',
      { ...every, failureLimit: -1, consecutiveSuccessLimit: 3 },
      [S, S],
      'Running',
      S,
    ],
  ])('%s', (_name, o, phases, running, terminating) => {
    const metric = aMetric(o);
    const result = aResultOf(phases);
    expect([assessMetric(metric, result, false), assessMetric(metric, result, true)]).toEqual([
      running,
      terminating,
    ]);
  });

  it('an in-flight measurement keeps the metric Running, even when terminating', () => {
    const result = aResult({
      measurements: [aMeasurement(S), aMeasurement('Running', { at: 1, inFlight: true })],
      count: 1,
      successful: 1,
    });
    expect([
      assessMetric(aMetric(every), result, false),
      assessMetric(aMetric(every), result, true),
    ]).toEqual(['Running', 'Running']);
  });

  it.each<AnalysisPhase>([S, F, E, I])('a metric already assessed %s keeps its phase', (phase) => {
    const result: MetricResult = aResultOf([S], { phase });
    expect(assessMetric(aMetric(every), result, false)).toBe(phase);
  });
});
