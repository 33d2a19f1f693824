import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateCondition,
  evaluateRaw,
  parseExpr,
  printExpr,
  type Expr,
} from '../../../../src/core/analysis/expr/index.js';

const INT64_MAX = 2n ** 63n - 1n;
const int64 = fc.bigInt({ min: -INT64_MAX, max: INT64_MAX });
/** An int64 as expr source: negative literals are a unary minus on a positive one. */
const lit = (n: bigint): string => (n < 0n ? `(-${-n})` : `${n}`);

function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'pos')
      .map(([key, v]) => [key, withoutPositions(v)]),
  );
}

const node = (fields: Record<string, unknown>): Expr => ({ pos: 0, ...fields }) as Expr;
const BINARY = [
  'or',
  '||',
  'and',
  '&&',
  '==',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  'in',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  '..',
  '+',
  '-',
  '*',
  '/',
  '%',
  '**',
  '^',
  '??',
];
const CALLS: ReadonlyArray<readonly [string, number]> = [
  ['len', 1],
  ['abs', 1],
  ['max', 2],
  ['trim', 2],
  ['isNil', 1],
  ['default', 2],
  ['now', 0],
];
const PREDICATE_CALLS = [
  'all',
  'any',
  'none',
  'one',
  'filter',
  'map',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
];

/** Syntax trees the parser can produce (no `?.` chains), with `#` pointers only inside predicate bodies. */
const trees = fc.letrec<{ outer: Expr; inner: Expr }>((tie) => {
  const build = (self: fc.Arbitrary<Expr>, inPredicate: boolean): fc.Arbitrary<Expr> => {
    const leaves: fc.Arbitrary<Expr>[] = [
      fc.constant(node({ kind: 'nil' })),
      fc.boolean().map((value) => node({ kind: 'bool', value })),
      fc.bigInt({ min: 0n, max: INT64_MAX }).map((value) => node({ kind: 'int', value })),
      fc
        .double({ min: 0, noNaN: true, noDefaultInfinity: true })
        .filter((v) => !Object.is(v, -0))
        .map((value) => node({ kind: 'float', value })),
      fc.string({ unit: 'binary', maxLength: 6 }).map((value) => node({ kind: 'string', value })),
      fc.constant(node({ kind: 'identifier', name: 'result' })),
    ];
    if (inPredicate)
      leaves.push(
        fc.constantFrom('', 'index', 'acc').map((name) => node({ kind: 'pointer', name })),
      );
    const property = fc.oneof(
      fc.stringMatching(/^[a-z_][a-z0-9_]{0,5}$/).map((value) => node({ kind: 'string', value })),
      self,
    );
    const predicate = tie('inner').map((body) => node({ kind: 'predicate', body }));
    return fc.oneof(
      { maxDepth: 3, depthIdentifier: 'expr' },
      ...leaves,
      fc
        .tuple(fc.constantFrom('!', 'not', '-', '+'), self)
        .map(([op, operand]) => node({ kind: 'unary', op, operand })),
      fc
        .tuple(fc.constantFrom(...BINARY), self, self)
        .map(([op, left, right]) => node({ kind: 'binary', op, left, right })),
      fc
        .tuple(self, self, self)
        .map(([test, then, otherwise]) => node({ kind: 'conditional', test, then, otherwise })),
      fc
        .tuple(self, property)
        .map(([object, prop]) => node({ kind: 'member', object, property: prop, optional: false })),
      fc
        .tuple(self, fc.option(self, { nil: undefined }), fc.option(self, { nil: undefined }))
        .map(([object, from, to]) =>
          node({ kind: 'slice', object, ...(from && { from }), ...(to && { to }) }),
        ),
      fc.array(self, { maxLength: 3 }).map((items) => node({ kind: 'array', items })),
      fc
        .array(
          fc.tuple(
            fc.oneof(
              fc.string({ maxLength: 4 }).map((value) => node({ kind: 'string', value })),
              self,
            ),
            self,
          ),
          { maxLength: 3 },
        )
        .map((pairs) =>
          node({ kind: 'map', entries: pairs.map(([key, value]) => ({ key, value })) }),
        ),
      fc
        .constantFrom(...CALLS)
        .chain(([name, arity]) =>
          fc
            .array(self, { minLength: arity, maxLength: arity })
            .map((args) => node({ kind: 'call', name, args })),
        ),
      fc
        .tuple(fc.constantFrom(...PREDICATE_CALLS), self, predicate)
        .map(([name, source, body]) => node({ kind: 'call', name, args: [source, body] })),
      fc
        .tuple(fc.constantFrom('sortBy', 'reduce'), self, predicate, self)
        .map(([name, source, body, extra]) =>
          node({ kind: 'call', name, args: [source, body, extra] }),
        ),
      fc.tuple(self, self).map(([value, body]) => node({ kind: 'let', name: 'v', value, body })),
    );
  };
  return { outer: build(tie('outer'), false), inner: build(tie('inner'), true) };
});

describe('condition language properties', () => {
  it('parses what it prints back to the same tree', () => {
    fc.assert(
      fc.property(trees.outer, (tree) => {
        expect(withoutPositions(parseExpr(printExpr(tree)))).toEqual(withoutPositions(tree));
      }),
      { numRuns: 300 },
    );
  });

  it('does int arithmetic in wrapping int64, as Go does', () => {
    fc.assert(
      fc.property(int64, int64, (a, b) => {
        const env = { result: null };
        expect(evaluateRaw(`${lit(a)} + ${lit(b)}`, env)).toBe(BigInt.asIntN(64, a + b));
        expect(evaluateRaw(`${lit(a)} - ${lit(b)}`, env)).toBe(BigInt.asIntN(64, a - b));
        expect(evaluateRaw(`${lit(a)} * ${lit(b)}`, env)).toBe(BigInt.asIntN(64, a * b));
        if (b !== 0n) expect(evaluateRaw(`${lit(a)} % ${lit(b)}`, env)).toBe(a % b);
        expect(evaluateCondition(`${lit(a)} + ${lit(b)} - ${lit(b)} == ${lit(a)}`, null)).toBe(
          true,
        );
        expect(evaluateCondition(`${lit(a)} * ${lit(b)} == ${lit(b)} * ${lit(a)}`, null)).toBe(
          true,
        );
      }),
    );
  });

  it('compares ints with floats by value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        fc.double({ noNaN: true }),
        (n, x) => {
          expect(evaluateCondition(`result < ${lit(BigInt(n))}`, x)).toBe(x < n);
          expect(evaluateCondition(`result == ${lit(BigInt(n))}`, x)).toBe(x === n);
          expect(evaluateCondition(`${lit(BigInt(n))} == float(${lit(BigInt(n))})`, null)).toBe(
            true,
          );
        },
      ),
    );
  });

  it("prints floats as Go's %v does, which reads back to the same float", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(evaluateCondition('float(string(result)) == result', x)).toBe(true);
        expect(evaluateRaw('string(result)', { result: x })).toMatch(
          /^(-?\d+(\.\d+)?(e[+-]\d{2,3})?|[+-]Inf)$/,
        );
      }),
    );
  });

  it('concatenates strings whose lengths add up', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(
          evaluateCondition(
            `len(${JSON.stringify(a)} + ${JSON.stringify(b)}) == ${a.length + b.length}`,
            null,
          ),
        ).toBe(true);
      }),
    );
  });
});
