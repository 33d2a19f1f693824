// Structural pruning, as apiextensions-apiserver does on every write and read
// (pkg/apiserver/schema/pruning/algorithm.go and defaulting/prunenulls.go). Pure: inputs are never mutated.
import { additionalSchema, isObject, ownValue } from './json.js';
import type { JsonObject } from './json.js';
import type { JSONSchemaProps } from './types.js';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

// Fields of metav1.ObjectMeta. The API server round-trips embedded metadata through ObjectMeta, so anything
// else is dropped there (root metadata is the store's business, not the CR schema's).
const OBJECT_META_FIELDS = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

function embeddedMeta(key: string, value: unknown, isRoot: boolean): unknown {
  if (key !== 'metadata' || isRoot || !isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => OBJECT_META_FIELDS.has(k)));
}

type Visit = (value: unknown, schema: JSONSchemaProps | undefined) => unknown;

/**
 * Rebuilds an object keeping the embedded-resource meta fields and the specified keys. `unknown` decides what
 * happens to keys the schema does not specify: dropped when it returns undefined.
 */
function mapObject(
  x: JsonObject,
  s: JSONSchemaProps,
  isRoot: boolean,
  visit: Visit,
  unknown: (v: unknown) => unknown,
): JsonObject {
  const entries: [string, unknown][] = [];
  const extra = additionalSchema(s);
  const allowsExtra = s.additionalProperties !== undefined && s.additionalProperties !== false;
  for (const [k, v] of Object.entries(x)) {
    const prop = ownValue(s.properties, k);
    if (s['x-kubernetes-embedded-resource'] && META_FIELDS.has(k))
      entries.push([k, embeddedMeta(k, v, isRoot)]);
    else if (prop) entries.push([k, visit(v, prop)]);
    else if (allowsExtra) entries.push([k, visit(v, extra)]);
    else {
      const kept = unknown(v);
      if (kept !== undefined) entries.push([k, kept]);
    }
  }
  return Object.fromEntries(entries);
}

/** Prunes a value below the resource root (used to check that CRD defaults are pruned). */
export function prune(x: unknown, s: JSONSchemaProps | undefined, isRoot = false): unknown {
  if (s?.['x-kubernetes-preserve-unknown-fields']) return skipPrune(x, s, isRoot);
  if (Array.isArray(x)) return x.map((v) => prune(v, s?.items));
  if (!isObject(x)) return x;
  if (!s) return {};
  return mapObject(
    x,
    s,
    isRoot,
    (v, ps) => prune(v, ps),
    () => undefined,
  );
}

// Under x-kubernetes-preserve-unknown-fields unknown keys survive, but specified ones are still pruned.
function skipPrune(x: unknown, s: JSONSchemaProps | undefined, isRoot = false): unknown {
  if (!s) return x;
  if (Array.isArray(x)) return x.map((v) => skipPrune(v, s.items));
  if (!isObject(x)) return x;
  return mapObject(
    x,
    s,
    isRoot,
    (v, ps) => prune(v, ps),
    (v) => v,
  );
}

/**
 * Removes fields the schema does not specify. The root is treated as an embedded resource, so `apiVersion`,
 * `kind` and `metadata` always survive there (metadata is not subject to the CR schema).
 */
export function pruneUnknownFields(obj: unknown, schema: JSONSchemaProps): unknown {
  return prune(obj, { ...schema, 'x-kubernetes-embedded-resource': true }, true);
}

function schemaForField(key: string, s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  return ownValue(s?.properties, key) ?? additionalSchema(s);
}

/**
 * Drops object fields that are `null` although their schema is neither `nullable` nor has a `default`
 * (the API server does this right after pruning; non-nullable nulls *with* a default are left for defaulting).
 * Array items are never dropped.
 */
export function pruneNonNullableNulls(obj: unknown, schema: JSONSchemaProps | undefined): unknown {
  if (Array.isArray(obj)) return obj.map((v) => pruneNonNullableNulls(v, schema?.items));
  if (!isObject(obj)) return obj;
  const entries: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const s = schemaForField(k, schema);
    if (v === null && s !== undefined && !s.nullable && s.default === undefined) continue;
    entries.push([k, pruneNonNullableNulls(v, s)]);
  }
  return Object.fromEntries(entries);
}
