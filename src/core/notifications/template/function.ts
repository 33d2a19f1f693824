import type { GoTime } from './time.js';

/**
 * The Go parameter types the executor checks arguments against, as Go's `evalArg` does:
 * `any` is `interface {}`; `map` is `map[string]interface {}`; `time` is `time.Time`.
 */
export type ParamType = 'any' | 'string' | 'int' | 'float64' | 'bool' | 'map' | 'time' | 'duration';

export const PARAM_TYPE_NAMES: Readonly<Record<ParamType, string>> = {
  any: 'interface {}',
  string: 'string',
  int: 'int',
  float64: 'float64',
  bool: 'bool',
  map: 'map[string]interface {}',
  time: 'time.Time',
  duration: 'time.Duration',
};

/** What a function may read besides its arguments: the render's clock (`now`, `ago`). */
export interface FunctionEnv {
  readonly now: (() => GoTime) | undefined;
}

export interface TemplateFunction {
  readonly params: readonly ParamType[];
  /** The type of each argument past `params`, when the function is variadic. */
  readonly variadic?: ParamType;
  /** Throws a FunctionError (or any Error) for a failed call, as a Go function returns an error. */
  readonly call: (args: readonly unknown[], env: FunctionEnv) => unknown;
}

export type FunctionTable = Readonly<Record<string, TemplateFunction>>;

/** Shorthand for a function of fixed parameters. */
export function fn(
  params: readonly ParamType[],
  call: (args: readonly unknown[], env: FunctionEnv) => unknown,
): TemplateFunction {
  return { params, call };
}

/** Shorthand for a variadic function: `params` then any number of `variadic`. */
export function variadic(
  params: readonly ParamType[],
  rest: ParamType,
  call: (args: readonly unknown[], env: FunctionEnv) => unknown,
): TemplateFunction {
  return { params, variadic: rest, call };
}
