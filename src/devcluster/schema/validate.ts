// Validation of a (pruned, defaulted) custom resource against its CRD version's structural schema, in the order
// the API server's customResourceStrategy reports errors: OpenAPI schema, embedded resources, list-type
// set/map invariants, x-kubernetes-validations. Root metadata (name format etc.) is the store's business.
import { walkStructural } from './correlate.js';
import { formatFieldError } from './field-error.js';
import type { FieldError, JSONSchemaProps } from './types.js';
import { checkEmbeddedResource, checkListSetsAndMaps } from './validate-structure.js';
import { checkTransitionRules } from './validate-transitions.js';
import { validateValue } from './validate-value.js';

export interface ValidateOptions {
  /** The stored object on update; enables ratcheting and transition rules (`self == oldSelf`). */
  oldObj?: unknown;
}

export function validateAgainstSchema(
  obj: unknown,
  schema: JSONSchemaProps,
  opts: ValidateOptions = {},
): FieldError[] {
  const old = opts.oldObj;
  const listErrors = (x: unknown): FieldError[] =>
    walkStructural(x, undefined, schema, '', checkListSetsAndMaps);
  // List-type errors ratchet as a whole: they are only reported if the old object had none.
  const lists = old === undefined || listErrors(old).length === 0 ? listErrors(obj) : [];
  return [
    ...validateValue(obj, schema, '', old),
    ...walkStructural(obj, undefined, schema, '', checkEmbeddedResource),
    ...lists,
    ...(old === undefined ? [] : walkStructural(obj, old, schema, '', checkTransitionRules)),
  ];
}

/**
 * The message of the API server's 422 `Invalid` status (apimachinery errors.NewInvalid):
 * `<Kind>.<group> "<name>" is invalid: <err>` or `... is invalid: [<err1>, <err2>]`, duplicates removed.
 * Strings are taken as already formatted errors (as `checkStructural` returns them).
 */
export function formatInvalidMessage(
  kind: string,
  group: string,
  name: string,
  errors: ReadonlyArray<FieldError | string>,
): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const messages = [
    ...new Set(errors.map((e) => (typeof e === 'string' ? e : formatFieldError(e)))),
  ];
  const head = `${qualified} ${JSON.stringify(name)} is invalid`;
  if (messages.length === 0) return head;
  return messages.length === 1 ? `${head}: ${messages[0]}` : `${head}: [${messages.join(', ')}]`;
}
