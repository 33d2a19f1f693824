import { FunctionError } from './errors.js';
import { formatValue, goTypeName, isTrue, kindOf } from './values.js';

/** sprig's `strval`: strings as they are, Stringers through String(), the rest as `%v`. */
export function strval(value: unknown): string {
  return typeof value === 'string' ? value : formatValue(value);
}

/** spf13/cast's `ToInt64` as sprig uses it: unparsable input is 0, floats truncate. */
export function toInt64(value: unknown): bigint {
  switch (kindOf(value)) {
    case 'int':
      return value as bigint;
    case 'float64': {
      const n = value as number;
      return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
    }
    case 'bool':
      return value === true ? 1n : 0n;
    case 'string': {
      // cast trims a zero decimal part ("3.0") and parses with base prefixes (0x, 0o, 0b).
      const text = (value as string).replace(/\.0*$/, '');
      const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9]\d*)$/.exec(text);
      if (!m) return 0n;
      const digits = /^0[0-7]+$/.test(m[2] ?? '') ? `0o${m[2]?.slice(1)}` : (m[2] ?? '0');
      return (m[1] === '-' ? -1n : 1n) * BigInt(digits);
    }
    default:
      return 0n;
  }
}

export function toFloat64(value: unknown): number {
  switch (kindOf(value)) {
    case 'int':
      return Number(value);
    case 'float64':
      return value as number;
    case 'bool':
      return value === true ? 1 : 0;
    case 'string': {
      const text = (value as string).trim();
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : 0;
    }
    default:
      return 0;
  }
}

/** sprig's `strslice`: a list's non-nil elements as strings; a scalar as a one-element list. */
export function strslice(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(strval);
  if (value === null || value === undefined) return [];
  return [strval(value)];
}

/** The list a sprig list function works on; anything else fails like sprig's `Cannot find …`. */
export function listArg(value: unknown, name: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new FunctionError(`Cannot find ${name} on type ${goTypeName(value)}`);
}

/** Go's `reflect.DeepEqual` for JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (kindOf(a) !== kindOf(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (kindOf(a) === 'map') {
    const ka = Object.keys(a as object);
    const mb = b as Record<string, unknown>;
    return (
      ka.length === Object.keys(mb).length &&
      ka.every((k) => Object.hasOwn(mb, k) && deepEqual((a as Record<string, unknown>)[k], mb[k]))
    );
  }
  return formatValue(a) === formatValue(b) && kindOf(a) !== 'float64';
}

/** sprig's `empty`: the opposite of template truth (nil, false, 0, empty strings, lists, maps). */
export function isEmpty(value: unknown): boolean {
  return !isTrue(value);
}
