import { formatGoDuration } from '../../../domain/go-duration.js';
import { formatGoTime } from './time-format.js';
import { DAYS, MONTHS, UTC, type Zone } from './time-names.js';

const NS_PER_MS = 1_000_000n;

/** A Go `time.Duration`: whole nanoseconds. Methods are the ones templates call. */
export class GoDuration {
  constructor(readonly ns: bigint) {}
  String(): string {
    return formatGoDuration(this.ns);
  }
  toString(): string {
    return this.String();
  }
  Hours(): number {
    return Number(this.ns) / 3.6e12;
  }
  Minutes(): number {
    return Number(this.ns) / 6e10;
  }
  Seconds(): number {
    return Number(this.ns) / 1e9;
  }
  Milliseconds(): bigint {
    return this.ns / NS_PER_MS;
  }
  Nanoseconds(): bigint {
    return this.ns;
  }
  Round(m: GoDuration): GoDuration {
    if (m.ns <= 0n) return this;
    const half = m.ns / 2n;
    const r = ((this.ns % m.ns) + m.ns) % m.ns;
    return new GoDuration(this.ns - r + (r >= half ? m.ns : 0n));
  }
  Truncate(m: GoDuration): GoDuration {
    return m.ns <= 0n ? this : new GoDuration(this.ns - (this.ns % m.ns));
  }
}

/**
 * A Go `time.Time` at millisecond precision in a fixed zone. Method names are Go's because
 * templates call them by those names (`{{(call .time.Now).Format "2006-01-02"}}`).
 */
export class GoTime {
  constructor(
    readonly ms: number,
    readonly zone: Zone = UTC,
  ) {}

  /** The wall clock in this zone, as a UTC `Date` for field access. */
  wall(): Date {
    return new Date(this.ms + this.zone.offsetSeconds * 1000);
  }
  Format(layout: string): string {
    return formatGoTime(this.wall(), this.zone, layout);
  }
  String(): string {
    return this.Format('2006-01-02 15:04:05.999999999 -0700 MST');
  }
  toString(): string {
    return this.String();
  }
  UTC(): GoTime {
    return new GoTime(this.ms, UTC);
  }
  Local(): GoTime {
    return this.UTC();
  }
  In(zone: Zone): GoTime {
    return new GoTime(this.ms, zone);
  }
  Unix(): bigint {
    return BigInt(Math.floor(this.ms / 1000));
  }
  UnixMilli(): bigint {
    return BigInt(this.ms);
  }
  UnixNano(): bigint {
    return BigInt(this.ms) * NS_PER_MS;
  }
  Add(d: GoDuration): GoTime {
    return new GoTime(this.ms + Number(d.ns / NS_PER_MS), this.zone);
  }
  Sub(t: GoTime): GoDuration {
    return new GoDuration(BigInt(this.ms - t.ms) * NS_PER_MS);
  }
  Before(t: GoTime): boolean {
    return this.ms < t.ms;
  }
  After(t: GoTime): boolean {
    return this.ms > t.ms;
  }
  Equal(t: GoTime): boolean {
    return this.ms === t.ms;
  }
  IsZero(): boolean {
    return this.ms === ZERO_TIME_MS;
  }
  Year(): bigint {
    return BigInt(this.wall().getUTCFullYear());
  }
  Month(): GoMonth {
    return new GoMonth(this.wall().getUTCMonth() + 1);
  }
  Day(): bigint {
    return BigInt(this.wall().getUTCDate());
  }
  Hour(): bigint {
    return BigInt(this.wall().getUTCHours());
  }
  Minute(): bigint {
    return BigInt(this.wall().getUTCMinutes());
  }
  Second(): bigint {
    return BigInt(this.wall().getUTCSeconds());
  }
  Nanosecond(): bigint {
    return BigInt(this.wall().getUTCMilliseconds()) * NS_PER_MS;
  }
  Weekday(): GoWeekday {
    return new GoWeekday(this.wall().getUTCDay());
  }
  YearDay(): bigint {
    const wall = this.wall();
    const start = new Date(0).setUTCFullYear(wall.getUTCFullYear(), 0, 1);
    return BigInt(Math.floor((wall.getTime() - start) / 86_400_000) + 1);
  }
}

/** Go's `time.Month`: prints as its name, compares as its number. */
export class GoMonth {
  constructor(readonly value: number) {}
  String(): string {
    return MONTHS[this.value - 1] ?? `%!Month(${this.value})`;
  }
  toString(): string {
    return this.String();
  }
}

export class GoWeekday {
  constructor(readonly value: number) {}
  String(): string {
    return DAYS[this.value] ?? `%!Weekday(${this.value})`;
  }
  toString(): string {
    return this.String();
  }
}

/** Go's zero `time.Time` (January 1, year 1, UTC), what sprig's `toDate` gives for bad input. */
export const ZERO_TIME_MS = new Date(0).setUTCFullYear(1, 0, 1);
