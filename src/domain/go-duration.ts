import type { IntOrString } from './objects.js';

/**
 * Go's `time.ParseDuration`, the one reader of duration strings in specs (`30s`, `1m30s`, `1.5h`,
 * `-250ms`, `1µs`). A `time.Duration` is an int64 of nanoseconds, so the arithmetic is done in
 * BigInt and everything Go rejects — including values past int64 — is an error with Go's wording.
 * Parse once at the edge, then pass numbers around.
 */
export type ParsedGoDuration = { ok: true; ns: bigint; ms: number } | { ok: false; error: string };

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
const MAX = 1n << 63n; // one past int64's maximum; Go allows exactly this much for a negative value

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
const NS_PER_M = 60n * NS_PER_S;
const NS_PER_H = 60n * NS_PER_M;

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek small letter mu
  ms: NS_PER_MS,
  s: NS_PER_S,
  m: NS_PER_M,
  h: NS_PER_H,
};

export function parseGoDuration(text: string): ParsedGoDuration {
  const invalid = fail(`time: invalid duration ${quote(text)}`);
  let s = text;
  const negative = s.startsWith('-');
  if (negative || s.startsWith('+')) s = s.slice(1);
  if (s === '0') return ok(0n);
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!/^[0-9.]/.test(s)) return invalid;
    const whole = /^[0-9]*/.exec(s)?.[0] ?? '';
    s = s.slice(whole.length);
    const value = leadingInt(whole);
    if (value === undefined) return invalid;
    let fraction = '';
    if (s.startsWith('.')) {
      fraction = /^[0-9]*/.exec(s.slice(1))?.[0] ?? '';
      s = s.slice(1 + fraction.length);
    }
    if (whole === '' && fraction === '') return invalid; // "." or ".s": no digits at all
    const unitText = /^[^0-9.]*/.exec(s)?.[0] ?? '';
    s = s.slice(unitText.length);
    if (unitText === '') return fail(`time: missing unit in duration ${quote(text)}`);
    const unit = UNIT_NS[unitText];
    if (unit === undefined) {
      return fail(`time: unknown unit ${quote(unitText)} in duration ${quote(text)}`);
    }
    if (value > MAX / unit) return invalid;
    const amount = value * unit + fractionOf(fraction, unit);
    if (amount > MAX) return invalid;
    total += amount;
    if (total > MAX) return invalid;
  }
  if (negative) return ok(-total);
  if (total > MAX - 1n) return invalid;
  return ok(total);
}

/**
 * Seconds of a `duration` as upstream's `DurationString`/`RolloutPause.DurationSeconds` read it
 * (pause steps, Experiment `spec.duration`): an int is seconds; a string is first tried as a
 * base-10 int32 (seconds, no unit), then as a Go duration truncated to whole seconds. `undefined`
 * when it cannot be read (upstream reports -1 there, which validation rejects).
 */
export function parseDurationSeconds(value: IntOrString): number | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX ? value : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (/^[+-]?[0-9]+$/.test(value)) {
    const n = Number(value);
    // Out of int32 range ParseInt fails, and the Go duration parser then wants a unit.
    return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
  }
  const d = parseGoDuration(value);
  return d.ok ? Number(d.ns / NS_PER_S) : undefined;
}

/** Milliseconds of a Go duration; `undefined` where Go returns an error. */
export function parseGoDurationMs(text: string): number | undefined {
  const d = parseGoDuration(text);
  return d.ok ? d.ms : undefined;
}

/** Nanoseconds of a Go duration (a Number, so exact up to 2^53 ns ≈ 104 days); `undefined` on error. */
export function parseGoDurationNs(text: string): number | undefined {
  const d = parseGoDuration(text);
  return d.ok ? Number(d.ns) : undefined;
}

/** Digits before the point; `undefined` when they overflow int64 as Go's `leadingInt` does. */
function leadingInt(digits: string): bigint | undefined {
  const value = digits === '' ? 0n : BigInt(digits);
  return value > MAX ? undefined : value;
}

/**
 * Digits after the point, scaled to the unit the way Go does it: digits past int64's precision are
 * dropped, and the product goes through a float64 and is truncated.
 */
function fractionOf(digits: string, unit: bigint): bigint {
  let f = 0n;
  let scale = 1;
  for (const d of digits) {
    const next = f * 10n + BigInt(d);
    if (f > (MAX - 1n) / 10n || next > MAX) break;
    f = next;
    scale *= 10;
  }
  return f === 0n ? 0n : BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
}

function ok(ns: bigint): ParsedGoDuration {
  return { ok: true, ns, ms: Number(ns) / 1e6 };
}

function fail(error: string): ParsedGoDuration {
  return { ok: false, error };
}

/**
 * The `time` package's own quoting (not `strconv.Quote`): `"` and `\` escaped, and every byte of a
 * non-ASCII or control character as `\xNN`.
 */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(ch))
        out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

/** Go's `Duration.String()` (also metav1.Duration's JSON): `1h30m0s`, `1.5s`, `250ms`, `1µs`, `0s`. */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  let u = ns < 0n ? -ns : ns;
  if (u < NS_PER_S) {
    const [scale, unit] =
      u < 1_000n ? [1n, 'ns'] : u < NS_PER_MS ? [1_000n, 'µs'] : [NS_PER_MS, 'ms'];
    return `${sign}${withFraction(u, scale)}${unit}`;
  }
  const h = u / NS_PER_H;
  u %= NS_PER_H;
  const m = u / NS_PER_M;
  u %= NS_PER_M;
  return `${sign}${h > 0n ? `${h}h` : ''}${h > 0n || m > 0n ? `${m}m` : ''}${withFraction(u, NS_PER_S)}s`;
}

/** `value / scale` in decimal, trailing zeros of the fraction dropped. */
function withFraction(value: bigint, scale: bigint): string {
  const whole = value / scale;
  const rest = value % scale;
  if (rest === 0n) return `${whole}`;
  const width = scale.toString().length - 1;
  return `${whole}.${rest.toString().padStart(width, '0').replace(/0+$/, '')}`;
}
