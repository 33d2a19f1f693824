import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRows } from '../../../../src/providers/metrics/influxdb/annotated-csv.js';
import { evaluateTimeExpression } from '../../../../src/providers/metrics/prometheus/time-expression.js';
import { parseGoDurationMs } from '../../../../src/domain/go-duration.js';
import {
  formatFloatFixed6,
  formatFloatPlain,
  formatFloatV,
  parseGoFloat,
} from '../../../../src/providers/metrics/shared/go-format.js';
import { formatGoJson } from '../../../../src/providers/metrics/shared/json.js';
import { guardMeasurement, SecretList } from '../../../../src/providers/metrics/shared/outcome.js';
import { web } from '../../../../src/providers/metrics/web/index.js';
import { parseJsonPath, selectJsonPath } from '../../../../src/providers/metrics/web/json-path.js';
import { aContext, aMetric, NOW } from '../support/context.js';

describe('Go number formatting', () => {
  it.each([
    [0.95, '0.95', '0.95', '0.950000'],
    [1, '1', '1', '1.000000'],
    [1e-7, '0.0000001', '1e-07', '0.000000'],
    [0.00001, '0.00001', '1e-05', '0.000010'],
    [0.0001, '0.0001', '0.0001', '0.000100'],
    [1.5e21, '1500000000000000000000', '1.5e+21', '1500000000000000000000.000000'],
    [123456789012, '123456789012', '123456789012', '123456789012.000000'],
    [-2.5, '-2.5', '-2.5', '-2.500000'],
    [NaN, 'NaN', 'NaN', 'NaN'],
    [Infinity, '+Inf', '+Inf', '+Inf'],
    [-Infinity, '-Inf', '-Inf', '-Inf'],
  ])('%d ⇒ FormatFloat %s, %%v %s, %%f %s', (v, plain, sprint, fixed) => {
    expect(formatFloatPlain(v)).toBe(plain);
    expect(formatFloatV(v)).toBe(sprint);
    expect(formatFloatFixed6(v)).toBe(fixed);
  });

  it('plain and %v formatting round-trip every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (v) => {
        expect(Number(formatFloatPlain(v))).toBe(v);
        expect(Number(formatFloatV(v))).toBe(v);
      }),
    );
  });

  it.each([
    ['0.5', 0.5],
    ['+Inf', Infinity],
    ['-Inf', -Infinity],
    ['inf', Infinity],
    ['NaN', NaN],
    ['1e-3', 0.001],
    ['.5', 0.5],
    ['fast', undefined],
    ['', undefined],
    ['0x10', undefined],
  ])('parses %j as Go would: %s', (text, expected) => {
    expect(parseGoFloat(text)).toBe(expected);
  });
});

describe('rangeQuery time expressions', () => {
  it.each([
    ['now()', NOW],
    ['now() - duration("1h")', NOW - 3_600_000],
    ['now() - duration(\'90m\') + duration("30s")', NOW - 5_370_000],
    ['now() + duration("-5m")', NOW - 300_000],
    ['duration("1m") + now()', NOW + 60_000],
    ['now() - (duration("1h") + duration("1h"))', NOW - 7_200_000],
    ['  now( )  -  duration( "1.5h" ) ', NOW - 5_400_000],
  ])('%s', (expression, expected) => {
    expect(evaluateTimeExpression(expression, NOW)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [
      'now() - duration("1 hour")',
      'cannot evaluate "now() - duration(\\"1 hour\\")": invalid duration "1 hour"',
    ],
    ['now() + now()', 'cannot evaluate "now() + now()": cannot compute time + time'],
    ['now', 'cannot evaluate "now": now must be called as now()'],
    ['now() -', 'cannot evaluate "now() -": unexpected end of expression'],
    ['now() now()', 'cannot evaluate "now() now()": unexpected "now"'],
    [
      'date("2024-01-01")',
      'cannot evaluate "date(\\"2024-01-01\\")": unsupported input at "date(\\"2024-01-01\\")" (only now(), duration("…"), + and - are supported)',
    ],
    ['now() - now()', '"now() - now()" is a duration, not a time (use now() - duration("…"))'],
  ])('rejects %s', (expression, message) => {
    expect(evaluateTimeExpression(expression, NOW)).toEqual({ ok: false, message });
  });

  it.each([
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['-1.5h', -5_400_000],
    ['250ms', 250],
    ['0', 0],
    ['1', undefined],
    ['h', undefined],
    ['1d', undefined],
  ])('Go duration %s', (text, ms) => {
    expect(parseGoDurationMs(text)).toBe(ms);
  });
});

describe('web jsonPath subset', () => {
  const doc = { data: { ok: true, 'a.b': [10, 20] }, list: [{ v: 1 }, { v: 2 }] };
  it.each([
    ['{$}', doc],
    ['{.data.ok}', true],
    ["{$.data['a.b'][1]}", 20],
    ['{$.list[-1].v}', 2],
    ['{ $.list[0] }', { v: 1 }],
  ])('%s', (path, expected) => {
    const parsed = parseJsonPath(path);
    expect(parsed.ok && selectJsonPath(doc, parsed.value)).toEqual({ ok: true, value: expected });
  });

  it.each(['{$..ok}', '{$.list[0:1]}', '{$.list[?(@.v>1)]}', 'value: {$.data}', '{$.data.*}'])(
    'refuses %s',
    (path) => {
      expect(parseJsonPath(path).ok).toBe(false);
    },
  );
});

describe('CSV rows', () => {
  it('round-trips quoted fields with commas, quotes and line breaks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          const text = rows
            .map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(','))
            .join('\r\n');
          expect(parseCsvRows(text)).toEqual(rows);
        },
      ),
    );
  });
});

describe('never throwing, never leaking', () => {
  it('turns an unexpected exception into an error outcome, redacted', async () => {
    const secrets = new SecretList();
    secrets.add('p@ss');
    const outcome = await guardMeasurement('demo', secrets, () =>
      Promise.reject(new Error('exploded near p@ss')),
    );
    expect(outcome).toEqual({
      kind: 'error',
      message: 'demo provider failed unexpectedly: exploded near *****',
    });
  });

  it('redacts metadata too', () => {
    const secrets = new SecretList();
    secrets.add('tok');
    expect(
      secrets.redactOutcome({
        kind: 'value',
        result: 1,
        value: '1',
        metadata: { warnings: 'saw tok' },
      }),
    ).toEqual({ kind: 'value', result: 1, value: '1', metadata: { warnings: 'saw *****' } });
  });

  it('redacts what the system said (value, result, message) but never the kind, phase or resume time', () => {
    const secrets = new SecretList();
    secrets.add('Failed');
    expect(
      secrets.redactOutcome({
        kind: 'decided',
        phase: 'Failed',
        value: 'Failed',
        message: 'job Failed',
      }),
    ).toEqual({ kind: 'decided', phase: 'Failed', value: '*****', message: 'job *****' });
    expect(
      secrets.redactOutcome({ kind: 'value', result: { said: ['Failed', 1] }, value: '"Failed"' }),
    ).toEqual({ kind: 'value', result: { said: ['*****', 1] }, value: '"*****"' });
  });

  it.each([
    ['an Error with a non-Error cause', new Error('boom', { cause: 'weird' })],
    ['a string', 'boom'],
  ])('reports a fetch that rejects with %s', async (_name, reason) => {
    const ctx = aContext({ fetch: () => Promise.reject(reason as Error) });
    expect(await web.run(ctx, aMetric('web', { url: 'http://metrics.local/x' }))).toEqual({
      kind: 'error',
      message: 'web metric request to http://metrics.local/x failed: boom',
    });
  });

  it('reports an invalid header name instead of throwing', async () => {
    const outcome = await web.run(
      aContext(),
      aMetric('web', {
        url: 'http://metrics.local/x',
        headers: [{ key: 'Bad Header', value: 'v' }],
      }),
    );
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^web provider failed unexpectedly: .*Bad Header/,
    );
  });

  it('writes JSON as Go marshals it: sorted keys, HTML characters escaped', () => {
    expect(formatGoJson({ b: 1, a: { d: '<&>', c: [1e21, 1e-7] } })).toBe(
      '{"a":{"c":[1e+21,1e-7],"d":"\\u003c\\u0026\\u003e"},"b":1}',
    );
  });
});
