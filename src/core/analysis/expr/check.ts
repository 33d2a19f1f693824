import type { Expr } from './ast.js';
import { arityProblem } from './builtin.js';
import { lookupBuiltin } from './builtins.js';
import { ExprError } from './errors.js';
import { PREDICATE_BUILTINS } from './grammar.js';

/** The only variable Argo puts into the environment besides its functions (spec §2.3), and expr's `$env`. */
export const ENV_VARIABLES: ReadonlySet<string> = new Set(['result', '$env']);

const POINTERS = new Set(['', 'index', 'acc']);

/**
 * What expr's checker rejects at compile time, before anything runs (so also in branches never taken):
 * unknown names and functions, wrong argument counts, unknown `#` pointers.
 */
export function checkExpr(node: Expr, bound: ReadonlySet<string> = ENV_VARIABLES): void {
  switch (node.kind) {
    case 'identifier':
      if (!bound.has(node.name)) throw new ExprError(`unknown name ${node.name}`);
      return;
    case 'pointer':
      if (!POINTERS.has(node.name)) throw new ExprError(`unknown pointer #${node.name}`);
      return;
    case 'call': {
      if (PREDICATE_BUILTINS[node.name] === undefined) {
        const builtin = lookupBuiltin(node.name);
        if (builtin === undefined) throw new ExprError(`unknown name ${node.name}`);
        const problem = arityProblem(node.name, builtin, node.args.length);
        if (problem !== undefined) throw new ExprError(problem);
      }
      node.args.forEach((arg) => checkExpr(arg, bound));
      return;
    }
    case 'let':
      checkExpr(node.value, bound);
      checkExpr(node.body, new Set([...bound, node.name]));
      return;
    default:
      children(node).forEach((child) => checkExpr(child, bound));
  }
}

/** The direct sub-expressions of a node, in source order. */
export function children(node: Expr): Expr[] {
  switch (node.kind) {
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.then, node.otherwise];
    case 'member':
      return [node.object, node.property];
    case 'chain':
      return [node.node];
    case 'slice':
      return [node.object, ...(node.from ? [node.from] : []), ...(node.to ? [node.to] : [])];
    case 'call':
      return [...node.args];
    case 'method':
      return [node.object, ...node.args];
    case 'predicate':
      return [node.body];
    case 'array':
      return [...node.items];
    case 'map':
      return node.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'let':
      return [node.value, node.body];
    default:
      return [];
  }
}
