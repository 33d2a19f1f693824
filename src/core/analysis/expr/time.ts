import { formatGoDuration } from '../../../domain/go-duration.js';

/** A Go `time.Duration`: whole nanoseconds, int64. Times are plain `Date`s (millisecond precision, UTC). */
export class GoDuration {
  constructor(readonly ns: bigint) {}

  toString(): string {
    return formatGoDuration(this.ns);
  }
}

const NS_PER_MS = 1_000_000n;

/** Go's `Time.String()` for a UTC time: `2024-01-02 03:04:05.5 +0000 UTC`. */
export function formatTime(time: Date): string {
  const iso = time.toISOString();
  const date = iso.slice(0, 10);
  const clock = iso.slice(11, 19);
  const ms = iso.slice(20, 23).replace(/0+$/, '');
  return `${date} ${clock}${ms === '' ? '' : `.${ms}`} +0000 UTC`;
}

/** `time` + `duration`, truncated to the millisecond `Date` can hold. */
export function addDuration(time: Date, duration: GoDuration): Date {
  return new Date(time.getTime() + Number(duration.ns / NS_PER_MS));
}

export function subtractTimes(a: Date, b: Date): GoDuration {
  return new GoDuration(BigInt(a.getTime() - b.getTime()) * NS_PER_MS);
}

const LAYOUTS: Readonly<Record<string, RegExp>> = {
  '2006-01-02': /^(\d{4})-(\d{2})-(\d{2})()()()()()$/,
  '15:04:05': /^()()()(\d{2}):(\d{2}):(\d{2})(\.\d+)?()$/,
  '2006-01-02 15:04:05': /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?()$/,
  '2006-01-02T15:04:05Z07:00':
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/**
 * expr's `date(str[, layout[, timezone]])`, for the layouts `2006-01-02`, `15:04:05`, `2006-01-02 15:04:05` and
 * RFC 3339 in UTC. Returns an error message for anything else.
 */
export function parseDate(text: string, layout?: string, zone?: string): Date | { error: string } {
  if (zone !== undefined && zone !== 'UTC') return { error: `unknown time zone ${zone}` };
  if (layout !== undefined) {
    if (LAYOUTS[layout] === undefined)
      return { error: `date layout ${JSON.stringify(layout)} is not supported` };
    return (
      matchLayout(text, layout) ?? {
        error: `parsing time ${JSON.stringify(text)} as ${JSON.stringify(layout)}: cannot parse`,
      }
    );
  }
  for (const candidate of Object.keys(LAYOUTS)) {
    const time = matchLayout(text, candidate);
    if (time) return time;
  }
  return { error: `invalid date ${text}` };
}

function matchLayout(text: string, layout: string): Date | undefined {
  const m = LAYOUTS[layout]?.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m
    .slice(1, 7)
    .map((part) => (part === '' || part === undefined ? undefined : Number(part)));
  const fraction = Number(`0${m[7] ?? ''}`) || 0;
  const offset = m[8] === undefined || m[8] === '' || m[8] === 'Z' ? 0 : offsetMinutes(m[8]);
  const [y, mo, d] = [year ?? 0, month ?? 1, day ?? 1];
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  if ((hour ?? 0) > 23 || (minute ?? 0) > 59 || (second ?? 0) > 59) return undefined;
  const time = new Date(0);
  time.setUTCFullYear(y, mo - 1, d);
  time.setUTCHours(hour ?? 0, (minute ?? 0) - offset, second ?? 0, Math.floor(fraction * 1000));
  return time;
}

function offsetMinutes(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}
