import { tooDeepError, valueTooDeep } from './nesting.js';
import { isRecord, jsonEqual, type KubeObject } from './object-meta.js';
import { type ResourceDef, apiVersionOf } from './resource-def.js';
import { errors } from './status-error.js';

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix the API server appends to `generateName`. */
export function randomSuffix(length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++)
    out += GENERATE_ALPHABET[Math.floor(Math.random() * GENERATE_ALPHABET.length)];
  return out;
}

/** Checks a request body is an object of this resource's kind and version, filling them when absent. */
export function asObjectOf(def: ResourceDef, body: unknown): KubeObject {
  if (!isRecord(body))
    throw errors.badRequest('the body of the request must be a JSON or YAML object');
  // Every write passes here (HTTP bodies were checked as text already; patch results and
  // in-process writes were not), so nothing stored is too deep for the walks that follow.
  if (valueTooDeep(body)) throw tooDeepError(def.kind);
  const expectedVersion = apiVersionOf(def);
  if (body.apiVersion !== undefined && body.apiVersion !== expectedVersion) {
    throw errors.badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expectedVersion})`,
    );
  }
  if (body.kind !== undefined && body.kind !== def.kind) {
    throw errors.badRequest(
      `the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`,
    );
  }
  if (body.metadata !== undefined && body.metadata !== null && !isRecord(body.metadata))
    throw decodeError('metadata', 'ObjectMeta', body.metadata);
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  checkMetadataShape(metadata);
  return { ...body, apiVersion: expectedVersion, kind: def.kind, metadata } as KubeObject;
}

// Kinds whose registry strategy sets metadata.generation (custom resources always do); the rest
// (ConfigMap, Service, Namespace…) have none.
const GENERATION_KINDS = new Set([
  '/pods',
  'apps/deployments',
  'apps/replicasets',
  'batch/jobs',
  'networking.k8s.io/ingresses',
  'policy/poddisruptionbudgets',
  'apiextensions.k8s.io/customresourcedefinitions',
]);

export function tracksGeneration(def: ResourceDef): boolean {
  return def.crd !== undefined || GENERATION_KINDS.has(`${def.group}/${def.plural}`);
}

/** Compares what `metadata.generation` tracks: everything but metadata, and but status when it is a subresource. */
export function specChanged(def: ResourceDef, a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status, ...rest } = o;
    return def.statusSubresource ? rest : { ...rest, status };
  };
  return !jsonEqual(strip(a), strip(b));
}

/** Equal apart from resourceVersion: such a write is a no-op and must not bump the version. */
export function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({
    ...o,
    metadata: { ...o.metadata, resourceVersion: undefined },
  });
  return jsonEqual(strip(a), strip(b));
}

/** Metadata fields clients may not set or change. */
export const SERVER_OWNED_META = [
  'uid',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const;

export function stripServerMeta(obj: KubeObject): void {
  for (const key of SERVER_OWNED_META) delete obj.metadata[key];
  delete obj.metadata.managedFields;
}

export function carryServerMeta(draft: KubeObject, current: KubeObject): void {
  for (const key of SERVER_OWNED_META) {
    const meta = draft.metadata as Record<string, unknown>;
    if (current.metadata[key] === undefined) delete meta[key];
    else meta[key] = current.metadata[key];
  }
  delete draft.metadata.managedFields;
}

/** Reads a dotted path like `.spec.replicas` (the scale subresource paths). */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/^\./, '').split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

export function writePath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.replace(/^\./, '').split('.');
  let cur: Record<string, unknown> = obj;
  for (const part of parts.slice(0, -1)) {
    if (!isRecord(cur[part])) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] ?? ''] = value;
}

function decodeError(field: string, goType: string, value: unknown): Error {
  const got = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
  return errors.badRequest(
    `json: cannot unmarshal ${got} into Go struct field ${field} of type ${goType}`,
  );
}

const STRING_FIELDS = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion'] as const;

/**
 * The typed decode the API server does before anything else: ObjectMeta fields of the wrong JSON
 * type are a 400, so nothing downstream (indexes, validation) ever sees them.
 */
function checkMetadataShape(meta: Record<string, unknown>): void {
  for (const f of STRING_FIELDS)
    if (meta[f] !== undefined && meta[f] !== null && typeof meta[f] !== 'string')
      throw decodeError(`ObjectMeta.metadata.${f}`, 'string', meta[f]);
  for (const f of ['labels', 'annotations'] as const) {
    const v = meta[f];
    if (v === undefined || v === null) continue;
    if (!isRecord(v)) throw decodeError(`ObjectMeta.metadata.${f}`, 'map[string]string', v);
    for (const [k, x] of Object.entries(v))
      if (typeof x !== 'string') throw decodeError(`ObjectMeta.metadata.${f}[${k}]`, 'string', x);
  }
  const finalizers = meta.finalizers;
  if (
    finalizers !== undefined &&
    finalizers !== null &&
    (!Array.isArray(finalizers) || finalizers.some((x) => typeof x !== 'string'))
  ) {
    throw decodeError('ObjectMeta.metadata.finalizers', '[]string', finalizers);
  }
  const refs = meta.ownerReferences;
  if (refs !== undefined && refs !== null) {
    if (!Array.isArray(refs) || refs.some((r) => !isRecord(r)))
      throw decodeError('ObjectMeta.metadata.ownerReferences', '[]v1.OwnerReference', refs);
    for (const r of refs as Record<string, unknown>[]) {
      for (const f of ['apiVersion', 'kind', 'name', 'uid'])
        if (r[f] !== undefined && typeof r[f] !== 'string')
          throw decodeError(`OwnerReference.metadata.ownerReferences.${f}`, 'string', r[f]);
    }
  }
  // A JSON null in these fields means "unset", as Go decodes it.
  for (const f of [...STRING_FIELDS, 'labels', 'annotations', 'finalizers', 'ownerReferences'])
    if (meta[f] === null) delete meta[f];
}
