import { isRecord } from '../../../domain/json.js';
import { GoDuration } from './time.js';

/**
 * Runtime values: `null` is nil (so is `undefined` from JSON-less callers), `bigint` an expr `int` (int64),
 * `number` a `float64` (what Go's JSON decoder and Prometheus give Argo), `string`, `boolean`, arrays,
 * plain objects as `map[string]interface {}`, `Date` a `time.Time`, {@link GoDuration} a `time.Duration`.
 */
export type Kind =
  'nil' | 'bool' | 'int' | 'float' | 'string' | 'array' | 'map' | 'time' | 'duration' | 'unknown';

export function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'nil';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
    default:
      if (Array.isArray(value)) return 'array';
      if (value instanceof Date) return 'time';
      if (value instanceof GoDuration) return 'duration';
      return isRecord(value) ? 'map' : 'unknown';
  }
}

const GO_TYPE_NAMES: Readonly<Record<Kind, string>> = {
  nil: '<nil>',
  bool: 'bool',
  int: 'int',
  float: 'float64',
  string: 'string',
  array: '[]interface {}',
  map: 'map[string]interface {}',
  time: 'time.Time',
  duration: 'time.Duration',
  unknown: 'unknown',
};

/** Go's `%T` of the value, as expr's messages print it (`float64`, `[]interface {}`, `<nil>`). */
export function typeName(value: unknown): string {
  return GO_TYPE_NAMES[kindOf(value)];
}

export function isNil(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

export function isNumber(value: unknown): value is bigint | number {
  return typeof value === 'bigint' || typeof value === 'number';
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'map';
}

export function toFloat(value: bigint | number): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Wraps to int64 like Go's integer arithmetic. */
export function wrapInt(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

const INT64_MIN = -(2n ** 63n);

/** Go's `int(f)` as amd64 does it: truncation, and the "integer indefinite" MinInt64 for NaN, ±Inf and overflow. */
export function floatToInt(value: number): bigint {
  if (!Number.isFinite(value) || Math.abs(value) >= 2 ** 63) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

export function hasKey(map: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(map, key);
}

/** expr's `runtime.Equal`: numbers compare across int/float, arrays element-wise, other kinds deeply and strictly. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) {
    return typeof a === 'bigint' && typeof b === 'bigint' ? a === b : toFloat(a) === toFloat(b);
  }
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => equal(item, b[i]));
  return deepEqual(a, b);
}

/** Go's `reflect.DeepEqual` over these values: kinds must match exactly (`1` is not `1.0` inside a map). */
export function deepEqual(a: unknown, b: unknown): boolean {
  const kind = kindOf(a);
  if (kind !== kindOf(b)) return false;
  switch (kind) {
    case 'nil':
      return true;
    case 'array': {
      const [x, y] = [a as unknown[], b as unknown[]];
      return x.length === y.length && x.every((item, i) => deepEqual(item, y[i]));
    }
    case 'map': {
      const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
      const keys = Object.keys(x);
      return (
        keys.length === Object.keys(y).length &&
        keys.every((k) => hasKey(y, k) && deepEqual(x[k], y[k]))
      );
    }
    case 'time':
      return (a as Date).getTime() === (b as Date).getTime();
    case 'duration':
      return (a as GoDuration).ns === (b as GoDuration).ns;
    default:
      return a === b;
  }
}

/** A map value with an own `key` even when it is `__proto__`. */
export function makeMap(entries: Iterable<readonly [string, unknown]>): Record<string, unknown> {
  return Object.fromEntries(entries) as Record<string, unknown>;
}
