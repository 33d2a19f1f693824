import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatGoDuration,
  parseGoDuration,
  parseGoDurationMs,
  parseGoDurationNs,
} from '../../src/domain/go-duration.js';

const NS = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

// Expected values are what Go 1.26's time.ParseDuration returns for the same input.
describe('parseGoDuration reads what Go reads', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['+0', 0n],
    ['-0', 0n],
    ['1ns', 1n],
    ['1us', 1000n],
    ['1µs', 1000n],
    ['1μs', 1000n],
    ['1ms', 1000000n],
    ['1s', 1000000000n],
    ['1m', 60000000000n],
    ['1h', 3600000000000n],
    ['30s', 30000000000n],
    ['1m30s', 90000000000n],
    ['2h45m10s', 9910000000000n],
    ['-1.5h', -5400000000000n],
    ['+5m', 300000000000n],
    ['1.5h', 5400000000000n],
    ['.5m', 30000000000n],
    ['5.m', 300000000000n],
    ['1.0000000000000000000001s', 1000000000n],
    ['0.1ns', 0n],
    ['1.9ns', 1n],
    ['2562047h47m16.854775807s', 9223372036854775807n],
    ['-2562047h47m16.854775808s', -9223372036854775808n],
    ['9223372036854775807ns', 9223372036854775807n],
    ['-9223372036854775808ns', -9223372036854775808n],
    ['0.000000001s', 1n],
    ['0.0000000001s', 0n],
    ['1.00000000000000000000000000000000000000000001h', 3600000000000n],
    ['3h0.5m', 10830000000000n],
    ['-.5s', -500000000n],
    ['1h1h1h', 10800000000000n],
  ])('%j is %s ns', (text, ns) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, ns, ms: Number(ns) / 1e6 });
  });
});

describe('parseGoDuration rejects what Go rejects, with its message', () => {
  it.each<[string, string]>([
    ['2562047h47m16.854775808s', 'time: invalid duration "2562047h47m16.854775808s"'],
    ['-2562047h47m16.854775809s', 'time: invalid duration "-2562047h47m16.854775809s"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
    ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
    ['9223372036854775808000ns', 'time: invalid duration "9223372036854775808000ns"'],
    ['2562048h', 'time: invalid duration "2562048h"'],
    [
      '100000000000000000000000000000000000000000000000000000000000000000000001ns',
      'time: invalid duration "100000000000000000000000000000000000000000000000000000000000000000000001ns"',
    ],
    ['1h-1m', 'time: unknown unit "h-" in duration "1h-1m"'],
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['+', 'time: invalid duration "+"'],
    ['1', 'time: missing unit in duration "1"'],
    ['10', 'time: missing unit in duration "10"'],
    ['1.5', 'time: missing unit in duration "1.5"'],
    ['.', 'time: invalid duration "."'],
    ['.s', 'time: invalid duration ".s"'],
    ['s', 'time: invalid duration "s"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['1 s', 'time: unknown unit " s" in duration "1 s"'],
    [' 1s', 'time: invalid duration " 1s"'],
    ['1s ', 'time: unknown unit "s " in duration "1s "'],
    ['5sec', 'time: unknown unit "sec" in duration "5sec"'],
    ['1S', 'time: unknown unit "S" in duration "1S"'],
    ['1e3s', 'time: unknown unit "e" in duration "1e3s"'],
    ['1_000s', 'time: unknown unit "_" in duration "1_000s"'],
    ['0x10s', 'time: unknown unit "x" in duration "0x10s"'],
    ['1..5s', 'time: missing unit in duration "1..5s"'],
    ['++1s', 'time: invalid duration "++1s"'],
    ['1ms2', 'time: missing unit in duration "1ms2"'],
    ['1"x', 'time: unknown unit "\\"x" in duration "1\\"x"'],
    ['1ü', 'time: unknown unit "\\xc3\\xbc" in duration "1\\xc3\\xbc"'],
  ])('%j: %s', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, error });
    expect(parseGoDurationMs(text)).toBeUndefined();
    expect(parseGoDurationNs(text)).toBeUndefined();
  });
});

const unitName = fc.constantFrom(...(Object.keys(NS) as Array<keyof typeof NS>));
const segment = fc.record({ amount: fc.bigInt({ min: 0n, max: 10n ** 12n }), unit: unitName });

describe('parseGoDuration properties', () => {
  it('any int64 count of nanoseconds reads back exactly; one past either end is an error', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (ns) => {
        expect(parseGoDuration(`${ns}ns`)).toEqual({ ok: true, ns, ms: Number(ns) / 1e6 });
      }),
    );
    expect(parseGoDuration(`${INT64_MAX + 1n}ns`).ok).toBe(false);
    expect(parseGoDuration(`${INT64_MIN - 1n}ns`).ok).toBe(false);
  });

  it('segments add up in nanoseconds, and a sum past int64 is an overflow error', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.boolean(), (parts, neg) => {
        const text = `${neg ? '-' : ''}${parts.map((p) => `${p.amount}${p.unit}`).join('')}`;
        const sum = parts.reduce((n, p) => n + p.amount * NS[p.unit], 0n);
        const fits = neg ? sum <= -INT64_MIN : sum <= INT64_MAX;
        const parsed = parseGoDuration(text);
        if (fits)
          expect(parsed).toEqual({
            ok: true,
            ns: neg ? -sum : sum,
            ms: Number(neg ? -sum : sum) / 1e6,
          });
        else expect(parsed).toEqual({ ok: false, error: `time: invalid duration "${text}"` });
      }),
    );
  });

  it('a fraction with up to 9 digits of seconds is exact to the nanosecond', () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.stringMatching(/^[0-9]{1,9}$/), (whole, digits) => {
        const ns = BigInt(whole) * NS.s + BigInt(digits.padEnd(9, '0'));
        expect(parseGoDurationNs(`${whole}.${digits}s`)).toBe(Number(ns));
      }),
    );
  });

  it('a leading minus negates, a leading plus changes nothing', () => {
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), (parts) => {
        const text = parts.map((p) => `${p.amount}${p.unit}`).join('');
        const plain = parseGoDuration(text);
        fc.pre(plain.ok);
        expect(parseGoDuration(`+${text}`)).toEqual(plain);
        const negated = parseGoDuration(`-${text}`);
        expect(negated.ok && plain.ok && negated.ns === -plain.ns).toBe(true);
      }),
    );
  });
});

describe('formatGoDuration writes what Go writes', () => {
  it.each<[bigint, string]>([
    [0n, '0s'],
    [1n, '1ns'],
    [999n, '999ns'],
    [1000n, '1µs'],
    [1500n, '1.5µs'],
    [1000000n, '1ms'],
    [1500000n, '1.5ms'],
    [1000000000n, '1s'],
    [1500000000n, '1.5s'],
    [90000000000n, '1m30s'],
    [3600000000000n, '1h0m0s'],
    [5400000000000n, '1h30m0s'],
    [3723004005006n, '1h2m3.004005006s'],
    [-1500000000n, '-1.5s'],
    [9223372036854775807n, '2562047h47m16.854775807s'],
    [-9223372036854775808n, '-2562047h47m16.854775808s'],
  ])('%s ns is %s', (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it('reads back what it wrote, for every int64', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), (ns) => {
        const back = parseGoDuration(formatGoDuration(ns));
        expect(back.ok && back.ns).toBe(ns);
      }),
    );
  });
});
