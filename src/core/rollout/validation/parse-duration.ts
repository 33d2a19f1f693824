import type { IntOrString } from '../../../domain/index.js';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;
/** Go's time.Duration is an int64 of nanoseconds; 2^63 is the first value it cannot hold. */
const MAX_DURATION_NS = 2 ** 63;

const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 micro sign
  μs: 1e3, // U+03BC Greek mu
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/**
 * Seconds of a pause `duration`, as upstream's `RolloutPause.DurationSeconds` reads it: an int is
 * seconds; a string is first tried as a base-10 int32 (seconds, no unit), then as a Go duration
 * (`30s`, `1m30s`, `1.5h`, `500ms`…) truncated to whole seconds. `undefined` when it cannot be
 * read (upstream reports -1 there, which validation rejects).
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
  const ns = parseGoDurationNs(value);
  return ns === undefined ? undefined : Math.trunc(ns / 1e9) || 0;
}

/** Go's `time.ParseDuration`, in nanoseconds; `undefined` where Go returns an error. */
export function parseGoDurationNs(input: string): number | undefined {
  let s = input;
  let neg = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s);
    const whole = m?.[1] ?? '';
    const frac = m?.[2];
    if (whole === '' && (frac === undefined || frac === '')) return undefined; // no digits
    s = s.slice(m?.[0].length ?? 0);
    const unitMatch = /^[^0-9.]+/.exec(s);
    if (!unitMatch) return undefined; // missing unit
    const unit = UNIT_NS[unitMatch[0]];
    if (unit === undefined) return undefined; // unknown unit
    s = s.slice(unitMatch[0].length);
    const amount = Number(`${whole === '' ? '0' : whole}.${frac ?? ''}0`);
    total += amount * unit;
    if (!Number.isFinite(total) || total >= MAX_DURATION_NS) return undefined; // overflow
  }
  return neg ? -total : total;
}
