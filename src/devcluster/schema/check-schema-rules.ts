// The CRD-level OpenAPI checks apiextensions-apiserver runs before the structural ones
// (pkg/apis/apiextensions/validation: ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3).
import { fieldError } from './field-error.js';
import { isObject } from './json.js';
import type { FieldError, JSONSchemaProps } from './types.js';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const UNSUPPORTED_KEYS: Record<string, string> = {
  id: 'id is not supported',
  additionalItems: 'additionalItems is not supported',
  patternProperties: 'patternProperties is not supported',
  definitions: 'definitions is not supported',
  dependencies: 'dependencies is not supported',
  $ref: '$ref is not supported',
};
const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);
const RULE_REASONS = [
  'FieldValueDuplicate',
  'FieldValueForbidden',
  'FieldValueInvalid',
  'FieldValueRequired',
];

interface Ctx {
  isRoot: boolean;
  /** Why `default` may not be used here (inside top-level apiVersion/kind/metadata), if it may not. */
  noDefaults?: string;
}

function standardChecks(s: JSONSchemaProps, p: string, ctx: Ctx): FieldError[] {
  const errs: FieldError[] = [];
  const raw = s as Record<string, unknown>;
  const type = raw.type;
  if (type !== undefined && type !== '' && !TYPES.includes(String(type)))
    errs.push(fieldError.notSupported(`${p}.type`, type, TYPES));
  if (s.default !== undefined && ctx.noDefaults)
    errs.push(fieldError.forbidden(`${p}.default`, `must not be set ${ctx.noDefaults}`));
  for (const [key, detail] of Object.entries(UNSUPPORTED_KEYS)) {
    if (raw[key] !== undefined) errs.push(fieldError.forbidden(`${p}.${key}`, detail));
  }
  if (type === 'null')
    errs.push(
      fieldError.forbidden(
        `${p}.type`,
        'type cannot be set to null, use nullable as an alternative',
      ),
    );
  if (Array.isArray(raw.items))
    errs.push(fieldError.forbidden(`${p}.items`, 'items must be a schema object and not an array'));
  if (s.uniqueItems) {
    errs.push(
      fieldError.forbidden(
        `${p}.uniqueItems`,
        'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ),
    );
  }
  const hasProps = Object.keys(s.properties ?? {}).length > 0;
  if (hasProps && (s.additionalProperties === false || isObject(s.additionalProperties))) {
    errs.push(
      fieldError.forbidden(
        `${p}.additionalProperties`,
        'additionalProperties and properties are mutual exclusive',
      ),
    );
  }
  return errs;
}

function children(s: JSONSchemaProps, p: string, ctx: Ctx): FieldError[] {
  const errs: FieldError[] = [];
  const inner: Ctx = { isRoot: false, noDefaults: ctx.noDefaults };
  if (isObject(s.additionalProperties))
    errs.push(...walk(s.additionalProperties, `${p}.additionalProperties`, inner));
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const noDefaults = ctx.isRoot && META_FIELDS.has(k) ? `in top-level ${k}` : ctx.noDefaults;
    errs.push(...walk(v, `${p}.properties[${k}]`, { isRoot: false, noDefaults }));
  }
  if (s.not) errs.push(...walk(s.not, `${p}.not`, inner));
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    (s[key] ?? []).forEach((b, i) => errs.push(...walk(b, `${p}.${key}[${i}]`, inner)));
  }
  if (isObject(s.items)) errs.push(...walk(s.items, `${p}.items`, inner));
  return errs;
}

function extensionChecks(s: JSONSchemaProps, p: string): FieldError[] {
  const errs: FieldError[] = [];
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(
      fieldError.invalid(
        `${p}.x-kubernetes-preserve-unknown-fields`,
        false,
        'must be true or undefined',
      ),
    );
  }
  const mapType = s['x-kubernetes-map-type'];
  if (mapType !== undefined && s.type !== 'object')
    errs.push(typeMismatch(s, p, 'must be object if x-kubernetes-map-type is specified'));
  if (mapType !== undefined && mapType !== 'atomic' && mapType !== 'granular') {
    errs.push(
      fieldError.notSupported(`${p}.x-kubernetes-map-type`, mapType, ['atomic', 'granular']),
    );
  }
  const listType = s['x-kubernetes-list-type'];
  if (listType !== undefined && s.type !== 'array')
    errs.push(typeMismatch(s, p, 'must be array if x-kubernetes-list-type is specified'));
  if (listType !== undefined && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(
      fieldError.notSupported(`${p}.x-kubernetes-list-type`, listType, ['atomic', 'set', 'map']),
    );
  }
  return [...errs, ...listMapChecks(s, p), ...ruleChecks(s, p)];
}

function typeMismatch(s: JSONSchemaProps, p: string, detail: string): FieldError {
  return s.type
    ? fieldError.invalid(`${p}.type`, s.type, detail)
    : fieldError.required(`${p}.type`, detail);
}

function listMapChecks(s: JSONSchemaProps, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const keys = s['x-kubernetes-list-map-keys'] ?? [];
  const listType = s['x-kubernetes-list-type'];
  const mapKeysDetail = 'must be map if x-kubernetes-list-map-keys is non-empty';
  if (keys.length > 0 && listType === undefined)
    errs.push(fieldError.required(`${p}.x-kubernetes-list-type`, mapKeysDetail));
  else if (keys.length > 0 && listType !== 'map')
    errs.push(fieldError.invalid(`${p}.x-kubernetes-list-type`, listType, mapKeysDetail));
  if (listType !== 'map') return errs;
  if (keys.length === 0)
    errs.push(
      fieldError.required(
        `${p}.x-kubernetes-list-map-keys`,
        'must not be empty if x-kubernetes-list-type is map',
      ),
    );
  const items = s.items;
  if (!items)
    return [
      ...errs,
      fieldError.required(`${p}.items`, 'must have a schema if x-kubernetes-list-type is map'),
    ];
  if (items.type !== 'object') {
    return [
      ...errs,
      fieldError.invalid(
        `${p}.items.type`,
        items.type ?? '',
        "must be object if parent array's x-kubernetes-list-type is map",
      ),
    ];
  }
  keys.forEach((k, i) => {
    const prop = items.properties?.[k];
    if (!prop)
      errs.push(
        fieldError.invalid(
          `${p}.x-kubernetes-list-map-keys`,
          keys,
          'entries must all be names of item properties',
        ),
      );
    else if (prop.type === 'array' || prop.type === 'object') {
      const detail = "must be a scalar type if parent array's x-kubernetes-list-type is map";
      errs.push(fieldError.invalid(`${p}.items.properties[${k}].type`, items.type, detail));
    }
    if (keys.indexOf(k) !== i)
      errs.push(
        fieldError.invalid(
          `${p}.x-kubernetes-list-map-keys`,
          keys,
          'must not contain duplicate entries',
        ),
      );
  });
  return errs;
}

// Only the static checks; CEL compilation and cost estimation are not implemented.
function ruleChecks(s: JSONSchemaProps, p: string): FieldError[] {
  const errs: FieldError[] = [];
  (s['x-kubernetes-validations'] ?? []).forEach((rule, i) => {
    const rp = `${p}.x-kubernetes-validations[${i}]`;
    const message = rule.message ?? '';
    if (!rule.rule?.trim()) errs.push(fieldError.required(`${rp}.rule`, 'rule is not specified'));
    else if (message.length > 0 && !message.trim())
      errs.push(
        fieldError.invalid(`${rp}.message`, message, 'message must be non-empty if specified'),
      );
    else if (/\n/.test(message.trim()))
      errs.push(
        fieldError.invalid(`${rp}.message`, message, 'message must not contain line breaks'),
      );
    else if (/\n/.test(rule.rule.trim()) && !message.trim()) {
      errs.push(
        fieldError.required(
          `${rp}.message`,
          'message must be specified if rule contains line breaks',
        ),
      );
    }
    if (rule.reason !== undefined && !RULE_REASONS.includes(rule.reason)) {
      errs.push(fieldError.notSupported(`${rp}.reason`, rule.reason, RULE_REASONS));
    }
  });
  return errs;
}

function walk(s: JSONSchemaProps, p: string, ctx: Ctx): FieldError[] {
  return [...standardChecks(s, p, ctx), ...children(s, p, ctx), ...extensionChecks(s, p)];
}

export function checkSchemaRules(schema: JSONSchemaProps, basePath: string): FieldError[] {
  return walk(schema, basePath, { isRoot: true });
}
