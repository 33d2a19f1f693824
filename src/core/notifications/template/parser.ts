import type { Command, Node, NumberValue, Operand, Pipeline } from './ast.js';
import { templateError, type TemplateError } from './errors.js';
import { FUNCTIONS } from './functions.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';

/** A parsed template: its body and the templates it `define`s, all from one source text. */
export interface Template {
  readonly name: string;
  readonly text: string;
  readonly root: readonly Node[];
  readonly defines: ReadonlyMap<string, readonly Node[]>;
}

type Stop = 'end' | 'else' | 'eof';

/**
 * Parses Go `text/template` source, checking at parse time what Go checks there: syntax, that every
 * function is defined and every variable declared. Throws a {@link TemplateError}.
 */
export function parseTemplate(name: string, text: string): Template {
  const parser = new Parser(name, text);
  const root = parser.parseTop();
  return { name, text, root, defines: parser.defines };
}

class Parser {
  readonly defines = new Map<string, readonly Node[]>();
  private readonly tokens: Token[];
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    private readonly name: string,
    private readonly text: string,
  ) {
    this.tokens = tokenize(name, text);
  }

  parseTop(): Node[] {
    const { nodes, stop } = this.parseList(true);
    if (stop.kind !== 'eof') throw this.error(stop.pos, `unexpected {{${stop.kind}}}`);
    return nodes;
  }

  private error(pos: number, reason: string): TemplateError {
    return templateError(this.name, this.text, pos, reason);
  }

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'eof', value: '', pos: this.text.length, spaced: false };
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.i += 1;
    return token;
  }

  private expect(kind: TokenKind, context: string): Token {
    const token = this.next();
    if (token.kind === 'eof') throw this.error(token.pos, 'unexpected EOF');
    if (token.kind !== kind) throw this.error(token.pos, `unexpected ${show(token)} in ${context}`);
    return token;
  }

  /** Nodes up to `{{end}}`, `{{else}}` or the end of input; the closing keyword is consumed. */
  private parseList(top = false): { nodes: Node[]; stop: { kind: Stop; pos: number } } {
    const nodes: Node[] = [];
    for (;;) {
      const token = this.next();
      if (token.kind === 'eof') return { nodes, stop: { kind: 'eof', pos: token.pos } };
      if (token.kind === 'text') {
        nodes.push({ kind: 'text', text: token.value });
        continue;
      }
      const word = this.peek();
      if (word.kind === 'keyword') {
        if (word.value === 'end' || word.value === 'else') {
          this.next();
          if (word.value === 'end') this.expect('close', 'end');
          return { nodes, stop: { kind: word.value, pos: word.pos } };
        }
        const node = this.parseKeyword(top);
        if (node) nodes.push(node);
        continue;
      }
      const pipe = this.parsePipeline('command');
      nodes.push({ kind: 'action', pos: pipe.pos, pipe });
    }
  }

  private parseKeyword(top: boolean): Node | undefined {
    const word = this.next();
    switch (word.value) {
      case 'if':
      case 'with':
        return this.parseControl(word.value, word.pos);
      case 'range': {
        this.rangeDepth += 1;
        const node = this.parseControl('range', word.pos);
        this.rangeDepth -= 1;
        return node;
      }
      case 'break':
      case 'continue': {
        if (this.rangeDepth === 0)
          throw this.error(word.pos, `{{${word.value}}} outside {{range}}`);
        this.expect('close', word.value);
        return { kind: word.value, pos: word.pos };
      }
      case 'template':
        return this.parseTemplateCall();
      case 'define':
        if (!top) throw this.error(word.pos, 'unexpected <define> in command');
        this.parseDefine();
        return undefined;
      default: {
        // block "name" pipeline: define the body and call it in place.
        const call = this.parseTemplateCall();
        this.defineBody(call.name);
        return call;
      }
    }
  }

  private parseControl(kind: 'if' | 'with' | 'range', pos: number): Node {
    const mark = this.vars.length;
    const pipe = this.parsePipeline(kind);
    const { nodes, stop } = this.parseList();
    let elseList: Node[] | undefined;
    if (stop.kind === 'eof') throw this.error(stop.pos, 'unexpected EOF');
    if (stop.kind === 'else') {
      const chained = this.peek();
      if (kind !== 'range' && chained.kind === 'keyword' && chained.value === kind) {
        // {{else if …}} and {{else with …}} nest a control that shares this one's {{end}}.
        this.next();
        elseList = [this.parseControl(kind, chained.pos)];
      } else {
        this.expect('close', 'else');
        const rest = this.parseList();
        if (rest.stop.kind !== 'end') throw this.error(rest.stop.pos, endError(rest.stop.kind));
        elseList = rest.nodes;
      }
    }
    this.vars.length = mark;
    return { kind, pos, pipe, list: nodes, elseList };
  }

  private parseTemplateCall(): Node & { kind: 'template' } {
    const nameToken = this.next();
    if (nameToken.kind !== 'string')
      throw this.error(nameToken.pos, `unexpected ${show(nameToken)} in template clause`);
    let pipe: Pipeline | undefined;
    if (this.peek().kind === 'close') this.next();
    else pipe = this.parsePipeline('template');
    return { kind: 'template', pos: nameToken.pos, name: nameToken.value, pipe };
  }

  private parseDefine(): void {
    const nameToken = this.next();
    if (nameToken.kind !== 'string')
      throw this.error(nameToken.pos, `unexpected ${show(nameToken)} in define clause`);
    this.expect('close', 'define clause');
    this.defineBody(nameToken.value);
  }

  private defineBody(name: string): void {
    const saved = this.vars;
    this.vars = ['$'];
    const { nodes, stop } = this.parseList();
    if (stop.kind !== 'end') throw this.error(stop.pos, endError(stop.kind));
    this.vars = saved;
    this.defines.set(name, nodes);
  }

  private parsePipeline(context: string): Pipeline {
    const start = this.peek();
    const vars = this.parseDeclarations(context);
    const assign = vars.assign;
    const commands: Command[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'close') {
        this.next();
        break;
      }
      if (token.kind === 'rparen' && context === 'parenthesized pipeline') break;
      if (token.kind === 'eof') throw this.error(token.pos, 'unexpected EOF');
      const command = this.parseCommand(context);
      if (commands.length > 0 && isLiteral(command.args[0])) {
        throw this.error(
          command.pos,
          `non executable command in pipeline stage ${commands.length + 1}`,
        );
      }
      commands.push(command);
      if (this.peek().kind === 'pipe') this.next();
    }
    if (commands.length === 0) throw this.error(start.pos, `missing value for ${context}`);
    for (const name of vars.names) if (!assign) this.vars.push(name);
    return { pos: start.pos, vars: vars.names, assign, commands };
  }

  private parseDeclarations(context: string): { names: string[]; assign: boolean } {
    const save = this.i;
    const names: string[] = [];
    while (this.peek().kind === 'variable') {
      names.push(this.next().value);
      const sep = this.peek();
      if (sep.kind === 'comma' && context === 'range' && names.length === 2)
        throw this.error(sep.pos, 'too many declarations in range');
      if (sep.kind === 'comma' && context === 'range' && names.length === 1) {
        this.next();
        continue;
      }
      if (sep.kind === 'declare' || sep.kind === 'assign') {
        this.next();
        return { names, assign: sep.kind === 'assign' };
      }
      break;
    }
    this.i = save;
    return { names: [], assign: false };
  }

  private parseCommand(context: string): Command {
    const args: Operand[] = [];
    const pos = this.peek().pos;
    for (;;) {
      const token = this.peek();
      if (['close', 'pipe', 'rparen', 'eof'].includes(token.kind)) break;
      if (args.length > 0 && !token.spaced && token.kind !== 'field')
        throw this.error(token.pos, `missing space?`);
      args.push(this.parseOperand(context));
    }
    if (args.length === 0) throw this.error(this.peek().pos, `missing value for ${context}`);
    return { pos, args };
  }

  private parseOperand(context: string): Operand {
    let operand = this.parseTerm(context);
    const path: string[] = [];
    let chainPos = operand.pos;
    while (this.peek().kind === 'field' && !this.peek().spaced) {
      const field = this.next();
      if (path.length === 0) chainPos = field.pos;
      path.push(field.value.slice(1));
    }
    if (path.length === 0) return operand;
    // Go gives a chained field or variable the position of the second link.
    if (operand.kind === 'field' || operand.kind === 'variable') {
      operand = { ...operand, pos: chainPos, path: [...operand.path, ...path] };
      return operand;
    }
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(operand.kind))
      throw this.error(
        chainPos,
        `unexpected . after term ${JSON.stringify(this.describe(operand))}`,
      );
    return { kind: 'chain', pos: chainPos, operand, path };
  }

  private describe(operand: Operand): string {
    return operand.kind === 'string' || operand.kind === 'number' ? operand.text : operand.kind;
  }

  private parseTerm(context: string): Operand {
    const token = this.next();
    const pos = token.pos;
    switch (token.kind) {
      case 'field':
        return { kind: 'field', pos, path: [token.value.slice(1)] };
      case 'variable':
        if (!this.vars.includes(token.value) && !this.isAssignment())
          throw this.error(pos, `undefined variable "${token.value}"`);
        return { kind: 'variable', pos, name: token.value, path: [] };
      case 'dot':
        return { kind: 'dot', pos };
      case 'nil':
        return { kind: 'nil', pos };
      case 'bool':
        return { kind: 'bool', pos, value: token.value === 'true' };
      case 'number':
      case 'char':
        return {
          kind: 'number',
          pos,
          text: token.kind === 'char' ? quoteChar(this.text, pos) : token.value,
          value: numberValue(token, (reason) => this.error(pos, reason)),
        };
      case 'string':
        return {
          kind: 'string',
          pos,
          text: this.text.slice(pos, this.endOf(pos)),
          value: token.value,
        };
      case 'identifier':
        if (!Object.hasOwn(FUNCTIONS, token.value))
          throw this.error(pos, `function "${token.value}" not defined`);
        return { kind: 'identifier', pos, name: token.value };
      case 'lparen': {
        const pipe = this.parsePipeline('parenthesized pipeline');
        const close = this.next();
        if (close.kind !== 'rparen') throw this.error(close.pos, 'unclosed left paren');
        return { kind: 'pipe', pos, pipe };
      }
      case 'eof':
        throw this.error(pos, 'unexpected EOF');
      default:
        throw this.error(pos, `unexpected ${show(token)} in ${context}`);
    }
  }

  /** Go checks undeclared variables only where they are read, not on the left of `=`. */
  private isAssignment(): boolean {
    return this.peek().kind === 'assign';
  }

  private endOf(pos: number): number {
    const quote = this.text[pos];
    let i = pos + 1;
    while (i < this.text.length && this.text[i] !== quote)
      i += quote !== '`' && this.text[i] === '\\' ? 2 : 1;
    return i + 1;
  }
}

function quoteChar(text: string, pos: number): string {
  const end = text.indexOf("'", pos + (text[pos + 1] === '\\' ? 3 : 2));
  return text.slice(pos, end + 1);
}

function numberValue(token: Token, fail: (reason: string) => TemplateError): NumberValue {
  if (token.kind === 'char') return { int: BigInt(token.value.codePointAt(0) ?? 0) };
  const clean = token.value.replaceAll('_', '');
  const sign = clean.startsWith('-') ? -1n : 1n;
  const unsigned = clean.replace(/^[+-]/, '');
  if (/^0[xXbBoO]/.test(unsigned) || /^\d+$/.test(unsigned)) {
    const digits = /^0\d/.test(unsigned) ? `0o${unsigned.slice(1)}` : unsigned;
    return { int: sign * BigInt(digits) };
  }
  const value = Number(clean);
  if (Number.isNaN(value)) throw fail(`bad number syntax: "${token.value}"`);
  return { float: value };
}

function isLiteral(operand: Operand | undefined): boolean {
  return operand !== undefined && ['bool', 'dot', 'nil', 'number', 'string'].includes(operand.kind);
}

function endError(stop: Stop): string {
  return stop === 'eof' ? 'unexpected EOF' : `unexpected {{${stop}}}`;
}

function show(token: Token): string {
  if (token.kind === 'close') return '"}}"';
  if (token.kind === 'keyword') return `<${token.value}>`;
  return JSON.stringify(token.value);
}
