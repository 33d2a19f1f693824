// Structural defaulting, as apiextensions-apiserver applies it when decoding requests and reading from
// storage (pkg/apiserver/schema/defaulting/algorithm.go). Pure despite the name the brief fixed: the input is
// never mutated and defaults are deep-copied into the result.
import { additionalSchema, cloneJson, isObject, ownValue } from './json.js';
import type { JSONSchemaProps } from './types.js';

function isNonNullableNull(x: unknown, s: JSONSchemaProps | undefined): boolean {
  return x === null && s !== undefined && !s.nullable;
}

/** Replaces a non-nullable null with the schema's default, when it has one. */
function nullToDefault(x: unknown, s: JSONSchemaProps | undefined): unknown {
  return isNonNullableNull(x, s) && s?.default !== undefined ? cloneJson(s.default) : x;
}

/**
 * Sets `default` values for missing properties, recursively (inside defaulted values, array items and
 * additionalProperties too). A property that is `null` but not `nullable` also gets its default.
 */
export function applyDefaults(obj: unknown, schema: JSONSchemaProps | undefined): unknown {
  if (!schema) return obj;
  if (Array.isArray(obj))
    return obj.map((v) => applyDefaults(nullToDefault(v, schema.items), schema.items));
  if (!isObject(obj)) return obj;

  const out = new Map<string, unknown>(Object.entries(obj));
  for (const [k, prop] of Object.entries(schema.properties ?? {})) {
    if (prop.default === undefined) continue;
    if (!out.has(k) || isNonNullableNull(out.get(k), prop)) out.set(k, cloneJson(prop.default));
  }
  const extra = additionalSchema(schema);
  for (const [k, v] of out) {
    const prop = ownValue(schema.properties, k);
    if (prop) out.set(k, applyDefaults(v, prop));
    else if (extra) out.set(k, applyDefaults(nullToDefault(v, extra), extra));
  }
  return Object.fromEntries(out);
}
