import { goQuote } from './quote.js';
import { fn, variadic, type FunctionTable } from './function.js';
import { strslice, strval } from './convert.js';

const s = (value: unknown): string => value as string;
const n = (value: unknown): number => Number(value as bigint);
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const notNil = (v: unknown): boolean => v !== null && v !== undefined;

/** sprig's string functions, with Go's parameter types (`trunc` takes an int, then a string). */
export const SPRIG_STRINGS: FunctionTable = {
  upper: fn(['string'], ([a]) => s(a).toUpperCase()),
  lower: fn(['string'], ([a]) => s(a).toLowerCase()),
  title: fn(['string'], ([a]) => title(s(a))),
  untitle: fn(['string'], ([a]) =>
    s(a).replace(/(^|\s)(\p{L})/gu, (_m, p, c) => `${p}${c.toLowerCase()}`),
  ),
  trim: fn(['string'], ([a]) => s(a).trim()),
  trimAll: fn(['string', 'string'], ([cut, a]) => trimSet(s(a), s(cut))),
  trimall: fn(['string', 'string'], ([cut, a]) => trimSet(s(a), s(cut))),
  trimPrefix: fn(['string', 'string'], ([p, a]) =>
    s(a).startsWith(s(p)) ? s(a).slice(s(p).length) : s(a),
  ),
  trimSuffix: fn(['string', 'string'], ([p, a]) =>
    s(p) !== '' && s(a).endsWith(s(p)) ? s(a).slice(0, -s(p).length) : s(a),
  ),
  replace: fn(['string', 'string', 'string'], ([o, r, a]) => s(a).replaceAll(s(o), s(r))),
  contains: fn(['string', 'string'], ([sub, a]) => s(a).includes(s(sub))),
  hasPrefix: fn(['string', 'string'], ([p, a]) => s(a).startsWith(s(p))),
  hasSuffix: fn(['string', 'string'], ([p, a]) => s(a).endsWith(s(p))),
  split: fn(['string', 'string'], ([sep, a]) => indexed(s(a).split(s(sep)))),
  splitn: fn(['string', 'int', 'string'], ([sep, count, a]) =>
    indexed(splitN(s(a), s(sep), n(count))),
  ),
  splitList: fn(['string', 'string'], ([sep, a]) => s(a).split(s(sep))),
  join: fn(['string', 'any'], ([sep, list]) => strslice(list).join(s(sep))),
  quote: variadic([], 'any', (args) =>
    args
      .filter(notNil)
      .map((v) => goQuote(strval(v)))
      .join(' '),
  ),
  squote: variadic([], 'any', (args) =>
    args
      .filter(notNil)
      .map((v) => `'${strval(v)}'`)
      .join(' '),
  ),
  cat: variadic([], 'any', (args) => args.filter(notNil).map(strval).join(' ')),
  indent: fn(['int', 'string'], ([count, a]) => indent(n(count), s(a))),
  nindent: fn(['int', 'string'], ([count, a]) => `\n${indent(n(count), s(a))}`),
  repeat: fn(['int', 'string'], ([count, a]) => s(a).repeat(Math.max(0, n(count)))),
  substr: fn(['int', 'int', 'string'], ([start, end, a]) => substr(n(start), n(end), s(a))),
  trunc: fn(['int', 'string'], ([c, a]) => trunc(n(c), s(a))),
  abbrev: fn(['int', 'string'], ([w, a]) => abbrev(n(w), s(a))),
  wrap: fn(['int', 'string'], ([w, a]) => wrap(s(a), n(w), '\n')),
  wrapWith: fn(['int', 'string', 'string'], ([w, sep, a]) => wrap(s(a), n(w), s(sep))),
  nospace: fn(['string'], ([a]) => s(a).replace(/\s+/gu, '')),
  plural: fn(['string', 'string', 'int'], ([one, many, count]) =>
    count === 1n ? s(one) : s(many),
  ),
  toString: fn(['any'], ([v]) => strval(v)),
  toStrings: fn(['any'], ([v]) => strslice(v)),
};

/**
 * Go's `strings.Title`: a letter after a separator is upper-cased; separators are ASCII other than
 * letters, digits and `_`, and white space (so `don't` becomes `Don'T`, as in Go).
 */
function title(value: string): string {
  return value.replace(
    /(^|[\s!-/:-@[-^`{-~])(\p{L})/gu,
    (_m, before: string, letter: string) => before + letter.toUpperCase(),
  );
}

function trimSet(value: string, cutset: string): string {
  const chars = new Set(cutset);
  const list = [...value];
  let start = 0;
  let end = list.length;
  while (start < end && chars.has(list[start] ?? '')) start += 1;
  while (end > start && chars.has(list[end - 1] ?? '')) end -= 1;
  return list.slice(start, end).join('');
}

function indexed(parts: readonly string[]): Record<string, string> {
  return Object.fromEntries(parts.map((part, i) => [`_${i}`, part]));
}

function splitN(value: string, sep: string, count: number): string[] {
  if (count === 0) return [];
  const parts = value.split(sep);
  if (count < 0 || parts.length <= count) return parts;
  return [...parts.slice(0, count - 1), parts.slice(count - 1).join(sep)];
}

function indent(count: number, value: string): string {
  const pad = ' '.repeat(Math.max(0, count));
  return pad + value.replaceAll('\n', `\n${pad}`);
}

/** Byte offsets, as Go slices strings. */
function substr(start: number, end: number, value: string): string {
  const b = bytes(value);
  if (start < 0) return text(b.slice(0, end));
  if (end < 0 || end > b.length) return text(b.slice(start));
  return text(b.slice(start, end));
}

function trunc(count: number, value: string): string {
  const b = bytes(value);
  if (count < 0 && b.length + count > 0) return text(b.slice(b.length + count));
  if (count >= 0 && b.length > count) return text(b.slice(0, count));
  return value;
}

function abbrev(width: number, value: string): string {
  if (width < 4 || value.length <= width) return value;
  return `${value.slice(0, width - 3)}...`;
}

/** goutils.Wrap: break at the last space that fits; a word longer than the line stays whole. */
function wrap(value: string, width: number, newline: string): string {
  const limit = Math.max(1, width);
  let out = '';
  let offset = 0;
  while (value.length - offset > limit) {
    if (value[offset] === ' ') {
      offset += 1;
      continue;
    }
    const space = value.lastIndexOf(' ', offset + limit);
    if (space >= offset) {
      out += value.slice(offset, space) + newline;
      offset = space + 1;
      continue;
    }
    const next = value.indexOf(' ', offset + limit);
    if (next < 0) break;
    out += value.slice(offset, next) + newline;
    offset = next + 1;
  }
  return out + value.slice(offset);
}
