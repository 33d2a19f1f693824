import type { Expr } from './ast.js';
import { ExprError } from './errors.js';
import { evaluateRaw } from './evaluate.js';
import { typeName } from './values.js';

/**
 * The engine's entry point (spec §2.3): evaluates a successCondition/failureCondition against a measurement
 * `result`. Anything but a boolean is an `ExprError` "expected bool, but got <type>".
 */
export function evaluateCondition(
  source: string | Expr,
  result: unknown,
  options: { now?: Date } = {},
): boolean {
  const value = evaluateRaw(source, { result, ...options });
  if (typeof value !== 'boolean') throw new ExprError(`expected bool, but got ${typeName(value)}`);
  return value;
}
