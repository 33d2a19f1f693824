import { describe, expect, it } from 'vitest';
import type { Metric } from '../../../../src/domain/index.js';
import { validateRunSpec } from '../../../../src/core/analysis/run/index.js';
import { aMetric } from './builders.js';

describe('validateRunSpec (spec §2.1)', () => {
  it.each<[string, Partial<Metric>]>([
    ['defaults', {}],
    ['count within failureLimit', { count: 2, interval: '60s', failureLimit: 2 }],
    ['count as a string', { count: '3', interval: '1m', failureLimit: '1' }],
    ['count 0 ignores the limits', { count: 0, failureLimit: 5, inconclusiveLimit: 5 }],
    [
      'only consecutiveSuccessLimit',
      { failureLimit: -1, consecutiveSuccessLimit: 3, count: 3, interval: '10s' },
    ],
    [
      'both limits fit in count',
      { failureLimit: 1, consecutiveSuccessLimit: 2, count: 3, interval: '10s' },
    ],
    ['initialDelay parses', { initialDelay: '1m30s' }],
    ['consecutiveErrorLimit 0', { consecutiveErrorLimit: 0 }],
  ])('accepts %s', (_name, o) => {
    expect(validateRunSpec({ metrics: [aMetric(o)] })).toBeUndefined();
  });

  it.each<[Partial<Metric>, string]>([
    [{ count: 1, failureLimit: 2 }, 'metrics[0]: count must be >= failureLimit'],
    [
      { count: 2, interval: '1m', failureLimit: 1, consecutiveSuccessLimit: 2 },
      'metrics[0]: count must be >= failureLimit + consecutiveSuccessLimit',
    ],
    [
      { count: 2, interval: '1m', failureLimit: -1, consecutiveSuccessLimit: 3 },
      'metrics[0]: count must be >= consecutiveSuccessLimit',
    ],
    [{ count: 1, inconclusiveLimit: 2 }, 'metrics[0]: count must be >= inconclusiveLimit'],
    [{ count: 2 }, 'metrics[0]: interval must be specified when count > 1'],
    [
      { interval: '5 minutes' },
      'metrics[0]: invalid interval string: time: unknown unit " minutes" in duration "5 minutes"',
    ],
    [
      { initialDelay: '10' },
      'metrics[0]: invalid startDelay string: time: missing unit in duration "10"',
    ],
    [{ consecutiveSuccessLimit: -1 }, 'metrics[0]: consecutiveSuccessLimit must be >= 0'],
    [{ failureLimit: -2 }, 'metrics[0]: failureLimit must be >= -1'],
    [
      { failureLimit: -1 },
      'metrics[0]: failureLimit and consecutiveSuccessLimit cannot both be disabled',
    ],
    [{ inconclusiveLimit: -1 }, 'metrics[0]: inconclusiveLimit must be >= 0'],
    [{ consecutiveErrorLimit: -1 }, 'metrics[0]: consecutiveErrorLimit must be >= 0'],
    [{ provider: {} }, 'metrics[0]: no provider specified'],
    [{ provider: { prometheus: {}, web: {} } }, 'metrics[0]: multiple providers specified'],
  ])('rejects %j: %s', (o, error) => {
    expect(validateRunSpec({ metrics: [aMetric(o)] })).toBe(error);
  });

  it('rejects a run without metrics and duplicate names', () => {
    expect(validateRunSpec({ metrics: [] })).toBe('no metrics specified');
    expect(validateRunSpec({ metrics: [aMetric(), aMetric({ name: 'latency' }), aMetric()] })).toBe(
      "metrics[2]: duplicate name 'success-rate'",
    );
  });

  it('reports the first invalid metric by index', () => {
    expect(
      validateRunSpec({ metrics: [aMetric(), aMetric({ name: 'latency', provider: {} })] }),
    ).toBe('metrics[1]: no provider specified');
  });

  it.each<[string, object, string | undefined]>([
    ['dry-run regex matching', { dryRun: [{ metricName: '.*' }] }, undefined],
    [
      'dry-run rule matching nothing',
      { dryRun: [{ metricName: 'success-rate' }, { metricName: '^error-' }] },
      "dryRun[1]: Rule didn't match any metric name(s)",
    ],
    [
      'retention regex matching',
      { measurementRetention: [{ metricName: 'rate$', limit: 3 }] },
      undefined,
    ],
    [
      'retention rule matching nothing',
      { measurementRetention: [{ metricName: 'latency', limit: 3 }] },
      "measurementRetention[0]: Rule didn't match any metric name(s)",
    ],
    [
      'a rule that is not a valid regex',
      { dryRun: [{ metricName: '*' }] },
      "dryRun[0]: Rule didn't match any metric name(s)",
    ],
  ])('%s', (_name, rules, error) => {
    expect(validateRunSpec({ metrics: [aMetric()], ...rules })).toBe(error);
  });
});
