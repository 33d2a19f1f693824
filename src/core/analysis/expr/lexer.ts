import { syntaxError } from './errors.js';
import { KEYWORD_OPERATORS } from './grammar.js';
import { unescapeLiteral } from './unescape.js';

export type TokenKind = 'Identifier' | 'Number' | 'String' | 'Operator' | 'Bracket' | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /** Source text, except for strings (the unescaped value). */
  readonly value: string;
  readonly pos: number;
}

/** expr's `Token.String()`: `Operator("+")`, `EOF`. */
export function describeToken(token: Token): string {
  return token.value === '' ? token.kind : `${token.kind}(${JSON.stringify(token.value)})`;
}

const IDENT_CHAR = /^[\p{L}\p{Nd}_$]$/u;
const TWO_CHAR_OPERATORS = new Set([
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '**',
  '??',
  '?.',
  '..',
  '::',
]);

/** Splits `source` into tokens, following expr's lexer (`parser/lexer/state.go`). */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const emit = (kind: TokenKind, value: string, pos: number): void => {
    tokens.push({ kind, value, pos });
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      i = end < 0 ? source.length : end + 1;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) throw syntaxError(source, source.length - 1, 'unclosed comment');
      i = end + 2;
    } else if (c === '"' || c === "'") {
      const end = scanQuoted(source, i);
      const unquoted = unescapeLiteral(source.slice(i, end));
      if ('error' in unquoted) throw syntaxError(source, i, unquoted.error);
      emit('String', unquoted.value, i);
      i = end;
    } else if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end < 0) throw syntaxError(source, source.length - 1, 'literal not terminated');
      emit('String', source.slice(i + 1, end), i);
      i = end + 1;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(next))) {
      const end = scanNumber(source, i);
      emit('Number', source.slice(i, end), i);
      i = end;
    } else if (c === '#') {
      emit('Operator', '#', i);
      i += 1;
      const end = scanIdentifier(source, i);
      if (end > i) emit('Identifier', source.slice(i, end), i);
      i = end;
    } else if (IDENT_CHAR.test(c)) {
      const end = scanIdentifier(source, i);
      const word = source.slice(i, end);
      emit(KEYWORD_OPERATORS.has(word) ? 'Operator' : 'Identifier', word, i);
      i = end;
    } else if ('([{)]}'.includes(c)) {
      emit('Bracket', c, i);
      i += 1;
    } else if (TWO_CHAR_OPERATORS.has(c + next)) {
      emit('Operator', c + next, i);
      i += 2;
    } else if (',;%+-^*/<>=!&|?:.'.includes(c)) {
      emit('Operator', c, i);
      i += 1;
    } else {
      const cp = c.codePointAt(0) ?? 0;
      const char = String.fromCodePoint(cp);
      throw syntaxError(
        source,
        i,
        `unrecognized character: U+${cp.toString(16).toUpperCase().padStart(4, '0')} '${char}'`,
      );
    }
  }
  tokens.push({ kind: 'EOF', value: '', pos: Math.max(0, source.length - 1) });
  return tokens;
}

function scanIdentifier(source: string, start: number): number {
  let i = start;
  while (i < source.length && IDENT_CHAR.test(source[i] ?? '')) i += 1;
  return i;
}

/** End offset of a quoted literal; validates escapes like expr's `scanEscape`. */
function scanQuoted(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  for (;;) {
    const c = source[i];
    if (c === undefined || c === '\n')
      throw syntaxError(source, Math.min(i, source.length - 1), 'literal not terminated');
    if (c === quote) return i + 1;
    if (c === '\\') {
      const e = source[i + 1] ?? '';
      const digits = { x: 2, u: 4, U: 8 }[e];
      const fixed = digits ?? (/[0-7]/.test(e) ? 2 : 0);
      const valid =
        'abfnrtv\\'.includes(e) || e === quote || digits !== undefined || /[0-7]/.test(e);
      const run = source.slice(i + 2, i + 2 + fixed);
      const runOk = digits !== undefined ? /^[0-9a-fA-F]*$/.test(run) : /^[0-7]*$/.test(run);
      if (e === '' || !valid || run.length < fixed || !runOk)
        throw syntaxError(source, i + 1, 'invalid char escape');
      i += 2 + fixed;
    } else {
      i += 1;
    }
  }
}

const NUMBER_DIGITS: Readonly<Record<string, RegExp>> = {
  '0x': /[0-9a-fA-F_]/,
  '0o': /[0-7_]/,
  '0b': /[01_]/,
};

/** End offset of a number literal (`1_000`, `0x1F`, `1.5e-3`, `.5`); `1..3` leaves `..` to the range operator. */
function scanNumber(source: string, start: number): number {
  const prefix = source.slice(start, start + 2).toLowerCase();
  const prefixed = NUMBER_DIGITS[prefix];
  const digits = prefixed ?? /[0-9_]/;
  let i = prefixed ? start + 2 : start;
  const run = (): void => {
    while (digits.test(source[i] ?? '')) i += 1;
  };
  run();
  if (source[i] === '.' && source[i + 1] !== '.') {
    i += 1;
    run();
  }
  if (prefix !== '0x' && /[eE]/.test(source[i] ?? '')) {
    i += 1;
    if (/[+-]/.test(source[i] ?? '')) i += 1;
    run();
  }
  if (IDENT_CHAR.test(source[i] ?? '')) {
    throw syntaxError(
      source,
      i,
      `bad number syntax: ${JSON.stringify(source.slice(start, i + 1))}`,
    );
  }
  return i;
}
