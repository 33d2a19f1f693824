import { describe, expect, it } from 'vitest';
import { parseMetricDuration } from '../../../../src/core/analysis/run/index.js';

describe('parseMetricDuration (Go time.ParseDuration)', () => {
  it.each<[string, number]>([
    ['30s', 30_000],
    ['1m30s', 90_000],
    ['500ms', 500],
    ['1h', 3_600_000],
    ['1.5h', 5_400_000],
    ['.5m', 30_000],
    ['100us', 0.1],
    ['0', 0],
    ['-5s', -5000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseMetricDuration(text)).toEqual({ ok: true, ms });
  });

  it.each<[string, string]>([
    ['', 'time: invalid duration ""'],
    ['abc', 'time: invalid duration "abc"'],
    ['.', 'time: invalid duration "."'],
    ['30', 'time: missing unit in duration "30"'],
    ['1h2', 'time: missing unit in duration "1h2"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['5 s', 'time: unknown unit " s" in duration "5 s"'],
    ['99999999999h', 'time: invalid duration "99999999999h"'],
  ])('%j is an error value: %s', (text, error) => {
    expect(parseMetricDuration(text)).toEqual({ ok: false, error });
  });
});
