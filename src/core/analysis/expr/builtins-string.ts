import { arrayArg, intArg, stringArg, type Builtin } from './builtin.js';
import { ExprError } from './errors.js';
import { formatValue } from './format.js';
import { typeName } from './values.js';

/** Go's `strings.Trim(s, cutset)`: drops leading and trailing characters found in `cutset`. */
function trimCutset(text: string, cutset: string): string {
  const chars = Array.from(text);
  const cut = new Set(cutset);
  let [start, end] = [0, chars.length];
  while (start < end && cut.has(chars[start] ?? '')) start += 1;
  while (end > start && cut.has(chars[end - 1] ?? '')) end -= 1;
  return chars.slice(start, end).join('');
}

/** Go's `strings.SplitN`: n < 0 all parts, n == 0 none, n > 0 at most n with the rest in the last. */
function splitN(text: string, separator: string, n: number): string[] {
  if (n === 0) return [];
  const parts = separator === '' ? Array.from(text) : text.split(separator);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(separator)];
}

const unary = (name: string, fn: (s: string) => string): Builtin => ({
  arity: [1, 1],
  call: (args) => fn(stringArg(args, 0, name)),
});

const binary = <T>(name: string, fn: (a: string, b: string) => T): Builtin => ({
  arity: [2, 2],
  call: (args) => fn(stringArg(args, 0, name), stringArg(args, 1, name)),
});

export const STRING_BUILTINS: Readonly<Record<string, Builtin>> = {
  string: { arity: [1, 1], call: ([x]) => formatValue(x) },
  upper: unary('upper', (s) => s.toUpperCase()),
  lower: unary('lower', (s) => s.toLowerCase()),
  trim: {
    arity: [1, 2],
    call: (args) =>
      args.length === 1
        ? stringArg(args, 0, 'trim').trim()
        : trimCutset(stringArg(args, 0, 'trim'), stringArg(args, 1, 'trim')),
  },
  trimPrefix: {
    arity: [1, 2],
    call: (args) => {
      const [s, prefix] = [
        stringArg(args, 0, 'trimPrefix'),
        args.length > 1 ? stringArg(args, 1, 'trimPrefix') : ' ',
      ];
      return s.startsWith(prefix) ? s.slice(prefix.length) : s;
    },
  },
  trimSuffix: {
    arity: [1, 2],
    call: (args) => {
      const [s, suffix] = [
        stringArg(args, 0, 'trimSuffix'),
        args.length > 1 ? stringArg(args, 1, 'trimSuffix') : ' ',
      ];
      return suffix !== '' && s.endsWith(suffix) ? s.slice(0, s.length - suffix.length) : s;
    },
  },
  split: {
    arity: [2, 3],
    call: (args) =>
      splitN(
        stringArg(args, 0, 'split'),
        stringArg(args, 1, 'split'),
        args.length > 2 ? intArg(args, 2, 'split') : -1,
      ),
  },
  replace: {
    arity: [3, 4],
    call: (args) => {
      const [s, from, to] = [0, 1, 2].map((i) => stringArg(args, i, 'replace')) as [
        string,
        string,
        string,
      ];
      const n = args.length > 3 ? intArg(args, 3, 'replace') : -1;
      return n < 0 ? s.replaceAll(from, to) : splitN(s, from, n + 1).join(to);
    },
  },
  repeat: {
    arity: [2, 2],
    call: (args) => {
      const n = intArg(args, 1, 'repeat');
      if (n < 0)
        throw new ExprError(`invalid argument for repeat (expected positive integer, got ${n})`);
      if (n > 1e6) throw new ExprError('memory budget exceeded');
      return stringArg(args, 0, 'repeat').repeat(n);
    },
  },
  indexOf: binary('indexOf', (s, sub) => BigInt(s.indexOf(sub))),
  lastIndexOf: binary('lastIndexOf', (s, sub) => BigInt(s.lastIndexOf(sub))),
  hasPrefix: binary('hasPrefix', (s, prefix) => s.startsWith(prefix)),
  hasSuffix: binary('hasSuffix', (s, suffix) => s.endsWith(suffix)),
  join: {
    arity: [1, 2],
    call: (args) => {
      const items = arrayArg(args, 0, 'join');
      const glue = args.length > 1 ? stringArg(args, 1, 'join') : '';
      return items
        .map((item) => {
          if (typeof item !== 'string')
            throw new ExprError(`invalid argument for join (type ${typeName(item)})`);
          return item;
        })
        .join(glue);
    },
  },
};
