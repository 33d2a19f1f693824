import type { Builtin } from './builtin.js';
import { ARGO_BUILTINS } from './builtins-argo.js';
import { COLLECTION_BUILTINS } from './builtins-collection.js';
import { MATH_BUILTINS } from './builtins-math.js';
import { STRING_BUILTINS } from './builtins-string.js';
import { TIME_BUILTINS } from './builtins-time.js';

/** Every callable name except the predicate builtins (`all`, `map`, …), which the evaluator runs itself. */
export const BUILTINS: Readonly<Record<string, Builtin>> = {
  ...MATH_BUILTINS,
  ...STRING_BUILTINS,
  ...COLLECTION_BUILTINS,
  ...TIME_BUILTINS,
  ...ARGO_BUILTINS,
};

export function lookupBuiltin(name: string): Builtin | undefined {
  return Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined;
}
