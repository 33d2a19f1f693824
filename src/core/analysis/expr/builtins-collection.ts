import { arrayArg, intArg, stringArg, type Builtin } from './builtin.js';
import { fetch } from './access.js';
import { ExprError } from './errors.js';
import { applyComparison } from './operators.js';
import { equal, isMap, typeName } from './values.js';

/** `fetch` that answers nil instead of failing, as expr's `first`, `last` and `get` do. */
function fetchOrNil(from: unknown, key: unknown): unknown {
  try {
    return fetch(from, key);
  } catch (error) {
    if (error instanceof ExprError) return null;
    throw error;
  }
}

function mapArg(value: unknown, action: string): Record<string, unknown> {
  if (!isMap(value)) throw new ExprError(`cannot ${action} ${typeName(value)}`);
  return value;
}

function flatten(items: readonly unknown[]): unknown[] {
  return items.flatMap((item) => (Array.isArray(item) ? flatten(item) : [item]));
}

/** Ascending order by expr's `<` (numbers, strings, times, durations); mixed kinds are an error. */
export function compareValues(a: unknown, b: unknown): number {
  return applyComparison('<', a, b) ? -1 : applyComparison('<', b, a) ? 1 : 0;
}

export function sortOrder(value: unknown): 'asc' | 'desc' {
  if (value === 'asc' || value === 'desc') return value;
  throw new ExprError(`invalid order ${String(value)}, expected asc or desc`);
}

export const COLLECTION_BUILTINS: Readonly<Record<string, Builtin>> = {
  len: {
    arity: [1, 1],
    call: ([x]) => {
      if (typeof x === 'string' || Array.isArray(x)) return BigInt(x.length);
      if (isMap(x)) return BigInt(Object.keys(x).length);
      throw new ExprError(`invalid argument for len (type ${typeName(x)})`);
    },
  },
  first: { arity: [1, 1], call: ([x]) => fetchOrNil(x, 0n) },
  last: { arity: [1, 1], call: ([x]) => fetchOrNil(x, -1n) },
  get: { arity: [2, 2], call: ([x, key]) => fetchOrNil(x, key) },
  keys: { arity: [1, 1], call: ([x]) => Object.keys(mapArg(x, 'get keys from')) },
  values: { arity: [1, 1], call: ([x]) => Object.values(mapArg(x, 'get values from')) },
  reverse: { arity: [1, 1], call: (args) => [...arrayArg(args, 0, 'reverse')].reverse() },
  uniq: {
    arity: [1, 1],
    call: (args) =>
      arrayArg(args, 0, 'uniq').filter(
        (item, i, all) => all.findIndex((other) => equal(other, item)) === i,
      ),
  },
  concat: {
    arity: [1, Infinity],
    call: (args) => args.flatMap((_, i) => arrayArg(args, i, 'concat')),
  },
  flatten: { arity: [1, 1], call: (args) => flatten(arrayArg(args, 0, 'flatten')) },
  take: {
    arity: [2, 2],
    call: (args) => arrayArg(args, 0, 'take').slice(0, Math.max(0, intArg(args, 1, 'take'))),
  },
  sort: {
    arity: [1, 2],
    call: (args) => {
      const desc = args.length > 1 && sortOrder(stringArg(args, 1, 'sort')) === 'desc';
      return [...arrayArg(args, 0, 'sort')].sort((a, b) =>
        desc ? compareValues(b, a) : compareValues(a, b),
      );
    },
  },
};
