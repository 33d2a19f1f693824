// x-kubernetes-validations (CEL). Known gap: there is no CEL evaluator here. Only the immutability transition
// rule `self == oldSelf` (either operand order, any spacing) is evaluated; every other rule is skipped, so
// objects that a real API server would reject for other CEL rules are accepted.
// Semantics follow apiextensions-apiserver schema/cel/validation.go: a transition rule runs only on update and
// only where an old value correlates; its error prints no value (as kube-apiserver 1.37 does, pinned by
// test/conformance/api-semantics.test.ts).
import { fieldError, childPath } from './field-error.js';
import { additionalSchema, deepEqual, isObject, ownValue } from './json.js';
import type { FieldError, JSONSchemaProps, ValidationRule } from './types.js';

function isImmutabilityRule(rule: string): boolean {
  const r = rule.replace(/\s+/g, '');
  return r === 'self==oldSelf' || r === 'oldSelf==self';
}

/** CEL equality: set and map lists compare regardless of order, atomic lists element-wise. */
function celEqual(a: unknown, b: unknown, s: JSONSchemaProps | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const unordered =
      s?.['x-kubernetes-list-type'] === 'set' || s?.['x-kubernetes-list-type'] === 'map';
    return unordered
      ? a.every((x) => b.some((y) => celEqual(x, y, s?.items)))
      : a.every((x, i) => celEqual(x, b[i], s?.items));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(
        (k) =>
          Object.hasOwn(b, k) &&
          celEqual(a[k], b[k], ownValue(s?.properties, k) ?? additionalSchema(s)),
      )
    );
  }
  return deepEqual(a, b);
}

function ruleError(rule: ValidationRule, s: JSONSchemaProps, path: string): FieldError {
  const detail = rule.message?.trim() ? rule.message.trim() : `failed rule: ${rule.rule.trim()}`;
  const at = rule.fieldPath ? childPath(path, rule.fieldPath.replace(/^\./, '')) : path;
  const value = s.type ?? '';
  switch (rule.reason) {
    case 'FieldValueForbidden':
      return fieldError.forbidden(at, detail);
    case 'FieldValueRequired':
      return fieldError.required(at, detail);
    case 'FieldValueDuplicate':
      return fieldError.duplicate(at, value);
    default:
      return fieldError.invalidWithoutValue(at, detail);
  }
}

export function checkTransitionRules(
  value: unknown,
  old: unknown,
  s: JSONSchemaProps,
  path: string,
): FieldError[] {
  if (old === undefined) return [];
  return (s['x-kubernetes-validations'] ?? [])
    .filter((r) => isImmutabilityRule(r.rule) && !celEqual(value, old, s))
    .map((r) => ruleError(r, s, path));
}
