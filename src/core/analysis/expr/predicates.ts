import type { ExprOf } from './ast.js';
import { compareValues, sortOrder } from './builtins-collection.js';
import type { Context, Run, Scope } from './context.js';
import { ExprError } from './errors.js';
import { applyArithmetic } from './operators.js';
import { typeName } from './values.js';

/**
 * The predicate builtins (`all`, `any`, `none`, `one`, `filter`, `map`, `count`, `sum`, `find*`, `sortBy`,
 * `reduce`), compiled by expr into loops: `all`/`any`/`none`/`find` stop at the deciding element.
 */
export function runPredicateBuiltin(node: ExprOf<'call'>, ctx: Context, run: Run): unknown {
  const [source, predicate, extra] = node.args;
  const items = source === undefined ? undefined : run(source, ctx);
  if (!Array.isArray(items))
    throw new ExprError(`cannot iterate over ${typeName(items)} in ${node.name}`);
  const scope: Scope = { items, index: 0, acc: null };
  const inner: Context = { ...ctx, scopes: [...ctx.scopes, scope] };
  const body = predicate?.kind === 'predicate' ? predicate.body : undefined;
  const value = (i: number): unknown => {
    scope.index = i;
    return body === undefined ? items[i] : run(body, inner);
  };
  const test = (i: number): boolean => {
    const result = value(i);
    if (typeof result !== 'boolean')
      throw new ExprError(`predicate should return boolean (got ${typeName(result)})`);
    return result;
  };
  const indices = items.map((_, i) => i);
  switch (node.name) {
    case 'all':
      return indices.every(test);
    case 'any':
      return indices.some(test);
    case 'none':
      return !indices.some(test);
    case 'one':
      return indices.filter(test).length === 1;
    case 'filter':
      return indices.filter(test).map((i) => items[i]);
    case 'map':
      return indices.map(value);
    case 'count':
      return BigInt(indices.filter(test).length);
    case 'sum':
      return indices.reduce<unknown>((acc, i) => applyArithmetic('+', value(i), acc), 0n);
    case 'find':
    case 'findIndex': {
      const found = indices.find(test);
      return found === undefined ? null : node.name === 'find' ? items[found] : BigInt(found);
    }
    case 'findLast':
    case 'findLastIndex': {
      const found = [...indices].reverse().find(test);
      return found === undefined ? null : node.name === 'findLast' ? items[found] : BigInt(found);
    }
    case 'sortBy': {
      const desc = extra !== undefined && sortOrder(run(extra, ctx)) === 'desc';
      const keys = indices.map(value);
      const order = (a: number, b: number): number => compareValues(keys[a], keys[b]);
      return indices.sort((a, b) => (desc ? order(b, a) : order(a, b))).map((i) => items[i]);
    }
    default:
      return reduce(items, scope, value, extra === undefined ? undefined : () => run(extra, ctx));
  }
}

/** `reduce(array, #acc + #[, initial])`: without an initial value the first element seeds `#acc`. */
function reduce(
  items: readonly unknown[],
  scope: Scope,
  value: (i: number) => unknown,
  initial: (() => unknown) | undefined,
): unknown {
  if (initial === undefined && items.length === 0)
    throw new ExprError('reduce of an empty array with no initial value');
  scope.acc = initial === undefined ? items[0] : initial();
  for (let i = initial === undefined ? 1 : 0; i < items.length; i += 1) scope.acc = value(i);
  return scope.acc;
}
