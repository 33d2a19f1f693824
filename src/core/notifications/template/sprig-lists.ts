import { deepEqual, listArg, strslice, strval } from './convert.js';
import { FunctionError } from './errors.js';
import { fn, variadic, type FunctionTable } from './function.js';
import { goTypeName, isMap } from './values.js';

type Dict = Record<string, unknown>;
const d = (value: unknown): Dict => value as Dict;

/** sprig's list and dict functions. Lists are `[]interface {}`, dicts `map[string]interface {}`. */
export const SPRIG_LISTS: FunctionTable = {
  list: variadic([], 'any', (args) => [...args]),
  tuple: variadic([], 'any', (args) => [...args]),
  dict: variadic([], 'any', (args) => buildDict(args)),
  get: fn(['map', 'string'], ([m, k]) =>
    Object.hasOwn(d(m), k as string) ? d(m)[k as string] : '',
  ),
  set: fn(['map', 'string', 'any'], ([m, k, v]) => {
    // Go mutates the map in place; so does this, templates rely on it ({{$_ := set $d "k" 1}}).
    d(m)[k as string] = v;
    return m;
  }),
  unset: fn(['map', 'string'], ([m, k]) => {
    delete d(m)[k as string];
    return m;
  }),
  hasKey: fn(['map', 'string'], ([m, k]) => Object.hasOwn(d(m), k as string)),
  keys: variadic([], 'map', (maps) => maps.flatMap((m) => Object.keys(d(m)))),
  values: fn(['map'], ([m]) => Object.values(d(m))),
  pluck: variadic(['string'], 'map', ([k, ...maps]) =>
    maps.filter((m) => Object.hasOwn(d(m), k as string)).map((m) => d(m)[k as string]),
  ),
  pick: variadic(['map'], 'string', ([m, ...ks]) =>
    Object.fromEntries(
      ks.filter((k) => Object.hasOwn(d(m), k as string)).map((k) => [k, d(m)[k as string]]),
    ),
  ),
  omit: variadic(['map'], 'string', ([m, ...ks]) =>
    Object.fromEntries(Object.entries(d(m)).filter(([k]) => !ks.includes(k))),
  ),
  merge: variadic(['map'], 'any', ([dst, ...srcs]) => merge(d(dst), srcs, false)),
  mergeOverwrite: variadic(['map'], 'any', ([dst, ...srcs]) => merge(d(dst), srcs, true)),
  dig: variadic(['any'], 'any', (args) => dig(args)),
  first: fn(['any'], ([l]) => listArg(l, 'first')[0] ?? null),
  last: fn(['any'], ([l]) => listArg(l, 'last').at(-1) ?? null),
  rest: fn(['any'], ([l]) =>
    listArg(l, 'rest').length === 0 ? null : listArg(l, 'rest').slice(1),
  ),
  initial: fn(['any'], ([l]) =>
    listArg(l, 'initial').length === 0 ? null : listArg(l, 'initial').slice(0, -1),
  ),
  append: fn(['any', 'any'], ([l, v]) => [...listArg(l, 'append'), v]),
  push: fn(['any', 'any'], ([l, v]) => [...listArg(l, 'push'), v]),
  prepend: fn(['any', 'any'], ([l, v]) => [v, ...listArg(l, 'prepend')]),
  concat: variadic([], 'any', (lists) => lists.flatMap((l) => listArg(l, 'concat'))),
  reverse: fn(['any'], ([l]) => [...listArg(l, 'reverse')].reverse()),
  uniq: fn(['any'], ([l]) =>
    listArg(l, 'uniq').filter((v, i, all) => all.findIndex((w) => deepEqual(v, w)) === i),
  ),
  without: variadic(['any'], 'any', ([l, ...omit]) =>
    listArg(l, 'without').filter((v) => !omit.some((o) => deepEqual(v, o))),
  ),
  has: fn(['any', 'any'], ([needle, l]) =>
    l === null || l === undefined ? false : listArg(l, 'has').some((v) => deepEqual(v, needle)),
  ),
  compact: fn(['any'], ([l]) => listArg(l, 'compact').filter((v) => !isEmptyish(v))),
  slice: variadic(['any'], 'any', ([l, ...ix]) => {
    if (!Array.isArray(l))
      throw new FunctionError(`list should be type of slice or array but ${goTypeName(l)}`);
    return sliceList(l, ix);
  }),
  deepEqual: fn(['any', 'any'], ([a, b]) => deepEqual(a, b)),
  sortAlpha: fn(['any'], ([l]) => (Array.isArray(l) ? strslice(l).sort() : [strval(l)])),
  chunk: fn(['int', 'any'], ([size, l]) => chunk(listArg(l, 'chunk'), Number(size as bigint))),
};

function isEmptyish(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    value === 0 ||
    value === 0n ||
    value === false ||
    (Array.isArray(value) && value.length === 0) ||
    (isMap(value) && Object.keys(value).length === 0)
  );
}

function buildDict(args: readonly unknown[]): Dict {
  const out: Dict = {};
  for (let i = 0; i < args.length; i += 2)
    out[strval(args[i])] = i + 1 < args.length ? args[i + 1] : '';
  return out;
}

function merge(dst: Dict, sources: readonly unknown[], overwrite: boolean): Dict {
  for (const src of sources) {
    if (!isMap(src)) continue;
    for (const [k, v] of Object.entries(src)) {
      const current = dst[k];
      if (isMap(current) && isMap(v)) merge(current, [v], overwrite);
      else if (overwrite || !Object.hasOwn(dst, k) || current === null) dst[k] = v;
    }
  }
  return dst;
}

function dig(args: readonly unknown[]): unknown {
  if (args.length < 3) throw new FunctionError('dig needs at least three arguments');
  const dict = args.at(-1);
  const fallback = args.at(-2);
  let current: unknown = dict;
  for (const key of args.slice(0, -2)) {
    if (!isMap(current) || !Object.hasOwn(current, strval(key))) return fallback;
    current = current[strval(key)];
  }
  return current;
}

function sliceList(list: readonly unknown[], indices: readonly unknown[]): unknown[] {
  const toIndex = (v: unknown): number => Number(typeof v === 'bigint' ? v : Math.trunc(Number(v)));
  const start = indices.length > 0 ? toIndex(indices[0]) : 0;
  const end = indices.length > 1 ? toIndex(indices[1]) : list.length;
  if (start < 0 || end > list.length || start > end)
    throw new FunctionError('reflect.Value.Slice: slice index out of bounds');
  return list.slice(start, end);
}

function chunk(list: readonly unknown[], size: number): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < list.length; i += Math.max(1, size)) out.push(list.slice(i, i + size));
  return out;
}
