import type { Builtin } from './builtin.js';
import { ExprError } from './errors.js';
import { parseGoFloat, parseGoInt } from './go-strconv.js';
import { applyComparison } from './operators.js';
import { GoDuration } from './time.js';
import { floatToInt, isNumber, kindOf, toFloat, typeName, wrapInt } from './values.js';

const invalidArgument = (name: string, value: unknown): ExprError =>
  new ExprError(`invalid argument for ${name} (type ${typeName(value)})`);

/** ceil/floor/round: floats round, ints become floats (expr's `builtin/lib.go`). */
function rounding(name: string, fn: (x: number) => number): Builtin {
  return {
    arity: [1, 1],
    call: ([x]) => {
      if (!isNumber(x)) throw invalidArgument(name, x);
      return fn(toFloat(x));
    },
  };
}

/** Go's `math.Round`: half away from zero. */
const roundHalfAway = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

/** max/min over numbers and (nested) arrays of numbers, keeping each value's type; expr's `minMax`. */
function extremum(
  name: string,
  better: (candidate: unknown, current: unknown) => boolean,
): Builtin {
  const visit = (args: readonly unknown[]): unknown => {
    let best: unknown = null;
    for (const arg of args) {
      if (Array.isArray(arg)) {
        for (const item of arg) {
          const value = visit([item]);
          if (!isNumber(value)) throw invalidArgument(name, value);
          if (best === null || better(value, best)) best = value;
        }
      } else if (isNumber(arg)) {
        if (best === null || better(arg, best)) best = arg;
      } else if (args.length === 1) {
        return arg;
      } else {
        throw invalidArgument(name, arg);
      }
    }
    return best;
  };
  return { arity: [1, Infinity], call: visit };
}

/** All numbers in the arguments, arrays flattened, for mean and median. */
function numbers(name: string, args: readonly unknown[]): number[] {
  return args.flatMap((arg): number[] => {
    if (Array.isArray(arg)) return numbers(name, arg);
    if (isNumber(arg)) return [toFloat(arg)];
    throw invalidArgument(name, arg);
  });
}

export const MATH_BUILTINS: Readonly<Record<string, Builtin>> = {
  abs: {
    arity: [1, 1],
    call: ([x]) => {
      if (typeof x === 'bigint') return x < 0n ? wrapInt(-x) : x;
      if (typeof x === 'number') return Math.abs(x);
      throw invalidArgument('abs', x);
    },
  },
  ceil: rounding('ceil', Math.ceil),
  floor: rounding('floor', Math.floor),
  round: rounding('round', roundHalfAway),
  int: {
    arity: [1, 1],
    call: ([x]) => {
      if (typeof x === 'bigint') return x;
      if (typeof x === 'number') return floatToInt(x);
      if (x instanceof GoDuration) return x.ns;
      if (typeof x === 'string') {
        const parsed = parseGoInt(x);
        if (typeof parsed === 'bigint') return parsed;
        throw new ExprError(`invalid operation: int(${x})`);
      }
      throw new ExprError(`invalid operation: int(${typeName(x)})`);
    },
  },
  float: {
    arity: [1, 1],
    call: ([x]) => {
      if (isNumber(x)) return toFloat(x);
      if (typeof x === 'string') {
        const parsed = parseGoFloat(x);
        if (typeof parsed === 'number') return parsed;
        throw new ExprError(`invalid operation: float(${x})`);
      }
      throw new ExprError(`invalid operation: float(${typeName(x)})`);
    },
  },
  max: extremum('max', (candidate, current) => applyComparison('>', candidate, current)),
  min: extremum('min', (candidate, current) => applyComparison('<', candidate, current)),
  mean: {
    arity: [1, Infinity],
    call: (args) => {
      const values = numbers('mean', args);
      return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
    },
  },
  median: {
    arity: [1, Infinity],
    call: (args) => {
      const values = numbers('median', args).sort((a, b) => a - b);
      const mid = Math.floor(values.length / 2);
      if (values.length === 0) return 0;
      return values.length % 2 === 1
        ? (values[mid] ?? 0)
        : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
    },
  },
  type: {
    arity: [1, 1],
    call: ([x]) => {
      const kind = kindOf(x);
      return kind === 'time' ? 'time.Time' : kind === 'duration' ? 'time.Duration' : kind;
    },
  },
};
