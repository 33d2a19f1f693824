import type { Expr } from './ast.js';
import { BINARY_OPERATORS, CHAINED_COMPARISONS, NEGATABLE, UNARY_OPERATORS } from './grammar.js';
import { describeToken, tokenize, type Token } from './lexer.js';
import { CompoundParser } from './parse-compound.js';
import { parseNumberLiteral } from './parse-number.js';

/**
 * Parses a condition into its syntax tree: a Pratt parser mirroring expr-lang/expr's `parser.go`
 * (precedence climbing, chained comparisons, `not in`, `??` that refuses to mix, predicates with `#`).
 * Throws an `ExprError` carrying the position of the first syntax error.
 */
export function parseExpr(source: string): Expr {
  return new Parser(source, tokenize(source)).parse();
}

class Parser extends CompoundParser {
  parse(): Expr {
    const node = this.expression(0);
    if (!this.is('EOF')) this.unexpected();
    return node;
  }

  protected expression(precedence: number): Expr {
    if (precedence === 0 && this.is('Operator', 'let')) return this.letDeclaration();
    let left = this.primary();
    let previous = '';
    while (this.current.kind === 'Operator') {
      let op = this.current;
      const not = op.value === 'not' ? op : undefined;
      if (not) {
        const mark = this.mark;
        this.next();
        if (this.current.kind !== 'Operator' || !NEGATABLE.has(this.current.value))
          this.unexpected();
        if ((BINARY_OPERATORS[this.current.value]?.precedence ?? -1) < precedence) {
          this.reset(mark);
          break;
        }
        op = this.current;
      }
      const info = BINARY_OPERATORS[op.value];
      if (info === undefined || info.precedence < precedence) break;
      this.next();
      if (op.value === '|') {
        const name = this.current;
        this.expect('Identifier');
        left = this.call(name, [left]);
      } else {
        if (previous === '??' && op.value !== '??') {
          this.fail(
            `Operator (${op.value}) and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.`,
            op,
          );
        }
        if (CHAINED_COMPARISONS.has(op.value)) {
          left = this.comparison(left, op, info.precedence);
        } else {
          const right = this.expression(
            info.rightAssociative ? info.precedence : info.precedence + 1,
          );
          left = { kind: 'binary', op: op.value, left, right, pos: op.pos };
          if (not) left = { kind: 'unary', op: 'not', operand: left, pos: not.pos };
        }
      }
      previous = op.value;
    }
    return precedence === 0 ? this.conditional(left) : left;
  }

  /** `a < b <= c` is `a < b && b <= c`, as in expr. */
  private comparison(first: Expr, firstOp: Token, precedence: number): Expr {
    let left = first;
    let op = firstOp;
    let root: Expr | undefined;
    for (;;) {
      const right = this.expression(precedence + 1);
      const cmp: Expr = { kind: 'binary', op: op.value, left, right, pos: op.pos };
      root =
        root === undefined
          ? cmp
          : { kind: 'binary', op: '&&', left: root, right: cmp, pos: op.pos };
      left = right;
      op = this.current;
      if (op.kind !== 'Operator' || !CHAINED_COMPARISONS.has(op.value)) return root;
      this.next();
    }
  }

  /** `c ? a : b`, and expr's Elvis form `a ?: b`. */
  private conditional(test: Expr): Expr {
    let node = test;
    while (this.is('Operator', '?')) {
      const pos = this.current.pos;
      this.next();
      let then = node;
      if (this.is('Operator', ':')) {
        this.next();
      } else {
        then = this.expression(0);
        this.expect('Operator', ':');
      }
      node = { kind: 'conditional', test: node, then, otherwise: this.expression(0), pos };
    }
    return node;
  }

  private letDeclaration(): Expr {
    this.expect('Operator', 'let');
    const name = this.current;
    this.expect('Identifier');
    this.expect('Operator', '=');
    const value = this.expression(0);
    this.expect('Operator', ';');
    return { kind: 'let', name: name.value, value, body: this.expression(0), pos: name.pos };
  }

  private primary(): Expr {
    const token = this.current;
    const unary = token.kind === 'Operator' ? UNARY_OPERATORS[token.value] : undefined;
    if (unary !== undefined) {
      this.next();
      return this.postfix({
        kind: 'unary',
        op: token.value,
        operand: this.expression(unary),
        pos: token.pos,
      });
    }
    if (this.is('Bracket', '(')) {
      this.next();
      const inner = this.expression(0);
      this.expect('Bracket', ')');
      return this.postfix(inner);
    }
    if (this.is('Operator', '#') || this.is('Operator', '.')) {
      if (this.depth === 0) this.fail('cannot use pointer accessor outside predicate');
      let name = '';
      if (this.is('Operator', '#')) {
        this.next();
        if (this.is('Identifier')) {
          name = this.current.value;
          this.next();
        }
      }
      return this.postfix({ kind: 'pointer', name, pos: token.pos });
    }
    return this.postfix(this.secondary());
  }

  private secondary(): Expr {
    const token = this.current;
    if (token.kind === 'Identifier') {
      this.next();
      if (token.value === 'true' || token.value === 'false')
        return { kind: 'bool', value: token.value === 'true', pos: token.pos };
      if (token.value === 'nil') return { kind: 'nil', pos: token.pos };
      if (this.is('Bracket', '(')) return this.call(token, []);
      return { kind: 'identifier', name: token.value, pos: token.pos };
    }
    if (token.kind === 'Number') {
      this.next();
      const node = parseNumberLiteral(token.value, token.pos);
      return 'error' in node ? this.fail(node.error, token) : node;
    }
    if (token.kind === 'String') {
      this.next();
      return { kind: 'string', value: token.value, pos: token.pos };
    }
    if (this.is('Bracket', '[')) return this.array();
    if (this.is('Bracket', '{')) return this.map();
    return this.fail(`unexpected token ${describeToken(token)}`);
  }
}
