import { unescapeLiteral } from '../../analysis/expr/unescape.js';

/**
 * Go's `strconv.Unquote` for the literals templates hold: "interpreted", `raw` and 'c' (a rune,
 * returned as its text). Interpreted escapes are Go's, which the expression language shares.
 * `undefined` for a malformed literal.
 */
export function unquoteGo(literal: string): string | undefined {
  if (literal.startsWith('`')) return literal.slice(1, -1).replaceAll('\r', '');
  const unquoted = unescapeLiteral(literal);
  if ('error' in unquoted) return undefined;
  if (literal.startsWith("'") && [...unquoted.value].length !== 1) return undefined;
  return unquoted.value;
}
