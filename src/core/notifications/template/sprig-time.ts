import { isTimeZone, zoneOffsetMs } from '../../../domain/zoned-time.js';
import { formatGoDuration, parseGoDuration } from '../../../domain/go-duration.js';
import { FunctionError } from './errors.js';
import { fn, type FunctionEnv, type FunctionTable } from './function.js';
import { parseGoTime } from './time-parse.js';
import { UTC, type Zone } from './time-names.js';
import { GoDuration, GoTime, ZERO_TIME_MS } from './time.js';

const NS_PER_SECOND = 1_000_000_000n;

function clock(env: FunctionEnv, name: string): GoTime {
  if (env.now === undefined)
    throw new FunctionError(
      `${name} needs the current time: render with .time from buildTimeFunctions`,
    );
  return env.now();
}

/** sprig's `dateInZone` argument: a time, or Unix seconds as an int; anything else means now. */
function timeOf(value: unknown, env: FunctionEnv, name: string): GoTime {
  if (value instanceof GoTime) return value;
  if (typeof value === 'bigint') return new GoTime(Number(value) * 1000, UTC);
  return clock(env, name);
}

/**
 * A zone by name. The controller runs in UTC, so `Local` is UTC; IANA names get their offset at
 * `ms` from the runtime's zone data, unnamed (Go would print `CEST` where this prints `+0200`);
 * an unknown name is UTC, as sprig falls back.
 */
function zoneNamed(name: string, ms: number): Zone {
  if (name === '' || name === 'UTC' || name === 'Local' || !isTimeZone(name)) return UTC;
  return { name: '', offsetSeconds: zoneOffsetMs(ms, name) / 1000 };
}

function dateInZone(layout: string, value: unknown, zone: string, env: FunctionEnv): string {
  const time = timeOf(value, env, 'date');
  return time.In(zoneNamed(zone, time.ms)).Format(layout);
}

/** sprig's `durationRound`: the largest whole unit (y, mo, d, h, m, s). */
function durationRound(value: unknown, env: FunctionEnv): string {
  let ns = 0n;
  if (typeof value === 'string') {
    const parsed = parseGoDuration(value);
    ns = parsed.ok ? parsed.ns : 0n;
  } else if (value instanceof GoTime) ns = clock(env, 'durationRound').Sub(value).ns;
  const u = ns < 0n ? -ns : ns;
  const units: readonly (readonly [bigint, string])[] = [
    [365n * 24n * 3600n * NS_PER_SECOND, 'y'],
    [30n * 24n * 3600n * NS_PER_SECOND, 'mo'],
    [24n * 3600n * NS_PER_SECOND, 'd'],
    [3600n * NS_PER_SECOND, 'h'],
    [60n * NS_PER_SECOND, 'm'],
    [NS_PER_SECOND, 's'],
  ];
  const unit = units.find(([size]) => u > size);
  return unit ? `${u / unit[0]}${unit[1]}` : '0s';
}

function secondsOf(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) return BigInt(value);
  return 0n;
}

/** sprig's `dateModify`: the time moved by a Go duration (`-1.5h`); undefined for a bad duration. */
function modify(change: string, time: GoTime): GoTime | undefined {
  const parsed = parseGoDuration(change);
  return parsed.ok ? time.Add(new GoDuration(parsed.ns)) : undefined;
}

/** sprig's date functions; `now` and `ago` read the render's clock, never the machine's. */
export const SPRIG_TIME: FunctionTable = {
  now: fn([], (_args, env) => clock(env, 'now')),
  date: fn(['string', 'any'], ([layout, value], env) =>
    dateInZone(layout as string, value, 'Local', env),
  ),
  dateInZone: fn(['string', 'any', 'string'], ([layout, value, zone], env) =>
    dateInZone(layout as string, value, zone as string, env),
  ),
  htmlDate: fn(['any'], ([value], env) => dateInZone('2006-01-02', value, 'Local', env)),
  htmlDateInZone: fn(['any', 'string'], ([value, zone], env) =>
    dateInZone('2006-01-02', value, zone as string, env),
  ),
  dateModify: fn(
    ['string', 'time'],
    ([change, time]) => modify(change as string, time as GoTime) ?? time,
  ),
  mustDateModify: fn(['string', 'time'], ([change, time]) => {
    const moved = modify(change as string, time as GoTime);
    if (moved === undefined)
      throw new FunctionError(`time: invalid duration ${JSON.stringify(change)}`);
    return moved;
  }),
  toDate: fn(['string', 'string'], ([layout, text]) => {
    const time = parseGoTime(layout as string, text as string);
    return 'error' in time ? new GoTime(ZERO_TIME_MS, UTC) : time;
  }),
  mustToDate: fn(['string', 'string'], ([layout, text]) => {
    const time = parseGoTime(layout as string, text as string);
    if ('error' in time) throw new FunctionError(time.error);
    return time;
  }),
  unixEpoch: fn(['time'], ([time]) => String((time as GoTime).Unix())),
  ago: fn(['any'], ([value], env) => {
    const time = timeOf(value, env, 'ago');
    const since = clock(env, 'ago').Sub(time);
    return since.Round(new GoDuration(NS_PER_SECOND)).String();
  }),
  // sprig reads a string or an int64; Go's untyped int literal gives 0s there, this engine does not
  // tell int from int64 and reads it too.
  duration: fn(['any'], ([seconds]) => formatGoDuration(secondsOf(seconds) * NS_PER_SECOND)),
  durationRound: fn(['any'], ([value], env) => durationRound(value, env)),
};
