import { Undecidable } from './undecidable.js';

/** One piece of a word: literal text, `$NAME`/`${NAME:-x}`, `$(( … ))` or `$( … )`. */
export type WordPart =
  | { kind: 'literal'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; fallback?: { text: string; ifEmpty: boolean }; quoted: boolean }
  | { kind: 'arith'; text: string; quoted: boolean }
  | { kind: 'command'; text: string; quoted: boolean };

export type Word = WordPart[];

export interface Pipeline {
  negated: boolean;
  words: Word[];
}

/** `a && b || c`: the pipelines and the operators between them. */
export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
}

const UNSUPPORTED_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'for',
  'while',
  'until',
  'do',
  'done',
  'case',
  'esac',
  '{',
  '}',
  'function',
]);

/**
 * Parses the subset of POSIX sh that analysis Jobs use: simple commands joined by `&&`, `||`,
 * `;` and newlines, `!`, quotes, `$NAME`, `${NAME}`, `${NAME:-word}`, `$(( … ))`, `$( … )`,
 * comments, and redirections (ignored). Pipes, background jobs, subshells, compound commands,
 * functions and backquotes throw Undecidable.
 */
export function parseScript(script: string): AndOr[] {
  const lexer = new Lexer(script);
  const lists: AndOr[] = [];
  let current: AndOr | undefined;
  let pendingOp: '&&' | '||' | undefined;
  let pipeline: Pipeline = { negated: false, words: [] };
  const endPipeline = () => {
    if (pipeline.words.length === 0) {
      if (pipeline.negated || pendingOp) throw new Undecidable('syntax: missing command');
      return;
    }
    const first = pipeline.words[0];
    if (
      first &&
      first.length === 1 &&
      first[0]?.kind === 'literal' &&
      !first[0].quoted &&
      UNSUPPORTED_WORDS.has(first[0].text)
    ) {
      throw new Undecidable(`compound command ${first[0].text}`);
    }
    if (current && pendingOp) current.rest.push({ op: pendingOp, pipeline });
    else lists.push((current = { first: pipeline, rest: [] }));
    pendingOp = undefined;
    pipeline = { negated: false, words: [] };
  };
  for (let tok = lexer.next(); tok; tok = lexer.next()) {
    if (tok.type === 'word') {
      const w = tok.word;
      if (
        pipeline.words.length === 0 &&
        !pipeline.negated &&
        w.length === 1 &&
        w[0]?.kind === 'literal' &&
        !w[0].quoted &&
        w[0].text === '!'
      ) {
        pipeline.negated = true;
      } else pipeline.words.push(w);
    } else if (tok.op === '&&' || tok.op === '||') {
      if (pipeline.words.length === 0) throw new Undecidable(`syntax: ${tok.op} without a command`);
      endPipeline();
      pendingOp = tok.op;
    } else {
      if (pendingOp && pipeline.words.length === 0) {
        if (tok.op === ';') throw new Undecidable('syntax: missing command after operator');
        continue; // a newline may follow && or ||
      }
      endPipeline();
      current = undefined;
    }
  }
  if (pendingOp && pipeline.words.length === 0)
    throw new Undecidable('syntax: missing command at end');
  endPipeline();
  return lists;
}

/** The text of `$(( … ))` read as inside double quotes: `$…` expanded, everything else literal. */
export function parseArithmeticWord(text: string): Word {
  if (text.includes('"') || text.includes('`')) throw new Undecidable('quotes in arithmetic');
  return new Lexer(`${text}"`).quotedWord();
}

function appendLiteral(parts: Word, text: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'literal' && last.quoted === quoted) last.text += text;
  else parts.push({ kind: 'literal', text, quoted });
}

type Token = { type: 'word'; word: Word } | { type: 'op'; op: '&&' | '||' | ';' | '\n' };

class Lexer {
  private i = 0;

  constructor(private readonly s: string) {}

  next(): Token | undefined {
    const s = this.s;
    while (
      this.i < s.length &&
      (s[this.i] === ' ' || s[this.i] === '\t' || (s[this.i] === '\\' && s[this.i + 1] === '\n'))
    ) {
      this.i += s[this.i] === '\\' ? 2 : 1;
    }
    if (this.i >= s.length) return undefined;
    const c = s[this.i] ?? '';
    if (c === '#') {
      while (this.i < s.length && s[this.i] !== '\n') this.i++;
      return this.next();
    }
    const two = s.slice(this.i, this.i + 2);
    if (two === '&&' || two === '||') {
      this.i += 2;
      return { type: 'op', op: two };
    }
    if (two === ';;') throw new Undecidable('case syntax');
    if (c === ';' || c === '\n') {
      this.i++;
      return { type: 'op', op: c === ';' ? ';' : '\n' };
    }
    if (c === '|' || c === '&' || c === '(' || c === ')' || c === '`')
      throw new Undecidable(`unsupported operator ${c}`);
    if (this.skipRedirection()) return this.next();
    return { type: 'word', word: this.word() };
  }

  /** `[n]>file`, `>>file`, `2>&1`, `<file`: output goes nowhere here, so they are skipped. */
  private skipRedirection(): boolean {
    const m = /^\d*(>>|>&|<&|>|<)/.exec(this.s.slice(this.i));
    if (!m) return false;
    if (m[1] === '<' && this.s[this.i + m[0].length] === '<')
      throw new Undecidable('here-document');
    this.i += m[0].length;
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
    const target = this.word();
    if (target.length === 0) throw new Undecidable('redirection without a target');
    return true;
  }

  private word(): Word {
    const s = this.s;
    const parts: Word = [];
    const literal = (text: string, quoted: boolean) => appendLiteral(parts, text, quoted);
    while (this.i < s.length) {
      const c = s[this.i] ?? '';
      if (' \t\n;&|()<>'.includes(c) || c === '`') break;
      if (c === '\\') {
        if (s[this.i + 1] !== '\n') literal(s[this.i + 1] ?? '', true);
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new Undecidable('unterminated single quote');
        literal(s.slice(this.i + 1, end), true);
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        this.doubleQuoted(parts);
      } else if (c === '$') {
        parts.push(this.dollar(false));
      } else {
        literal(c, false);
        this.i++;
      }
    }
    return parts;
  }

  quotedWord(): Word {
    const parts: Word = [];
    this.doubleQuoted(parts);
    return parts;
  }

  private doubleQuoted(parts: Word): void {
    const s = this.s;
    const literal = (text: string, quoted: boolean) => appendLiteral(parts, text, quoted);
    for (;;) {
      if (this.i >= s.length) throw new Undecidable('unterminated double quote');
      const c = s[this.i] ?? '';
      if (c === '"') {
        this.i++;
        if (parts.length === 0) literal('', true);
        return;
      }
      if (c === '`') throw new Undecidable('backquote substitution');
      if (c === '\\' && '$`"\\\n'.includes(s[this.i + 1] ?? '')) {
        if (s[this.i + 1] !== '\n') literal(s[this.i + 1] ?? '', true);
        this.i += 2;
      } else if (c === '$') parts.push(this.dollar(true));
      else {
        literal(c, true);
        this.i++;
      }
    }
  }

  private dollar(quoted: boolean): WordPart {
    const s = this.s;
    const rest = s.slice(this.i + 1);
    if (rest.startsWith('((')) {
      const end = this.matchParens(this.i + 1);
      if (s[end - 1] !== ')' || s[end - 2] !== ')') throw new Undecidable('unterminated $((');
      const text = s.slice(this.i + 3, end - 2);
      this.i = end;
      return { kind: 'arith', text, quoted };
    }
    if (rest.startsWith('(')) {
      const end = this.matchParens(this.i + 1);
      const text = s.slice(this.i + 2, end - 1);
      this.i = end;
      return { kind: 'command', text, quoted };
    }
    const braced = /^\{([A-Za-z_]\w*|[0-9?#])(?:(:?-)([^}]*))?\}/.exec(rest);
    if (braced) {
      this.i += 1 + braced[0].length;
      const [, name = '', op, text = ''] = braced;
      return {
        kind: 'param',
        name,
        ...(op ? { fallback: { text, ifEmpty: op === ':-' } } : {}),
        quoted,
      };
    }
    if (rest.startsWith('{')) throw new Undecidable('parameter expansion form');
    const simple = /^([A-Za-z_]\w*|[0-9?#$!@*-])/.exec(rest);
    if (simple) {
      this.i += 1 + (simple[1]?.length ?? 0);
      return { kind: 'param', name: simple[1] ?? '', quoted };
    }
    this.i++;
    return { kind: 'literal', text: '$', quoted };
  }

  /** Index just past the `)` matching the `(` at `open`, skipping quoted text. */
  private matchParens(open: number): number {
    const s = this.s;
    let depth = 0;
    for (let j = open; j < s.length; j++) {
      const c = s[j];
      if (c === "'") {
        j = s.indexOf("'", j + 1);
        if (j < 0) break;
      } else if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
    }
    throw new Undecidable('unterminated $(');
  }
}
