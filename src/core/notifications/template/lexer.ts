import { templateError } from './errors.js';
import { unquoteGo } from './unquote.js';

export type TokenKind =
  | 'text'
  | 'open'
  | 'close'
  | 'field'
  | 'variable'
  | 'identifier'
  | 'keyword'
  | 'string'
  | 'number'
  | 'char'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'pipe'
  | 'lparen'
  | 'rparen'
  | 'declare'
  | 'assign'
  | 'comma'
  | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Source text; the unquoted value for strings; the text after trimming for text. */
  readonly value: string;
  readonly pos: number;
  /** Whether blank space separates this token from the previous one inside an action. */
  readonly spaced: boolean;
}

const KEYWORDS = new Set([
  'if',
  'else',
  'end',
  'range',
  'with',
  'define',
  'template',
  'block',
  'break',
  'continue',
]);
const SPACE = /[ \t\r\n]/;
const WORD = /[\p{L}\p{Nd}_]/u;
// Sticky patterns, matched in place at an offset (no slicing, so lexing stays linear).
const NUMBER =
  /[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?)/y;
const NAME = /[\p{L}\p{Nd}_]*/uy;
const TRIM_CLOSE = /[ \t\r\n]+-\}\}/y;
const TRIM_OPEN = /\{\{-[ \t\r\n]/y;
const COMMENT_OPEN = /\/\*/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Splits template text into text and action tokens, as Go's `text/template/parse` lexer does. */
export function tokenize(name: string, text: string): Token[] {
  const tokens: Token[] = [];
  const fail = (pos: number, reason: string): never => {
    throw templateError(name, text, pos, reason);
  };
  let i = 0;
  while (i <= text.length) {
    const open = text.indexOf('{{', i);
    const end = open < 0 ? text.length : open;
    const trimBefore = open >= 0 && matchAt(TRIM_OPEN, text, open) !== undefined;
    let chunk = text.slice(i, end);
    if (trimBefore) chunk = chunk.replace(/[ \t\r\n]+$/, '');
    if (chunk !== '') tokens.push({ kind: 'text', value: chunk, pos: i, spaced: false });
    if (open < 0) break;
    // Go reads a comment only right after `{{` or `{{- `.
    const inside = open + (trimBefore ? 4 : 2);
    if (matchAt(COMMENT_OPEN, text, inside) !== undefined) {
      i = skipComment(text, open, inside, fail);
      continue;
    }
    tokens.push({ kind: 'open', value: '{{', pos: open, spaced: false });
    i = lexAction(text, open, open + (trimBefore ? 3 : 2), tokens, fail);
  }
  tokens.push({ kind: 'eof', value: '', pos: text.length, spaced: false });
  return tokens;
}

/** Skips `/* … *\/` and its closing delimiter; returns where text resumes. */
function skipComment(
  text: string,
  open: number,
  inside: number,
  fail: (pos: number, reason: string) => never,
): number {
  const close = text.indexOf('*/', inside + 2);
  if (close < 0) fail(open, 'unclosed comment');
  const trimmed = matchAt(TRIM_CLOSE, text, close + 2);
  if (trimmed !== undefined) return skipSpace(text, close + 2 + trimmed.length);
  if (!text.startsWith('}}', close + 2)) fail(open, 'comment ends before closing delimiter');
  return close + 4;
}

function skipSpace(text: string, i: number): number {
  let k = i;
  while (k < text.length && SPACE.test(text[k] ?? '')) k += 1;
  return k;
}

/** Lexes one action from `start` (just after `{{` or `{{-`); returns where text resumes. */
function lexAction(
  text: string,
  open: number,
  start: number,
  tokens: Token[],
  fail: (pos: number, reason: string) => never,
): number {
  let i = start;
  let parens = 0;
  let spaced = false;
  const push = (kind: TokenKind, value: string, pos: number): void => {
    tokens.push({ kind, value, pos, spaced });
    spaced = false;
  };
  const close = (at: number, resume: number): number => {
    if (parens > 0) fail(at, 'unclosed left paren');
    push('close', '}}', at);
    return resume;
  };
  for (;;) {
    if (i >= text.length) fail(open, 'unclosed action');
    const c = text[i] ?? '';
    const trimmed = SPACE.test(c) ? matchAt(TRIM_CLOSE, text, i) : undefined;
    if (trimmed !== undefined)
      return close(i + trimmed.length - 3, skipSpace(text, i + trimmed.length));
    if (text.startsWith('}}', i)) return close(i, i + 2);
    if (SPACE.test(c)) {
      spaced = true;
      i += 1;
      continue;
    }
    if (c === '|') push('pipe', c, i);
    else if (c === '(') {
      parens += 1;
      push('lparen', c, i);
    } else if (c === ')') {
      if (parens === 0) fail(i, 'unexpected right paren');
      parens -= 1;
      push('rparen', c, i);
    } else if (c === ',') push('comma', c, i);
    else if (c === ':' && text[i + 1] === '=') {
      push('declare', ':=', i);
      i += 2;
      continue;
    } else if (c === '=') push('assign', c, i);
    else if (c === '"' || c === '`' || c === "'") {
      const endAt = scanQuoted(text, i, fail);
      const raw = text.slice(i, endAt);
      const value = unquoteGo(raw);
      if (value === undefined) fail(i, `bad character constant: ${raw}`);
      push(c === "'" ? 'char' : 'string', value ?? '', i);
      i = endAt;
      continue;
    } else if (c === '$' || (c === '.' && !/\d/.test(text[i + 1] ?? ''))) {
      // `$x`, `$`, `.field` and `.`: a chain `.a.b` is one token per link.
      const word = c + (matchAt(NAME, text, i + 1) ?? '');
      push(c === '$' ? 'variable' : word === '.' ? 'dot' : 'field', word, i);
      i += word.length;
      continue;
    } else if (/[\d.+-]/.test(c)) {
      const number = matchAt(NUMBER, text, i);
      let endAt = i + (number?.length ?? 0);
      while (endAt < text.length && WORD.test(text[endAt] ?? '')) endAt += 1;
      const literal = text.slice(i, Math.max(endAt, i + 1));
      if (number === undefined || endAt !== i + number.length)
        fail(i, `bad number syntax: ${JSON.stringify(literal)}`);
      push('number', literal, i);
      i = endAt;
      continue;
    } else if (WORD.test(c)) {
      const word = matchAt(NAME, text, i) ?? c;
      push(wordKind(word), word, i);
      i += word.length;
      continue;
    } else {
      fail(i, `unrecognized character in action: ${JSON.stringify(c)}`);
    }
    i += 1;
  }
}

function wordKind(word: string): TokenKind {
  if (KEYWORDS.has(word)) return 'keyword';
  if (word === 'true' || word === 'false') return 'bool';
  return word === 'nil' ? 'nil' : 'identifier';
}

function scanQuoted(text: string, start: number, fail: (pos: number, reason: string) => never) {
  const quote = text[start];
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === quote) return i + 1;
    if (quote !== '`' && c === '\\') i += 1;
    else if (quote !== '`' && c === '\n') break;
    i += 1;
  }
  const what =
    quote === '`' ? 'raw quoted string' : quote === "'" ? 'character constant' : 'quoted string';
  return fail(start, `unterminated ${what}`);
}
