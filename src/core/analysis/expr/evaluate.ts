import { applyStringOperator, contains, fetch, slice } from './access.js';
import type { Expr, ExprOf } from './ast.js';
import type { ExprEnv } from './builtin.js';
import { lookupBuiltin } from './builtins.js';
import { TIME_METHODS } from './builtins-time.js';
import { checkExpr } from './check.js';
import type { Context } from './context.js';
import { ExprError } from './errors.js';
import { PREDICATE_BUILTINS } from './grammar.js';
import {
  applyArithmetic,
  applyComparison,
  applyUnary,
  invalidOperation,
  makeRange,
} from './operators.js';
import { parseExpr } from './parser.js';
import { runPredicateBuiltin } from './predicates.js';
import { GoDuration } from './time.js';
import { equal, isNil, kindOf, makeMap, typeName } from './values.js';

/** Marks an optional step (`?.`) that met nil: the enclosing chain evaluates to nil. */
const SKIP: unique symbol = Symbol('skip');

/**
 * Evaluates an expression against `env` (spec §2.3). Numbers in `env.result` are float64 as Argo's JSON
 * decoding makes them (a `bigint` is an int); ints in the answer come back as JS numbers.
 */
export function evaluateExpr(expr: Expr | string, env: ExprEnv): unknown {
  return toJs(evaluateRaw(expr, env));
}

/** Like {@link evaluateExpr} but answers expr's own values (ints as `bigint`). */
export function evaluateRaw(expr: Expr | string, env: ExprEnv): unknown {
  const ast = typeof expr === 'string' ? parseExpr(expr) : expr;
  checkExpr(ast);
  return evaluate(ast, { env, scopes: [], vars: new Map() });
}

function evaluate(node: Expr, ctx: Context): unknown {
  switch (node.kind) {
    case 'nil':
      return null;
    case 'bool':
    case 'int':
    case 'float':
    case 'string':
      return node.value;
    case 'identifier':
      if (ctx.vars.has(node.name)) return ctx.vars.get(node.name);
      if (node.name === 'result') return ctx.env.result ?? null;
      if (node.name === '$env') return makeMap([['result', ctx.env.result ?? null]]);
      throw new ExprError(`unknown name ${node.name}`);
    case 'pointer':
      return pointer(node, ctx);
    case 'unary':
      return applyUnary(node.op, evaluate(node.operand, ctx));
    case 'binary':
      return binary(node, ctx);
    case 'conditional': {
      const test = evaluate(node.test, ctx);
      if (typeof test !== 'boolean')
        throw new ExprError(`non-bool expression (type ${typeName(test)}) used as condition`);
      return evaluate(test ? node.then : node.otherwise, ctx);
    }
    case 'chain': {
      const value = evaluate(node.node, ctx);
      return value === SKIP ? null : value;
    }
    case 'member': {
      const object = evaluate(node.object, ctx);
      if (object === SKIP || (node.optional && isNil(object))) return SKIP;
      return fetch(object, evaluate(node.property, ctx)) ?? null;
    }
    case 'slice': {
      const object = evaluate(node.object, ctx);
      if (object === SKIP) return SKIP;
      const to = node.to && evaluate(node.to, ctx);
      return slice(object, node.from && evaluate(node.from, ctx), to);
    }
    case 'method':
      return method(node, ctx);
    case 'call':
      return call(node, ctx);
    case 'array':
      return node.items.map((item) => evaluate(item, ctx));
    case 'map':
      return makeMap(
        node.entries.map(
          ({ key, value }) => [mapKey(evaluate(key, ctx)), evaluate(value, ctx)] as const,
        ),
      );
    case 'let':
      return evaluate(node.body, {
        ...ctx,
        vars: new Map([...ctx.vars, [node.name, evaluate(node.value, ctx)]]),
      });
    case 'predicate':
      throw new ExprError('a predicate is only allowed as an argument of a builtin');
  }
}

function pointer(node: ExprOf<'pointer'>, ctx: Context): unknown {
  const scope = ctx.scopes[ctx.scopes.length - 1];
  if (scope === undefined) throw new ExprError('cannot use pointer accessor outside predicate');
  if (node.name === 'index') return BigInt(scope.index);
  if (node.name === 'acc') return scope.acc;
  return scope.items[scope.index] ?? null;
}

function binary(node: ExprOf<'binary'>, ctx: Context): unknown {
  const left = evaluate(node.left, ctx);
  switch (node.op) {
    case '&&':
    case 'and':
    case '||':
    case 'or': {
      const stopOn = node.op === '||' || node.op === 'or';
      if (typeof left !== 'boolean')
        throw invalidOperation(left, node.op, evaluate(node.right, ctx));
      if (left === stopOn) return left;
      const right = evaluate(node.right, ctx);
      if (typeof right !== 'boolean') throw invalidOperation(left, node.op, right);
      return right;
    }
    case '??':
      return isNil(left) ? evaluate(node.right, ctx) : left;
  }
  const right = evaluate(node.right, ctx);
  switch (node.op) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return applyComparison(node.op, left, right);
    case 'in':
      return contains(left, right);
    case '..':
      return makeRange(left, right);
    case 'contains':
    case 'startsWith':
    case 'endsWith':
    case 'matches':
      return applyStringOperator(node.op, left, right);
    default:
      return applyArithmetic(node.op, left, right);
  }
}

function call(node: ExprOf<'call'>, ctx: Context): unknown {
  if (PREDICATE_BUILTINS[node.name] !== undefined) return runPredicateBuiltin(node, ctx, evaluate);
  const builtin = lookupBuiltin(node.name);
  if (builtin === undefined) throw new ExprError(`unknown name ${node.name}`);
  return builtin.call(
    node.args.map((arg) => evaluate(arg, ctx)),
    ctx.env,
  );
}

function method(node: ExprOf<'method'>, ctx: Context): unknown {
  const object = evaluate(node.object, ctx);
  if (object === SKIP || (node.optional && isNil(object))) return SKIP;
  const table =
    object instanceof Date
      ? TIME_METHODS.time
      : object instanceof GoDuration
        ? TIME_METHODS.duration
        : undefined;
  const fn = table !== undefined && Object.hasOwn(table, node.name) ? table[node.name] : undefined;
  if (fn === undefined) throw new ExprError(`type ${typeName(object)} has no method ${node.name}`);
  return fn(
    object as never,
    node.args.map((arg) => evaluate(arg, ctx)),
  );
}

function mapKey(key: unknown): string {
  if (typeof key !== 'string') throw new ExprError(`cannot use ${typeName(key)} as map key`);
  return key;
}

/** expr values back to JS: ints become numbers, inside arrays and maps too. */
function toJs(value: unknown): unknown {
  switch (kindOf(value)) {
    case 'int':
      return Number(value);
    case 'array':
      return (value as unknown[]).map(toJs);
    case 'map':
      return makeMap(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJs(v)] as const),
      );
    default:
      return value === undefined ? null : value;
  }
}
