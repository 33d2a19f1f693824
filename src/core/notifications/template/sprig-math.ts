import { isEmpty, toFloat64, toInt64 } from './convert.js';
import { FunctionError } from './errors.js';
import { fn, variadic, type FunctionTable } from './function.js';

const INT64 = (v: bigint): bigint => BigInt.asIntN(64, v);

function intDivide(a: bigint, b: bigint, op: string): bigint {
  if (b === 0n) throw new FunctionError(`runtime error: integer ${op} by zero`);
  return op === 'divide' ? a / b : a % b;
}

/** sprig's arithmetic (int64 through cast, so float64 data truncates), conversion and logic helpers. */
export const SPRIG_MATH: FunctionTable = {
  add: variadic([], 'any', (args) => INT64(args.reduce<bigint>((sum, v) => sum + toInt64(v), 0n))),
  add1: fn(['any'], ([a]) => INT64(toInt64(a) + 1n)),
  sub: fn(['any', 'any'], ([a, b]) => INT64(toInt64(a) - toInt64(b))),
  mul: variadic(['any'], 'any', ([a, ...rest]) =>
    INT64(rest.reduce<bigint>((p, v) => p * toInt64(v), toInt64(a))),
  ),
  div: fn(['any', 'any'], ([a, b]) => intDivide(toInt64(a), toInt64(b), 'divide')),
  mod: fn(['any', 'any'], ([a, b]) => intDivide(toInt64(a), toInt64(b), 'modulo')),
  max: variadic(['any'], 'any', ([a, ...rest]) =>
    rest.map(toInt64).reduce((m, v) => (v > m ? v : m), toInt64(a)),
  ),
  min: variadic(['any'], 'any', ([a, ...rest]) =>
    rest.map(toInt64).reduce((m, v) => (v < m ? v : m), toInt64(a)),
  ),
  addf: variadic([], 'any', (args) => args.reduce<number>((sum, v) => sum + toFloat64(v), 0)),
  add1f: fn(['any'], ([a]) => toFloat64(a) + 1),
  subf: variadic(['any'], 'any', ([a, ...rest]) =>
    rest.reduce<number>((r, v) => r - toFloat64(v), toFloat64(a)),
  ),
  mulf: variadic(['any'], 'any', ([a, ...rest]) =>
    rest.reduce<number>((r, v) => r * toFloat64(v), toFloat64(a)),
  ),
  divf: variadic(['any'], 'any', ([a, ...rest]) =>
    rest.reduce<number>((r, v) => r / toFloat64(v), toFloat64(a)),
  ),
  maxf: variadic(['any'], 'any', ([a, ...rest]) => Math.max(toFloat64(a), ...rest.map(toFloat64))),
  minf: variadic(['any'], 'any', ([a, ...rest]) => Math.min(toFloat64(a), ...rest.map(toFloat64))),
  ceil: fn(['any'], ([a]) => Math.ceil(toFloat64(a))),
  floor: fn(['any'], ([a]) => Math.floor(toFloat64(a))),
  round: variadic(['any', 'int'], 'float64', ([a, places]) => {
    const scale = 10 ** Number(places as bigint);
    const scaled = toFloat64(a) * scale;
    // Go's sprig rounds half away from zero.
    return (scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) / scale;
  }),
  atoi: fn(['string'], ([a]) => (/^[+-]?\d+$/.test(a as string) ? BigInt(a as string) : 0n)),
  int: fn(['any'], ([a]) => toInt64(a)),
  int64: fn(['any'], ([a]) => toInt64(a)),
  float64: fn(['any'], ([a]) => toFloat64(a)),
  until: fn(['int'], ([count]) => range(0n, count as bigint, (count as bigint) < 0n ? -1n : 1n)),
  untilStep: fn(['int', 'int', 'int'], ([a, b, step]) =>
    range(a as bigint, b as bigint, step as bigint),
  ),
  default: variadic(['any'], 'any', ([fallback, ...given]) =>
    given.length === 0 || isEmpty(given[0]) ? fallback : given[0],
  ),
  empty: fn(['any'], ([v]) => isEmpty(v)),
  coalesce: variadic([], 'any', (args) => args.find((v) => !isEmpty(v)) ?? null),
  all: variadic([], 'any', (args) => args.every((v) => !isEmpty(v))),
  any: variadic([], 'any', (args) => args.some((v) => !isEmpty(v))),
  ternary: fn(['any', 'any', 'bool'], ([yes, no, cond]) => (cond === true ? yes : no)),
  fail: fn(['string'], ([message]) => {
    throw new FunctionError(message as string);
  }),
};

function range(start: bigint, stop: bigint, step: bigint): bigint[] {
  const out: bigint[] = [];
  if (step === 0n) return out;
  for (let v = start; step > 0n ? v < stop : v > stop; v += step) out.push(v);
  return out;
}
