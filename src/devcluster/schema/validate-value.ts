// OpenAPI value validation of a custom resource, following kube-openapi's SchemaValidator as the
// apiextensions-apiserver runs it (type, anyOf/oneOf/allOf/not, string, number, array, enum, object), with
// CRD validation ratcheting: on update, a value equal to its correlated old value reports no errors
// (feature CRDValidationRatcheting, on by default since Kubernetes 1.30).
import { oldField, oldItem } from './correlate.js';
import { childPath, fieldError, indexPath } from './field-error.js';
import { additionalSchema, deepEqual, isObject, jsonTypeOf, ownValue } from './json.js';
import type { JsonObject } from './json.js';
import type { FieldError, JSONSchemaProps } from './types.js';
import {
  inBody,
  unnamedInvalid,
  validateEnum,
  validateNumber,
  validateString,
} from './validate-scalars.js';

function expectedTypes(s: JSONSchemaProps): string[] {
  if (s['x-kubernetes-int-or-string']) return ['integer', 'string'];
  return s.type ? [s.type] : [];
}

function typeError(value: unknown, s: JSONSchemaProps, path: string): FieldError | undefined {
  const types = expectedTypes(s);
  if (types.length === 0) return undefined;
  const actual = jsonTypeOf(value);
  if (
    value === null
      ? s.nullable
      : types.includes(actual) || (actual === 'integer' && types.includes('number'))
  ) {
    return undefined;
  }
  return fieldError.typeInvalid(
    path,
    actual,
    inBody(path, `must be of type ${types.join(',')}: "${actual}"`),
  );
}

/** Errors of the branch kube-openapi considers closest (approximated as the one with the fewest errors). */
function bestFailure(results: FieldError[][]): FieldError[] {
  return (
    results.reduce<FieldError[] | undefined>(
      (best, r) => (best === undefined || r.length < best.length ? r : best),
      undefined,
    ) ?? []
  );
}

function validateJunctors(
  value: unknown,
  s: JSONSchemaProps,
  path: string,
  old: unknown,
): FieldError[] {
  const errs: FieldError[] = [];
  const q = JSON.stringify(path);
  const run = (branches: JSONSchemaProps[]): FieldError[][] =>
    branches.map((b) => validateValue(value, b, path, old));
  if (s.anyOf?.length) {
    const results = run(s.anyOf);
    if (!results.some((r) => r.length === 0)) {
      errs.push(
        unnamedInvalid(`${q} must validate at least one schema (anyOf)`),
        ...bestFailure(results),
      );
    }
  }
  if (s.oneOf?.length) {
    const results = run(s.oneOf);
    const valid = results.filter((r) => r.length === 0).length;
    if (valid !== 1) {
      const why = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
      errs.push(unnamedInvalid(`${q} must validate one and only one schema (oneOf). ${why}`));
      if (valid === 0) errs.push(...bestFailure(results));
    }
  }
  if (s.allOf?.length) {
    const results = run(s.allOf);
    const valid = results.filter((r) => r.length === 0).length;
    errs.push(...results.flat());
    if (valid !== s.allOf.length) {
      errs.push(
        unnamedInvalid(
          `${q} must validate all the schemas (allOf)${valid === 0 ? 'Found none valid' : ''}`,
        ),
      );
    }
  }
  if (s.not && validateValue(value, s.not, path, old).length === 0) {
    errs.push(unnamedInvalid(`${q} must not validate the schema (not)`));
  }
  return errs;
}

function validateArray(
  value: unknown[],
  s: JSONSchemaProps,
  path: string,
  old: unknown,
): FieldError[] {
  const errs: FieldError[] = [];
  const items = s.items;
  if (items)
    value.forEach((v, i) =>
      errs.push(...validateValue(v, items, indexPath(path, i), oldItem(old, s, v))),
    );
  if (s.minItems !== undefined && value.length < s.minItems) {
    errs.push(
      fieldError.invalid(
        path,
        value.length,
        inBody(path, `should have at least ${s.minItems} items`),
      ),
    );
  }
  if (s.maxItems !== undefined && value.length > s.maxItems)
    errs.push(fieldError.tooMany(path, value.length, s.maxItems));
  return errs;
}

function validateObject(
  value: JsonObject,
  s: JSONSchemaProps,
  path: string,
  old: unknown,
): FieldError[] {
  const count = Object.keys(value).length;
  if (s.minProperties !== undefined && count < s.minProperties) {
    return [
      fieldError.invalid(
        path,
        count,
        inBody(path, `should have at least ${s.minProperties} properties`),
      ),
    ];
  }
  if (s.maxProperties !== undefined && count > s.maxProperties)
    return [fieldError.tooMany(path, count, s.maxProperties)];

  const errs: FieldError[] = [];
  const extra = additionalSchema(s);
  if (extra) {
    for (const [k, v] of Object.entries(value)) {
      if (ownValue(s.properties, k) === undefined)
        errs.push(...validateValue(v, extra, childPath(path, k), oldField(old, k)));
    }
  }
  for (const [k, prop] of Object.entries(s.properties ?? {})) {
    if (Object.hasOwn(value, k))
      errs.push(...validateValue(value[k], prop, childPath(path, k), oldField(old, k)));
  }
  for (const k of s.required ?? []) {
    if (!Object.hasOwn(value, k)) errs.push(fieldError.required(childPath(path, k)));
  }
  return errs;
}

/**
 * Validates one value against one schema node. `old` is the correlated value of the object being updated
 * (undefined on create or where nothing correlates).
 */
export function validateValue(
  value: unknown,
  s: JSONSchemaProps,
  path: string,
  old: unknown,
): FieldError[] {
  if (old !== undefined && deepEqual(value, old)) return [];
  const typeErr = typeError(value, s, path);
  if (typeErr) return [typeErr];
  // kube-openapi exits early on null: only the type and enum checks apply.
  if (value === null) return validateEnum(value, s, path);

  const errs = validateJunctors(value, s, path, old);
  if (typeof value === 'string') errs.push(...validateString(value, s, path));
  if (typeof value === 'number') errs.push(...validateNumber(value, s, path));
  if (Array.isArray(value)) errs.push(...validateArray(value, s, path, old));
  errs.push(...validateEnum(value, s, path));
  if (isObject(value)) errs.push(...validateObject(value, s, path, old));
  return errs;
}
