import { describe, expect, it } from 'vitest';
import { ExprError, parseExpr, printExpr } from '../../../../src/core/analysis/expr/index.js';

function syntaxErrorOf(source: string): ExprError {
  try {
    parseExpr(source);
  } catch (error) {
    if (error instanceof ExprError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to parse`);
}

describe('parseExpr', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['2 ** 3 ** 2', '(2 ** (3 ** 2))'],
    ['2 ^ 3 ^ 2', '(2 ^ (3 ^ 2))'],
    ['-2 ** 2', '(-(2 ** 2))'],
    ['not true == false', '((not true) == false)'],
    ['!a.b', '(!a.b)'],
    ['a or b and c', '(a or (b and c))'],
    ['a || b && c', '(a || (b && c))'],
    ['1 < result < 3', '((1 < result) && (result < 3))'],
    ['1 < x <= y > 0', '(((1 < x) && (x <= y)) && (y > 0))'],
    ['a == b == c', '((a == b) == c)'],
    ['result not in [1]', '(not (result in [1]))'],
    ['"a" not matches "b"', '(not ("a" matches "b"))'],
    ['a ?? b ?? c', '((a ?? b) ?? c)'],
    ['1 + a ?? b', '(1 + (a ?? b))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a ?: b', '(a ? a : b)'],
    ['1..3 + 1', '(1 .. (3 + 1))'],
    ['result | len()', 'len(result)'],
    ['result | split(",") | first()', 'first(split(result, ","))'],
    ['all(result, # > 1)', 'all(result, {(# > 1)})'],
    ['map(result, .a)', 'map(result, {#.a})'],
    ['count(result)', 'count(result)'],
    ['reduce(result, #acc + #index, 0)', 'reduce(result, {(#acc + #index)}, 0)'],
    ['result?.a.b', 'result?.a.b'],
    ['result?.[0]', 'result?.[0]'],
    ['result.a["b c"][1:2]', 'result.a["b c"][1:2]'],
    ['result.not.in', 'result["not"]["in"]'],
    ['{a: 1, "b c": 2, 3: 4}', '{"a": 1, "b c": 2, "3": 4}'],
    ['let x = 1; x + 1', '(let x = 1; (x + 1))'],
    ['now().Sub(result).Hours()', 'now().Sub(result).Hours()'],
  ])('parses %s as %s', (source, printed) => {
    expect(printExpr(parseExpr(source))).toBe(printed);
  });

  it('records the source offset of every node', () => {
    expect(parseExpr('result + 1')).toMatchObject({
      kind: 'binary',
      op: '+',
      pos: 7,
      left: { kind: 'identifier', name: 'result', pos: 0 },
      right: { kind: 'int', value: 1n, pos: 9 },
    });
  });

  it.each([
    ['1 +', 'unexpected token EOF', 1, 3],
    ['1 2', 'unexpected token Number("2")', 1, 3],
    ['result\n  + "a" @', "unrecognized character: U+0040 '@'", 2, 9],
    ['true &&\n\n  (1', 'unexpected token EOF', 3, 4],
    ['"abc', 'literal not terminated', 1, 4],
    ['# > 1', 'cannot use pointer accessor outside predicate', 1, 1],
  ])('reports %j as %s at %i:%i', (source, reason, line, column) => {
    const error = syntaxErrorOf(source);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'ExprError',
      retryable: false,
      reason,
      position: { line, column },
    });
    expect(error.message).toBe(`${reason} (${line}:${column})`);
  });
});
