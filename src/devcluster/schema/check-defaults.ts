// CRD-time validation of `default` values (apiextensions-apiserver schema/defaulting/validation.go): a default
// must already be pruned and must validate against the schema it sits in.
import { fieldError } from './field-error.js';
import { deepEqual, isObject } from './json.js';
import { prune } from './prune.js';
import type { FieldError, JSONSchemaProps } from './types.js';
import { validateValue } from './validate-value.js';

function rebase(e: FieldError, base: string): FieldError {
  return { ...e, field: e.field === '<nil>' ? base : `${base}.${e.field}` };
}

function defaultErrors(s: JSONSchemaProps, p: string): FieldError[] {
  if (s.default === undefined) return [];
  const at = `${p}.default`;
  if (!deepEqual(prune(s.default, s, s['x-kubernetes-embedded-resource'] === true), s.default)) {
    return [fieldError.invalid(at, s.default, 'must not have unknown fields')];
  }
  return validateValue(s.default, s, '', undefined).map((e) => rebase(e, at));
}

export function checkDefaults(s: JSONSchemaProps, p: string): FieldError[] {
  const errs = defaultErrors(s, p);
  for (const [k, v] of Object.entries(s.properties ?? {}))
    errs.push(...checkDefaults(v, `${p}.properties[${k}]`));
  if (isObject(s.additionalProperties))
    errs.push(...checkDefaults(s.additionalProperties, `${p}.additionalProperties`));
  if (s.items) errs.push(...checkDefaults(s.items, `${p}.items`));
  return errs;
}
