import type { Expr } from './ast.js';
import { KEYWORD_OPERATORS } from './grammar.js';

const NAME = /^[\p{L}_$][\p{L}\p{Nd}_$]*$/u;
const RESERVED = new Set([...KEYWORD_OPERATORS, 'true', 'false', 'nil']);

/**
 * Prints an expression back to source, fully parenthesised, so that `parseExpr(printExpr(e))` gives `e`
 * again (positions aside). Predicates always get braces; `a.b` and `a["b"]` print the same way.
 */
export function printExpr(node: Expr): string {
  switch (node.kind) {
    case 'nil':
      return 'nil';
    case 'bool':
    case 'int':
      return String(node.value);
    case 'float': {
      const text = String(node.value);
      return /[.e]/.test(text) ? text : `${text}.0`;
    }
    case 'string':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'pointer':
      return `#${node.name}`;
    case 'unary': {
      const operand = printExpr(node.operand);
      return node.op === 'not'
        ? `(not ${operand})`
        : `(${node.op}${operand.startsWith(node.op) ? ' ' : ''}${operand})`;
    }
    case 'binary':
      return `(${printExpr(node.left)} ${node.op} ${printExpr(node.right)})`;
    case 'conditional':
      return `(${printExpr(node.test)} ? ${printExpr(node.then)} : ${printExpr(node.otherwise)})`;
    case 'chain':
      return printExpr(node.node);
    case 'member': {
      const access = node.optional ? '?.' : '.';
      const { property } = node;
      if (
        property.kind === 'string' &&
        NAME.test(property.value) &&
        !RESERVED.has(property.value)
      ) {
        return `${postfixBase(node.object)}${access}${property.value}`;
      }
      return `${postfixBase(node.object)}${node.optional ? '?.' : ''}[${printExpr(property)}]`;
    }
    case 'slice':
      return `${postfixBase(node.object)}[${node.from ? printExpr(node.from) : ''}:${node.to ? printExpr(node.to) : ''}]`;
    case 'method':
      return `${postfixBase(node.object)}${node.optional ? '?.' : '.'}${node.name}(${node.args.map(printExpr).join(', ')})`;
    case 'call':
      return `${node.name}(${node.args.map(printExpr).join(', ')})`;
    case 'predicate':
      return `{${printExpr(node.body)}}`;
    case 'array':
      return `[${node.items.map(printExpr).join(', ')}]`;
    case 'map':
      return `{${node.entries.map(({ key, value }) => `${key.kind === 'string' ? JSON.stringify(key.value) : `(${printExpr(key)})`}: ${printExpr(value)}`).join(', ')}}`;
    case 'let':
      return `(let ${node.name} = ${printExpr(node.value)}; ${printExpr(node.body)})`;
  }
}

/** The object of a postfix step: literals and names as they are, anything else in parentheses. */
function postfixBase(node: Expr): string {
  const text = printExpr(node);
  return [
    'identifier',
    'pointer',
    'member',
    'chain',
    'slice',
    'method',
    'call',
    'array',
    'string',
  ].includes(node.kind)
    ? text
    : `(${text})`;
}
