import { ExprError } from './errors.js';
import { formatValue } from './format.js';
import { compileGoRegex } from './regex.js';
import { equal, floatToInt, hasKey, isMap, isNil, isNumber, kindOf, typeName } from './values.js';
import { invalidOperation } from './operators.js';

/** `from[key]` / `from.key`: arrays and strings by (negative) index, maps by key (nil when missing). */
export function fetch(from: unknown, key: unknown): unknown {
  const kind = kindOf(from);
  if ((kind === 'array' || kind === 'string') && isNumber(key)) {
    const items = from as unknown[] | string;
    const raw = typeof key === 'bigint' ? key : floatToInt(key);
    const index = raw < 0n ? BigInt(items.length) + raw : raw;
    if (index < 0n || index >= BigInt(items.length)) {
      throw new ExprError(`index out of range: ${index} (array length is ${items.length})`);
    }
    return items[Number(index)];
  }
  if (kind === 'map' && (typeof key === 'string' || isNil(key))) {
    const map = from as Record<string, unknown>;
    const name = key ?? '';
    return hasKey(map, name) ? (map[name] ?? null) : null;
  }
  throw new ExprError(`cannot fetch ${formatValue(key)} from ${typeName(from)}`);
}

/** `a[i:j]` with Go's clamping: negative bounds count from the end, out-of-range bounds are clipped. */
export function slice(from: unknown, start: unknown, end: unknown): unknown {
  if (!Array.isArray(from) && typeof from !== 'string')
    throw new ExprError(`cannot slice ${typeName(from)}`);
  const length = from.length;
  const bound = (value: unknown, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!isNumber(value))
      throw new ExprError(`invalid operation: cannot slice with ${typeName(value)} index`);
    const n = Number(typeof value === 'bigint' ? value : floatToInt(value));
    return Math.min(Math.max(n < 0 ? length + n : n, 0), length);
  };
  const to = bound(end, length);
  return from.slice(Math.min(bound(start, 0), to), to);
}

/** `needle in haystack`: array membership by `==`, map key presence; nil haystack is never a match. */
export function contains(needle: unknown, haystack: unknown): boolean {
  if (isNil(haystack)) return false;
  if (Array.isArray(haystack)) return haystack.some((item) => equal(item, needle));
  if (isMap(haystack)) {
    if (typeof needle === 'string' || isNil(needle)) return hasKey(haystack, needle ?? '');
    throw invalidOperation(needle, 'in', haystack);
  }
  throw new ExprError(`operator "in" not defined on ${typeName(haystack)}`);
}

/** `contains`, `startsWith`, `endsWith`, `matches`: both sides must be strings. */
export function applyStringOperator(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') throw invalidOperation(a, op, b);
  switch (op) {
    case 'contains':
      return a.includes(b);
    case 'startsWith':
      return a.startsWith(b);
    case 'endsWith':
      return a.endsWith(b);
    default:
      return compileGoRegex(b).test(a);
  }
}
