import { isRecord } from '../api/object-meta.js';
import { apiVersionOf, type ResourceDef } from '../api/resource-def.js';
import { additionalSchema, ownValue } from '../schema/json.js';
import type { JSONSchemaProps } from '../schema/types.js';
import { builtinFieldsOf, builtinMessageOf, type BuiltinField } from './builtin-fields.js';

/** A field the kind's schema does not declare: its path as the API server prints it, and its keys. */
export interface UnknownField {
  path: string;
  at: ReadonlyArray<string | number>;
  /** A key the request body repeats (known to the schema or not): reported, nothing to drop. */
  duplicate?: boolean;
  /** A repeated key of a YAML body: Go's YAML decoder names its line and key, not its path. */
  line?: number;
  key?: string | number;
  /** A repeated key among a JSON patch's operations (`[0].value`), not in the object. */
  inJsonPatch?: boolean;
}

type Keys = ReadonlyArray<string | number>;

function printPath(at: Keys): string {
  let out = '';
  for (const k of at) out += typeof k === 'number' ? `[${k}]` : out ? `.${k}` : k;
  return out;
}

const unknownAt = (at: Keys): UnknownField => ({ path: printPath(at), at });

/**
 * The fields of `obj` that strict decoding would refuse for this resource, or undefined when the
 * devcluster has no schema for the kind (a CRD without one, a built-in without a message table).
 * Custom resources: what structural pruning would drop, sorted as the apiextensions server lists
 * them. Built-ins: in document order, as Go's strict JSON decoder meets them.
 */
export function findUnknownFields(def: ResourceDef, obj: unknown): UnknownField[] | undefined {
  if (!isRecord(obj)) return [];
  if (def.crd) {
    const schema = def.crd.schema;
    if (!schema) return undefined;
    const found: UnknownField[] = [];
    walkRoot(obj, schema, [], found);
    return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }
  const message = builtinMessageOf(apiVersionOf(def), def.kind);
  if (!message) return undefined;
  const found: UnknownField[] = [];
  walkMessage(obj, message, [], found, true);
  return found;
}

const TYPE_META = new Set(['apiVersion', 'kind']);

/** An embedded resource (and the root): apiVersion and kind kept, metadata read as ObjectMeta. */
function walkRoot(obj: Record<string, unknown>, s: JSONSchemaProps, at: Keys, out: UnknownField[]) {
  for (const [k, v] of Object.entries(obj)) {
    if (TYPE_META.has(k)) continue;
    if (k === 'metadata') {
      if (isRecord(v)) walkMessage(v, 'ObjectMeta', [...at, k], out, false);
      continue;
    }
    walkSchemaKey(k, v, s, at, out);
  }
}

function walkSchemaKey(
  k: string,
  v: unknown,
  s: JSONSchemaProps,
  at: Keys,
  out: UnknownField[],
): void {
  const prop = ownValue(s.properties, k);
  if (prop) return walkSchema(v, prop, [...at, k], out);
  if (s.additionalProperties !== undefined && s.additionalProperties !== false)
    return walkSchema(v, additionalSchema(s), [...at, k], out);
  if (!s['x-kubernetes-preserve-unknown-fields']) out.push(unknownAt([...at, k]));
}

function walkSchema(
  v: unknown,
  s: JSONSchemaProps | undefined,
  at: Keys,
  out: UnknownField[],
): void {
  if (!s) return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => walkSchema(item, s.items, [...at, i], out));
    return;
  }
  if (!isRecord(v)) return;
  if (s['x-kubernetes-embedded-resource']) return walkRoot(v, s, at, out);
  for (const [k, child] of Object.entries(v)) walkSchemaKey(k, child, s, at, out);
}

function walkMessage(
  obj: Record<string, unknown>,
  message: string,
  at: Keys,
  out: UnknownField[],
  isRoot: boolean,
): void {
  const fields = builtinFieldsOf(message);
  for (const [k, v] of Object.entries(obj)) {
    const field = fields.get(k);
    if (field) walkField(v, field, [...at, k], out);
    else if (!(isRoot && TYPE_META.has(k))) out.push(unknownAt([...at, k]));
  }
}

function walkField(v: unknown, f: BuiltinField, at: Keys, out: UnknownField[]): void {
  const message = f.message;
  if (!message) return;
  if (f.map) {
    if (isRecord(v))
      for (const [k, item] of Object.entries(v))
        if (isRecord(item)) walkMessage(item, message, [...at, k], out, false);
    return;
  }
  if (f.repeated) {
    if (Array.isArray(v))
      v.forEach((item, i) => {
        if (isRecord(item)) walkMessage(item, message, [...at, i], out, false);
      });
    return;
  }
  if (isRecord(v)) walkMessage(v, message, at, out, false);
}

function compareKeys(a: Keys, b: Keys): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The fields in the order a walk over keys sorted at every level meets them. */
export function inKeyOrder(fields: UnknownField[] | undefined): UnknownField[] | undefined {
  return fields?.slice().sort((a, b) => compareKeys(a.at, b.at));
}

/** A copy of `obj` without these fields (what Warn and Ignore store). */
export function withoutFields<T>(obj: T, fields: readonly UnknownField[]): T {
  if (fields.length === 0) return obj;
  const copy = structuredClone(obj);
  for (const { at, duplicate } of fields) {
    if (duplicate) continue;
    let cur: unknown = copy;
    for (const k of at.slice(0, -1))
      cur =
        isRecord(cur) || Array.isArray(cur)
          ? (cur as Record<string | number, unknown>)[k]
          : undefined;
    const last = at[at.length - 1];
    if (isRecord(cur) && typeof last === 'string') delete cur[last];
  }
  return copy;
}
