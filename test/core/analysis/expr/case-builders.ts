/** Builders for the expression table: pure data, shared by the Node and workerd runs. */
export type Expected = { readonly value: unknown } | { readonly error: string };

export interface ExprCase {
  readonly group: string;
  readonly expr: string;
  /** The measurement `result` the expression sees. */
  readonly result: unknown;
  /** ISO time `now()` returns; absent means no clock was passed in. */
  readonly now?: string;
  readonly expected: Expected;
}

/** Marks a row whose evaluation must fail with exactly this expr message (`ExprError.reason`). */
export class Failure {
  constructor(readonly reason: string) {}
}

export const fails = (reason: string): Failure => new Failure(reason);

export type Row = readonly [expr: string, expected: unknown];

/** One named group of rows sharing a `result` (nil unless given) and clock. */
export function group(
  name: string,
  rows: readonly Row[],
  env: { result?: unknown; now?: string } = {},
): ExprCase[] {
  return rows.map(([expr, expected]) => ({
    group: name,
    expr,
    result: env.result ?? null,
    ...(env.now !== undefined && { now: env.now }),
    expected: expected instanceof Failure ? { error: expected.reason } : { value: expected },
  }));
}
