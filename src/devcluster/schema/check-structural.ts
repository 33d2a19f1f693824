// Structural-schema checks a CRD must pass before the API server accepts it, ported from
// apiextensions-apiserver pkg/apiserver/schema/validation.go (invariants) and complete.go (completeness),
// after the generic OpenAPI checks (check-schema-rules.ts) and before default validation (check-defaults.ts).
import { checkDefaults } from './check-defaults.js';
import { checkSchemaRules } from './check-schema-rules.js';
import { fieldError, formatFieldError } from './field-error.js';
import { isObject } from './json.js';
import { safeRegExp } from './validate-scalars.js';
import type { FieldError, JSONSchemaProps } from './types.js';

type Level = 'root' | 'item' | 'field';

const EMPTY_TYPE: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};

/** The two int-or-string spellings allowed despite `type` inside a junctor: anyOf [{type: integer}, {type: string}]. */
function isIntOrStringAnyOf(branches: JSONSchemaProps[] | undefined): boolean {
  const onlyType = (b: JSONSchemaProps | undefined, t: string): boolean =>
    b?.type === t && Object.keys(b).length === 1;
  return (
    branches?.length === 2 && onlyType(branches[0], 'integer') && onlyType(branches[1], 'string')
  );
}

// Inside anyOf/allOf/oneOf/not only value validations may appear: no types, structure or extensions.
const NESTED_FORBIDDEN: [keyof JSONSchemaProps, string][] = [
  ['type', 'must be empty to be structural'],
  ['additionalProperties', 'must be undefined to be structural'],
  ['default', 'must be undefined to be structural'],
  ['title', 'must be empty to be structural'],
  ['description', 'must be empty to be structural'],
  ['nullable', 'must be false to be structural'],
  ['x-kubernetes-preserve-unknown-fields', 'must be false to be structural'],
  ['x-kubernetes-embedded-resource', 'must be false to be structural'],
  ['x-kubernetes-int-or-string', 'must be false to be structural'],
  ['x-kubernetes-list-map-keys', 'must be empty to be structural'],
  ['x-kubernetes-list-type', 'must be undefined to be structural'],
  ['x-kubernetes-map-type', 'must be undefined to be structural'],
  ['x-kubernetes-validations', 'must be empty to be structural'],
];

function isSet(v: unknown): boolean {
  return v !== undefined && v !== false && v !== '' && !(Array.isArray(v) && v.length === 0);
}

function valueValidation(
  s: JSONSchemaProps,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  p: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf)
    (s.anyOf ?? []).forEach((b, i) => errs.push(...nested(b, false, `${p}.anyOf[${i}]`)));
  (s.allOf ?? []).forEach((b, i) =>
    errs.push(...nested(b, skipFirstAllOfAnyOf && i === 0, `${p}.allOf[${i}]`)),
  );
  (s.oneOf ?? []).forEach((b, i) => errs.push(...nested(b, false, `${p}.oneOf[${i}]`)));
  if (s.not) errs.push(...nested(s.not, false, `${p}.not`));
  if (s.pattern !== undefined && !safeRegExp(s.pattern)) {
    errs.push(
      fieldError.invalid(
        `${p}.pattern`,
        s.pattern,
        "must be a valid regular expression, but isn't: invalid regular expression",
      ),
    );
  }
  return errs;
}

function nested(v: JSONSchemaProps, skipAnyOf: boolean, p: string): FieldError[] {
  const errs = valueValidation(v, skipAnyOf, false, p);
  if (v.items) errs.push(...nested(v.items, false, `${p}.items`));
  for (const [k, f] of Object.entries(v.properties ?? {}))
    errs.push(...nested(f, false, `${p}.properties[${k}]`));
  for (const [key, detail] of NESTED_FORBIDDEN)
    if (isSet(v[key])) errs.push(fieldError.forbidden(`${p}.${key}`, detail));
  if (v.properties?.metadata)
    errs.push(
      fieldError.forbidden(
        `${p}.properties[metadata]`,
        'must not be specified in a nested context',
      ),
    );
  return errs;
}

const METADATA_KEYS = new Set(['type', 'default', 'properties']);

function metadataInvariants(
  m: JSONSchemaProps,
  checkMetadata: boolean,
  lvl: Level,
  p: string,
): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && m.type !== 'object')
    errs.push(fieldError.invalid(`${p}.type`, m.type ?? '', 'must be object'));
  if (lvl !== 'root') return errs;
  const props = Object.keys(m.properties ?? {});
  const onlyNames = props.every((k) => k === 'name' || k === 'generateName');
  if (
    !onlyNames ||
    Object.keys(m).some((k) => !METADATA_KEYS.has(k) && isSet(m[k as keyof JSONSchemaProps]))
  ) {
    errs.push(
      fieldError.forbidden(
        p,
        'must not specify anything other than name and generateName, but metadata is implicitly specified',
      ),
    );
  }
  return errs;
}

function invariants(s: JSONSchemaProps, lvl: Level, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
  if (s.type === 'array' && !s.items)
    errs.push(fieldError.required(`${p}.items`, 'must be specified'));
  if (isObject(s.items)) errs.push(...invariants(s.items, 'item', `${p}.items`));
  for (const [k, v] of Object.entries(s.properties ?? {}))
    errs.push(...invariants(v, 'field', `${p}.properties[${k}]`));
  if (s.additionalProperties !== undefined) {
    if (lvl === 'root')
      errs.push(fieldError.forbidden(`${p}.additionalProperties`, 'must not be used at the root'));
    if (isObject(s.additionalProperties))
      errs.push(...invariants(s.additionalProperties, 'field', `${p}.additionalProperties`));
  }
  if (intOrString && preserve) {
    errs.push(
      fieldError.invalid(
        `${p}.x-kubernetes-preserve-unknown-fields`,
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  if (intOrString && embedded) {
    errs.push(
      fieldError.invalid(
        `${p}.x-kubernetes-embedded-resource`,
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  errs.push(
    ...valueValidation(s, isIntOrStringAnyOf(s.anyOf), isIntOrStringAnyOf(s.allOf?.[0]?.anyOf), p),
  );

  const typeDetail = 'must be object if x-kubernetes-embedded-resource is true';
  if (embedded && s.type !== 'object') {
    errs.push(
      s.type
        ? fieldError.invalid(`${p}.type`, s.type, typeDetail)
        : fieldError.required(`${p}.type`, typeDetail),
    );
  } else if (!s.type && !intOrString && !preserve)
    errs.push(fieldError.required(`${p}.type`, EMPTY_TYPE[lvl]));
  if (embedded && s.additionalProperties !== undefined) {
    errs.push(
      fieldError.forbidden(
        `${p}.additionalProperties`,
        'must not be used if x-kubernetes-embedded-resource is set',
      ),
    );
  }
  if (lvl === 'root' && s.type && s.type !== 'object')
    errs.push(fieldError.invalid(`${p}.type`, s.type, 'must be object at the root'));

  const checkMetadata = lvl === 'root' || embedded;
  for (const k of ['kind', 'apiVersion']) {
    const prop = s.properties?.[k];
    if (prop && checkMetadata && prop.type !== 'string') {
      errs.push(
        fieldError.invalid(`${p}.properties[${k}].type`, prop.type ?? '', 'must be string'),
      );
    }
  }
  const metadata = s.properties?.metadata;
  if (metadata)
    errs.push(...metadataInvariants(metadata, checkMetadata, lvl, `${p}.properties[metadata]`));
  if (embedded && !preserve && Object.keys(s.properties ?? {}).length === 0) {
    const detail =
      'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields';
    errs.push(fieldError.required(`${p}.properties`, detail));
  }
  return errs;
}

// Every field a junctor mentions must also be specified structurally (complete.go checks the root's junctors).
function completeness(
  v: JSONSchemaProps,
  s: JSONSchemaProps | undefined,
  sp: string,
  vp: string,
): FieldError[] {
  if (!s) return [fieldError.required(sp, `because it is defined in ${vp}`)];
  const errs: FieldError[] = [];
  if (v.not) errs.push(...nestedCompleteness(v.not, s, sp, `${vp}.not`));
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    (v[key] ?? []).forEach((b, i) =>
      errs.push(...nestedCompleteness(b, s, sp, `${vp}.${key}[${i}]`)),
    );
  }
  return errs;
}

function nestedCompleteness(
  v: JSONSchemaProps,
  s: JSONSchemaProps | undefined,
  sp: string,
  vp: string,
): FieldError[] {
  if (!s) return [fieldError.required(sp, `because it is defined in ${vp}`)];
  const errs = completeness(v, s, sp, vp);
  if (v.items) errs.push(...nestedCompleteness(v.items, s.items, `${sp}.items`, `${vp}.items`));
  for (const [k, f] of Object.entries(v.properties ?? {})) {
    const sk = `${sp}.properties[${k}]`;
    const sf = s.properties?.[k];
    errs.push(
      ...(sf
        ? nestedCompleteness(f, sf, sk, `${vp}.properties[${k}]`)
        : [fieldError.required(sk, `because it is defined in ${vp}.properties[${k}]`)]),
    );
  }
  return errs;
}

function sortByText(errs: FieldError[]): FieldError[] {
  return [...errs].sort((a, b) =>
    formatFieldError(a) < formatFieldError(b)
      ? -1
      : formatFieldError(a) > formatFieldError(b)
        ? 1
        : 0,
  );
}

/**
 * Every reason the API server would reject this `openAPIV3Schema` (422), as field errors: generic OpenAPI checks,
 * then structural violations (sorted, as the server sorts them), then default validation when structural.
 */
export function checkStructuralErrors(
  schema: JSONSchemaProps,
  basePath = 'spec.validation.openAPIV3Schema',
): FieldError[] {
  const structural = sortByText([
    ...invariants(schema, 'root', basePath),
    ...completeness(schema, schema, basePath, basePath),
  ]);
  const defaults = structural.length === 0 ? checkDefaults(schema, basePath) : [];
  return [...checkSchemaRules(schema, basePath), ...structural, ...defaults];
}

/** The same as formatted messages: `spec.validation.openAPIV3Schema.properties[spec].type: Required value: ...`. */
export function checkStructural(schema: JSONSchemaProps, basePath?: string): string[] {
  return checkStructuralErrors(schema, basePath).map(formatFieldError);
}
