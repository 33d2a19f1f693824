import type { ParamType } from './function.js';
import { GoDuration, GoTime } from './time.js';

/**
 * The methods templates may call on Go values, with their parameter types. Anything else is
 * "can't evaluate field", as in Go; listing them keeps JavaScript's own members (`constructor`,
 * `toString`) out of reach.
 */
const TIME_METHODS: Readonly<Record<string, readonly ParamType[]>> = {
  Format: ['string'],
  String: [],
  UTC: [],
  Local: [],
  Unix: [],
  UnixMilli: [],
  UnixNano: [],
  Add: ['duration'],
  Sub: ['time'],
  Before: ['time'],
  After: ['time'],
  Equal: ['time'],
  IsZero: [],
  Year: [],
  Month: [],
  Day: [],
  Hour: [],
  Minute: [],
  Second: [],
  Nanosecond: [],
  Weekday: [],
  YearDay: [],
};

const DURATION_METHODS: Readonly<Record<string, readonly ParamType[]>> = {
  String: [],
  Hours: [],
  Minutes: [],
  Seconds: [],
  Milliseconds: [],
  Nanoseconds: [],
  Round: ['duration'],
  Truncate: ['duration'],
};

export interface Method {
  readonly params: readonly ParamType[];
  readonly invoke: (args: readonly unknown[]) => unknown;
}

/** The method `name` of `receiver`, when `receiver` is a Go value that has one. */
export function methodOf(receiver: unknown, name: string): Method | undefined {
  const table =
    receiver instanceof GoTime
      ? TIME_METHODS
      : receiver instanceof GoDuration
        ? DURATION_METHODS
        : undefined;
  const params = table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
  if (params === undefined) return undefined;
  const target = receiver as unknown as Record<string, (...args: unknown[]) => unknown>;
  return { params, invoke: (args) => target[name]?.(...args) };
}
