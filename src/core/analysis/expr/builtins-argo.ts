import { argumentError, type Builtin } from './builtin.js';
import { ExprError } from './errors.js';
import { formatValue } from './format.js';
import { parseGoFloat, parseGoInt } from './go-strconv.js';
import { floatToInt, isNil, isNumber, toFloat, typeName } from './values.js';

function notSupported(name: string, value: unknown): ExprError {
  return new ExprError(`${name}() not supported on ${typeName(value)} ${formatValue(value)}`);
}

function floatArg(value: unknown, name: string): number {
  if (!isNumber(value)) throw argumentError(value, 'float64', name);
  return toFloat(value);
}

/**
 * The functions Argo Rollouts adds to the environment (`utils/evaluate`, spec §2.3). `isNil` and `default`
 * ignore their first argument and look at the measurement `result` itself (§10.12).
 */
export const ARGO_BUILTINS: Readonly<Record<string, Builtin>> = {
  asInt: {
    arity: [1, 1],
    goFunc: true,
    call: ([x]) => {
      if (typeof x === 'bigint') return x;
      if (typeof x === 'number') return floatToInt(x);
      if (typeof x !== 'string') throw notSupported('asInt', x);
      const parsed = parseGoInt(x);
      if (typeof parsed === 'bigint') return parsed;
      throw new ExprError(parsed.error);
    },
  },
  asFloat: {
    arity: [1, 1],
    goFunc: true,
    call: ([x]) => {
      if (isNumber(x)) return toFloat(x);
      if (typeof x !== 'string') throw notSupported('asFloat', x);
      const parsed = parseGoFloat(x);
      if (typeof parsed === 'number') return parsed;
      throw new ExprError(parsed.error);
    },
  },
  isNaN: { arity: [1, 1], goFunc: true, call: ([x]) => Number.isNaN(floatArg(x, 'isNaN')) },
  isInf: {
    arity: [1, 1],
    goFunc: true,
    call: ([x]) => {
      const f = floatArg(x, 'isInf');
      return f === Infinity || f === -Infinity;
    },
  },
  isNil: { arity: [1, 1], goFunc: true, call: (_args, env) => isNil(env.result) },
  default: {
    arity: [2, 2],
    goFunc: true,
    call: ([, fallback], env) => (isNil(env.result) ? fallback : env.result),
  },
};
