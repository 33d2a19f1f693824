import { FunctionError } from './errors.js';
import { sprint, sprintf, sprintln } from './fmt.js';
import { fn, variadic, type FunctionTable } from './function.js';
import { GoDuration, GoMonth, GoWeekday } from './time.js';
import { goTypeName, isTrue, kindOf } from './values.js';

/**
 * Go's predefined template functions. `and` and `or` are listed for the parser; the executor
 * evaluates them itself because they short-circuit.
 */
export const GO_FUNCTIONS: FunctionTable = {
  and: variadic(['any'], 'any', () => undefined),
  or: variadic(['any'], 'any', () => undefined),
  not: fn(['any'], ([a]) => !isTrue(a)),
  len: fn(['any'], ([a]) => lengthOf(a)),
  index: variadic(['any'], 'any', ([item, ...keys]) => indexValue(item, keys)),
  print: variadic([], 'any', (args) => sprint(args)),
  printf: variadic(['string'], 'any', ([format, ...args]) => sprintf(format as string, args)),
  println: variadic([], 'any', (args) => sprintln(args)),
  eq: variadic(['any'], 'any', ([a, ...rest]) => equals(a, rest)),
  ne: fn(['any', 'any'], ([a, b]) => !equals(a, [b])),
  lt: fn(['any', 'any'], ([a, b]) => less(a, b)),
  le: fn(['any', 'any'], ([a, b]) => less(a, b) || equals(a, [b])),
  gt: fn(['any', 'any'], ([a, b]) => !less(a, b) && !equals(a, [b])),
  ge: fn(['any', 'any'], ([a, b]) => !less(a, b)),
  html: variadic([], 'any', (args) => escapeHtml(joinArgs(args))),
  js: variadic([], 'any', (args) => escapeJs(joinArgs(args))),
  urlquery: variadic([], 'any', (args) => queryEscape(joinArgs(args))),
  call: variadic(['any'], 'any', () => undefined),
};

function lengthOf(value: unknown): bigint {
  switch (kindOf(value)) {
    case 'string':
      return BigInt(new TextEncoder().encode(value as string).length);
    case 'slice':
      return BigInt((value as unknown[]).length);
    case 'map':
      return BigInt(Object.keys(value as object).length);
    case 'invalid':
    case 'nil':
      throw new FunctionError('len of untyped nil');
    default:
      throw new FunctionError(`len of type ${goTypeName(value)}`);
  }
}

function indexValue(item: unknown, keys: readonly unknown[]): unknown {
  let current = item;
  for (const key of keys) {
    const kind = kindOf(current);
    if (kind === 'nil' || kind === 'invalid') throw new FunctionError('index of untyped nil');
    if (kind === 'slice' || kind === 'string') {
      if (typeof key !== 'bigint') {
        const what = kindOf(key) === 'nil' ? 'nil' : `type ${goTypeName(key)}`;
        throw new FunctionError(`cannot index slice/array with ${what}`);
      }
      const list =
        kind === 'string' ? new TextEncoder().encode(current as string) : (current as unknown[]);
      if (key < 0n || key >= BigInt(list.length))
        throw new FunctionError(`index out of range: ${key}`);
      const element = list[Number(key)];
      current = typeof element === 'number' && kind === 'string' ? BigInt(element) : element;
    } else if (kind === 'map') {
      if (typeof key !== 'string')
        throw new FunctionError(`value has type ${goTypeName(key)}; should be string`);
      const map = current as Record<string, unknown>;
      current = Object.hasOwn(map, key) ? map[key] : null;
    } else {
      throw new FunctionError(`can't index item of type ${goTypeName(current)}`);
    }
  }
  return current;
}

type BasicKind = 'bool' | 'int' | 'float' | 'string' | 'other';

function basicKind(value: unknown): BasicKind {
  const kind = kindOf(value);
  if (kind === 'bool' || kind === 'int' || kind === 'string') return kind;
  return kind === 'float64' ? 'float' : 'other';
}

/** Durations, months and weekdays are integers to Go's comparisons (`gt $elapsed 3600000000000`). */
function asBasic(value: unknown): unknown {
  if (value instanceof GoDuration) return value.ns;
  if (value instanceof GoMonth || value instanceof GoWeekday) return BigInt(value.value);
  return value;
}

function isNil(value: unknown): boolean {
  return value === null || value === undefined;
}

/** Go's `eq`: true when `a` equals any of `rest`; mixed basic kinds are an error, as in Go. */
function equals(first: unknown, others: readonly unknown[]): boolean {
  const a = asBasic(first);
  const k1 = basicKind(a);
  for (const b of others.map(asBasic)) {
    const k2 = basicKind(b);
    if (k1 !== k2) {
      if (!isNil(a) && !isNil(b))
        throw new FunctionError(
          `incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`,
        );
      continue;
    }
    if (k1 !== 'other') {
      if (a === b) return true;
      continue;
    }
    if (isNil(a) || isNil(b)) {
      if (isNil(a) === isNil(b)) return true;
      continue;
    }
    throw new FunctionError(`non-comparable types ${goTypeName(a)} and ${goTypeName(b)}`);
  }
  return false;
}

function less(first: unknown, second: unknown): boolean {
  const [a, b] = [asBasic(first), asBasic(second)];
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'other' || k2 === 'other' || k1 === 'bool' || k2 === 'bool')
    throw new FunctionError('invalid type for comparison');
  if (k1 !== k2)
    throw new FunctionError(
      `incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`,
    );
  return (a as number | bigint | string) < (b as number | bigint | string);
}

/** Go's `evalArgs` for html/js/urlquery: one string as is, anything else through Sprint. */
function joinArgs(args: readonly unknown[]): string {
  return args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&#39;',
  '"': '&#34;',
  '\0': '\uFFFD',
};

function escapeHtml(text: string): string {
  return text.replace(/[<>&'"\0]/g, (c) => HTML_ESCAPES[c] ?? c);
}

const JS_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '<': '\\u003C',
  '>': '\\u003E',
  '&': '\\u0026',
  '=': '\\u003D',
  '\n': '\\u000A',
  '\r': '\\u000D',
  '\t': '\\u0009',
};

function escapeJs(text: string): string {
  let out = '';
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (JS_ESCAPES[c] !== undefined) out += JS_ESCAPES[c];
    else if (code < 0x20) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

/** Go's `url.QueryEscape`: unreserved characters kept, space as `+`, the rest `%XX` of UTF-8. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+');
}
