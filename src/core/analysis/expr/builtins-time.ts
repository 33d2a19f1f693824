import { stringArg, type Builtin } from './builtin.js';
import { parseGoDurationNs } from '../../../domain/go-duration.js';
import { ExprError } from './errors.js';
import { GoDuration, parseDate } from './time.js';

export const TIME_BUILTINS: Readonly<Record<string, Builtin>> = {
  now: {
    arity: [0, 0],
    call: (_args, env) => {
      if (env.now === undefined)
        throw new ExprError('now() is unavailable: no clock was passed to the evaluation');
      return new Date(env.now.getTime());
    },
  },
  duration: {
    arity: [1, 1],
    call: (args) => {
      const text = stringArg(args, 0, 'duration');
      const ns = parseGoDurationNs(text);
      if (ns === undefined) throw new ExprError(`time: invalid duration ${JSON.stringify(text)}`);
      return new GoDuration(BigInt(Math.round(ns)));
    },
  },
  date: {
    arity: [1, 3],
    call: (args) => {
      const layout = args.length > 1 ? stringArg(args, 1, 'date') : undefined;
      const zone = args.length > 2 ? stringArg(args, 2, 'date') : undefined;
      const time = parseDate(stringArg(args, 0, 'date'), layout, zone);
      if ('error' in time) throw new ExprError(time.error);
      return time;
    },
  },
};

type TimeMethod = (target: never, args: readonly unknown[]) => unknown;

const NS_PER_MS = 1_000_000n;

function timeArg(args: readonly unknown[], name: string): Date {
  const value = args[0];
  if (!(value instanceof Date) || args.length !== 1)
    throw new ExprError(`invalid arguments for method ${name}`);
  return value;
}

/** The few `time.Time` and `time.Duration` methods conditions use (`now().Sub(t)`, `duration("1h").Seconds()`). */
export const TIME_METHODS: {
  readonly time: Readonly<Record<string, TimeMethod>>;
  readonly duration: Readonly<Record<string, TimeMethod>>;
} = {
  time: {
    Unix: (t: Date) => BigInt(Math.floor(t.getTime() / 1000)),
    UnixMilli: (t: Date) => BigInt(t.getTime()),
    Year: (t: Date) => BigInt(t.getUTCFullYear()),
    Day: (t: Date) => BigInt(t.getUTCDate()),
    Hour: (t: Date) => BigInt(t.getUTCHours()),
    Minute: (t: Date) => BigInt(t.getUTCMinutes()),
    Second: (t: Date) => BigInt(t.getUTCSeconds()),
    Before: (t: Date, args) => t.getTime() < timeArg(args, 'Before').getTime(),
    After: (t: Date, args) => t.getTime() > timeArg(args, 'After').getTime(),
    Equal: (t: Date, args) => t.getTime() === timeArg(args, 'Equal').getTime(),
    Sub: (t: Date, args) =>
      new GoDuration(BigInt(t.getTime() - timeArg(args, 'Sub').getTime()) * NS_PER_MS),
  },
  duration: {
    Hours: (d: GoDuration) => Number(d.ns) / 3.6e12,
    Minutes: (d: GoDuration) => Number(d.ns) / 6e10,
    Seconds: (d: GoDuration) => Number(d.ns) / 1e9,
    Milliseconds: (d: GoDuration) => d.ns / NS_PER_MS,
    Nanoseconds: (d: GoDuration) => d.ns,
    String: (d: GoDuration) => d.toString(),
  },
};
