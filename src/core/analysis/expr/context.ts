import type { Expr } from './ast.js';
import type { ExprEnv } from './builtin.js';

/** One predicate iteration: the array, the current index (`#`, `#index`) and `reduce`'s accumulator (`#acc`). */
export interface Scope {
  readonly items: readonly unknown[];
  index: number;
  acc: unknown;
}

export interface Context {
  readonly env: ExprEnv;
  readonly scopes: readonly Scope[];
  /** `let` bindings in scope. */
  readonly vars: ReadonlyMap<string, unknown>;
}

export type Run = (node: Expr, ctx: Context) => unknown;
