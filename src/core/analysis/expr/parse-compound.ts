import type { Expr } from './ast.js';
import { PREDICATE_BUILTINS } from './grammar.js';
import { describeToken, type Token } from './lexer.js';
import { TokenStream } from './token-stream.js';

const PROPERTY_WORD = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;

/** Calls, predicates, array and map literals, member/index/slice postfixes (expr's `parser.go`). */
export abstract class CompoundParser extends TokenStream {
  protected abstract expression(precedence: number): Expr;

  protected call(name: Token, piped: Expr[]): Expr {
    const signature = PREDICATE_BUILTINS[name.value];
    if (signature === undefined)
      return { kind: 'call', name: name.value, args: this.arguments(piped), pos: name.pos };
    this.expect('Bracket', '(');
    const args = [...piped];
    const wanted = signature.args.slice(piped.length);
    for (const [i, kind] of wanted.entries()) {
      if (this.is('Bracket', ')')) {
        if (i >= wanted.length - signature.optional) break;
        this.fail(`expected at least ${wanted.length - signature.optional} arguments`);
      }
      if (i > 0) this.expect('Operator', ',');
      args.push(kind === 'predicate' ? this.predicate() : this.expression(0));
    }
    if (this.is('Operator', ',')) this.next();
    this.expect('Bracket', ')');
    return { kind: 'call', name: name.value, args, pos: name.pos };
  }

  protected arguments(args: Expr[]): Expr[] {
    const offset = args.length;
    this.expect('Bracket', '(');
    while (!this.is('Bracket', ')')) {
      if (args.length > offset) this.expect('Operator', ',');
      if (this.is('Bracket', ')')) break;
      args.push(this.expression(0));
    }
    this.expect('Bracket', ')');
    return args;
  }

  /** A predicate body, `{ … }` or bare; inside it `#` is the current element. */
  private predicate(): Expr {
    const pos = this.current.pos;
    const braced = this.is('Bracket', '{');
    if (braced) this.next();
    this.depth += 1;
    const body = this.expression(0);
    this.depth -= 1;
    if (braced) this.expect('Bracket', '}');
    return { kind: 'predicate', body, pos };
  }

  protected array(): Expr {
    const pos = this.current.pos;
    const items: Expr[] = [];
    this.expect('Bracket', '[');
    while (!this.is('Bracket', ']')) {
      if (items.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', ']')) break;
      }
      items.push(this.expression(0));
    }
    this.expect('Bracket', ']');
    return { kind: 'array', items, pos };
  }

  /** `{a: 1, "b": 2, 3: 4, (k): 5}`: bare words and numbers are string keys. */
  protected map(): Expr {
    const pos = this.current.pos;
    const entries: { key: Expr; value: Expr }[] = [];
    this.expect('Bracket', '{');
    while (!this.is('Bracket', '}')) {
      if (entries.length > 0) {
        this.expect('Operator', ',');
        if (this.is('Bracket', '}')) break;
      }
      const token = this.current;
      let key: Expr;
      if (token.kind === 'Number' || token.kind === 'String' || token.kind === 'Identifier') {
        key = { kind: 'string', value: token.value, pos: token.pos };
        this.next();
      } else if (this.is('Bracket', '(')) {
        key = this.expression(0);
      } else {
        const reason =
          'a map key must be a quoted string, a number, a identifier, or an expression enclosed in parentheses';
        this.fail(`${reason} (unexpected token ${describeToken(token)})`);
      }
      this.expect('Operator', ':');
      entries.push({ key, value: this.expression(0) });
    }
    this.expect('Bracket', '}');
    return { kind: 'map', entries, pos };
  }

  /** `.name`, `?.name`, `.name(args)`, `[i]`, `?.[i]`, `[i:j]`; a chain holding `?.` is wrapped once, at its end. */
  protected postfix(start: Expr): Expr {
    let node = start;
    for (;;) {
      const token = this.current;
      const optional = token.kind === 'Operator' && token.value === '?.';
      if (optional || (token.kind === 'Operator' && token.value === '.')) {
        this.next();
        if (optional && this.is('Bracket', '[')) {
          node = this.subscript(node, true);
          continue;
        }
        const name = this.current;
        if (
          name.kind !== 'Identifier' &&
          !(name.kind === 'Operator' && PROPERTY_WORD.test(name.value))
        )
          this.fail('expected name');
        this.next();
        const object = node.kind === 'chain' ? node.node : node;
        const step: Expr = this.is('Bracket', '(')
          ? {
              kind: 'method',
              object,
              name: name.value,
              args: this.arguments([]),
              optional,
              pos: name.pos,
            }
          : {
              kind: 'member',
              object,
              property: { kind: 'string', value: name.value, pos: name.pos },
              optional,
              pos: name.pos,
            };
        node =
          node.kind === 'chain' || optional ? { kind: 'chain', node: step, pos: step.pos } : step;
      } else if (token.kind === 'Bracket' && token.value === '[') {
        node = this.subscript(node, false);
      } else {
        return node;
      }
    }
  }

  private subscript(node: Expr, optional: boolean): Expr {
    const pos = this.current.pos;
    this.expect('Bracket', '[');
    const object = node.kind === 'chain' ? node.node : node;
    const from = this.is('Operator', ':') ? undefined : this.expression(0);
    let step: Expr;
    if (this.is('Operator', ':')) {
      this.next();
      const to = this.is('Bracket', ']') ? undefined : this.expression(0);
      step = { kind: 'slice', object, ...(from && { from }), ...(to && { to }), pos };
    } else if (from === undefined) {
      return this.unexpected();
    } else {
      step = { kind: 'member', object, property: from, optional, pos };
    }
    this.expect('Bracket', ']');
    return node.kind === 'chain' || optional ? { kind: 'chain', node: step, pos } : step;
  }
}
