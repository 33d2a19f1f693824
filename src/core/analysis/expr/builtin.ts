import { ExprError } from './errors.js';
import { floatToInt, typeName } from './values.js';

/** What an expression sees besides literals: the provider `result` and, for `now()`, a clock passed in. */
export interface ExprEnv {
  readonly result: unknown;
  /** The time `now()` returns; without it `now()` is an error (time is passed in, never read). */
  readonly now?: Date;
}

export interface Builtin {
  /** Inclusive bounds on the number of arguments. */
  readonly arity: readonly [min: number, max: number];
  /** Argo's environment functions are Go funcs, whose arity errors read "not enough arguments to call f". */
  readonly goFunc?: boolean;
  readonly call: (args: readonly unknown[], env: ExprEnv) => unknown;
}

/** The arity error expr reports at compile time, or undefined when `count` arguments fit. */
export function arityProblem(name: string, builtin: Builtin, count: number): string | undefined {
  const [min, max] = builtin.arity;
  if (count >= min && count <= max) return undefined;
  if (builtin.goFunc) return `${count < min ? 'not enough' : 'too many'} arguments to call ${name}`;
  const expected =
    min === max
      ? `${min}`
      : max === Infinity
        ? `at least ${min}`
        : max === min + 1
          ? `${min} or ${max}`
          : `${min} to ${max}`;
  return `invalid number of arguments (expected ${expected}, got ${count})`;
}

export function argumentError(value: unknown, want: string, name: string): ExprError {
  return new ExprError(`cannot use ${typeName(value)} as argument (type ${want}) to call ${name}`);
}

export function stringArg(args: readonly unknown[], index: number, name: string): string {
  const value = args[index];
  if (typeof value !== 'string') throw argumentError(value, 'string', name);
  return value;
}

/** An int argument; floats truncate as expr's `runtime.ToInt` does. */
export function intArg(args: readonly unknown[], index: number, name: string): number {
  const value = args[index];
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number(floatToInt(value));
  throw argumentError(value, 'int', name);
}

export function arrayArg(
  args: readonly unknown[],
  index: number,
  name: string,
): readonly unknown[] {
  const value = args[index];
  if (!Array.isArray(value)) throw argumentError(value, '[]interface {}', name);
  return value;
}
