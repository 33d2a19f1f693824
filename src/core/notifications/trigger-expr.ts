import { isRecord } from '../../domain/json.js';
import { evaluateExpr, ExprError, parseExpr, type Expr } from '../analysis/expr/index.js';
import { checkExpr, ENV_VARIABLES } from '../analysis/expr/check.js';

/**
 * `when` and `oncePer` in the expression language the project already has (spec §2.3), with the
 * environment Argo Rollouts gives triggers (utils/record): `rollout`, `analysisRuns`, `secrets` and
 * `time.Now()` / `time.Parse(rfc3339)`.
 *
 * The analysis expr module knows one variable (`result`) and methods only on times and durations, so
 * the variables are bound here with `let` around the expression, and `time.Now()` / `time.Parse(s)`
 * are rewritten to the builtins `now()` / `date(s)` that mean the same.
 */
export const TRIGGER_VARIABLES = ['rollout', 'analysisRuns', 'secrets'] as const;

export interface TriggerVars {
  rollout: unknown;
  analysisRuns: unknown;
  secrets: unknown;
}

const BOUND: ReadonlySet<string> = new Set([...ENV_VARIABLES, ...TRIGGER_VARIABLES]);

/** Parses and checks a `when`/`oncePer`; throws an `ExprError` for what cannot run. */
export function compileTriggerExpr(source: string): Expr {
  const expr = rewriteTime(parseExpr(source));
  checkExpr(expr, BOUND);
  return expr;
}

/** Evaluates a compiled `when`/`oncePer` against the trigger's variables; throws an `ExprError`. */
export function evaluateTriggerExpr(expr: Expr, vars: TriggerVars, now: number): unknown {
  let bound = expr;
  for (const name of TRIGGER_VARIABLES) {
    if (!mentions(expr, name)) continue;
    bound = {
      kind: 'let',
      name,
      value: literalOf(vars[name], expr.pos),
      body: bound,
      pos: expr.pos,
    };
  }
  return evaluateExpr(bound, { result: null, now: new Date(now) });
}

/** `time.Now()` → `now()`, `time.Parse(s)` → `date(s)`; any other use of `time` is an error. */
function rewriteTime(node: Expr): Expr {
  if (node.kind === 'method' && node.object.kind === 'identifier' && node.object.name === 'time') {
    const args = node.args.map(rewriteTime);
    if (node.name === 'Now' && args.length === 0)
      return { kind: 'call', name: 'now', args, pos: node.pos };
    if (node.name === 'Parse' && args.length === 1)
      return { kind: 'call', name: 'date', args, pos: node.pos };
    throw new ExprError(`time.${node.name} is not available: use time.Now() or time.Parse(s)`);
  }
  if (node.kind === 'identifier' && node.name === 'time')
    throw new ExprError('time is only usable as time.Now() or time.Parse(s)');
  return mapChildren(node, rewriteTime);
}

function mapChildren(node: Expr, f: (child: Expr) => Expr): Expr {
  switch (node.kind) {
    case 'unary':
      return { ...node, operand: f(node.operand) };
    case 'binary':
      return { ...node, left: f(node.left), right: f(node.right) };
    case 'conditional':
      return { ...node, test: f(node.test), then: f(node.then), otherwise: f(node.otherwise) };
    case 'member':
      return { ...node, object: f(node.object), property: f(node.property) };
    case 'chain':
      return { ...node, node: f(node.node) };
    case 'slice':
      return {
        ...node,
        object: f(node.object),
        ...(node.from ? { from: f(node.from) } : {}),
        ...(node.to ? { to: f(node.to) } : {}),
      };
    case 'call':
      return { ...node, args: node.args.map(f) };
    case 'method':
      return { ...node, object: f(node.object), args: node.args.map(f) };
    case 'predicate':
      return { ...node, body: f(node.body) };
    case 'array':
      return { ...node, items: node.items.map(f) };
    case 'map':
      return { ...node, entries: node.entries.map((e) => ({ key: f(e.key), value: f(e.value) })) };
    case 'let':
      return { ...node, value: f(node.value), body: f(node.body) };
    default:
      return node;
  }
}

function mentions(node: Expr, name: string): boolean {
  if (node.kind === 'identifier') return node.name === name;
  let found = false;
  mapChildren(node, (child) => {
    found ||= mentions(child, name);
    return child;
  });
  return found;
}

/** A JSON value as a literal: numbers are float64, as Go's JSON decoding gives them to expr. */
function literalOf(value: unknown, pos: number): Expr {
  if (value === null || value === undefined) return { kind: 'nil', pos };
  if (typeof value === 'boolean') return { kind: 'bool', value, pos };
  if (typeof value === 'number') return { kind: 'float', value, pos };
  if (typeof value === 'string') return { kind: 'string', value, pos };
  if (Array.isArray(value))
    return { kind: 'array', items: value.map((v) => literalOf(v, pos)), pos };
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => ({
        key: { kind: 'string', value: k, pos } as Expr,
        value: literalOf(v, pos),
      }));
    return { kind: 'map', entries, pos };
  }
  return { kind: 'nil', pos };
}

/** Go's `%v` of an `oncePer` value, the key it makes. */
export function formatOncePer(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
