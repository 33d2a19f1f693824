/** Operator tables of expr-lang/expr (`parser/operator`): precedence and associativity. */
export interface BinaryOperator {
  readonly precedence: number;
  readonly rightAssociative?: boolean;
}

export const BINARY_OPERATORS: Readonly<Record<string, BinaryOperator>> = {
  '|': { precedence: 0 },
  or: { precedence: 10 },
  '||': { precedence: 10 },
  and: { precedence: 15 },
  '&&': { precedence: 15 },
  '==': { precedence: 20 },
  '!=': { precedence: 20 },
  '<': { precedence: 20 },
  '>': { precedence: 20 },
  '>=': { precedence: 20 },
  '<=': { precedence: 20 },
  in: { precedence: 20 },
  matches: { precedence: 20 },
  contains: { precedence: 20 },
  startsWith: { precedence: 20 },
  endsWith: { precedence: 20 },
  '..': { precedence: 25 },
  '+': { precedence: 30 },
  '-': { precedence: 30 },
  '*': { precedence: 60 },
  '/': { precedence: 60 },
  '%': { precedence: 60 },
  '**': { precedence: 100, rightAssociative: true },
  '^': { precedence: 100, rightAssociative: true },
  '??': { precedence: 500 },
};

/** Ordering comparisons chain (`1 < x <= 3` is `1 < x && x <= 3`), as in expr's `IsComparison`. */
export const CHAINED_COMPARISONS = new Set(['<', '>', '<=', '>=']);

export const UNARY_OPERATORS: Readonly<Record<string, number>> = {
  not: 50,
  '!': 50,
  '-': 90,
  '+': 90,
};

/** Operators that `not` may negate: `a not in b` is `not (a in b)`. */
export const NEGATABLE = new Set(['in', 'matches', 'contains', 'startsWith', 'endsWith']);

/** Words the lexer emits as operators rather than identifiers. */
export const KEYWORD_OPERATORS = new Set([
  'not',
  'in',
  'or',
  'and',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'let',
]);

/** Builtins whose arguments after the first are predicates (closures over `#`); `optional` ones may be left out. */
export const PREDICATE_BUILTINS: Readonly<
  Record<string, { readonly args: readonly ('expr' | 'predicate')[]; readonly optional: number }>
> = {
  all: { args: ['expr', 'predicate'], optional: 0 },
  none: { args: ['expr', 'predicate'], optional: 0 },
  any: { args: ['expr', 'predicate'], optional: 0 },
  one: { args: ['expr', 'predicate'], optional: 0 },
  filter: { args: ['expr', 'predicate'], optional: 0 },
  map: { args: ['expr', 'predicate'], optional: 0 },
  count: { args: ['expr', 'predicate'], optional: 1 },
  sum: { args: ['expr', 'predicate'], optional: 1 },
  find: { args: ['expr', 'predicate'], optional: 0 },
  findIndex: { args: ['expr', 'predicate'], optional: 0 },
  findLast: { args: ['expr', 'predicate'], optional: 0 },
  findLastIndex: { args: ['expr', 'predicate'], optional: 0 },
  sortBy: { args: ['expr', 'predicate', 'expr'], optional: 1 },
  reduce: { args: ['expr', 'predicate', 'expr'], optional: 1 },
};
