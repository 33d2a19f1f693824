import type { KubeStatusError } from '../api/status-error.js';
import type { JsonKeyScan, RepeatedKey } from './json-key-scan.js';
import type { ResourceDef } from '../api/resource-def.js';
import { jsonPatchKeys } from './json-patch-keys.js';
import {
  applyRepeatedKeysError,
  applyTypeError,
  buildWarnings,
  type FieldValidation,
  strictPatchError,
} from './strict-errors.js';
import {
  findUnknownFields,
  inKeyOrder,
  type UnknownField,
  withoutFields,
} from './unknown-fields.js';

/** How one write asked to be validated, and where its 299 warnings go. */
export interface FieldValidationRequest {
  mode: FieldValidation;
  /** Collects `Warning` header values (Warn only). */
  warnings: string[];
  /** The request body's keys, when it was JSON: where repeated keys are found. */
  bodyKeys?: JsonKeyScan;
}

const isAtOrBelow = (path: string, field: string) =>
  path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);

const repeated = (d: RepeatedKey): UnknownField & { rank: number } => ({
  path: d.path,
  at: [],
  duplicate: true,
  rank: d.rank,
  ...(d.line !== undefined ? { line: d.line, key: d.key } : {}),
  ...(d.inJsonPatch ? { inJsonPatch: true } : {}),
});

/**
 * Unknown and duplicate fields in the order the API server lists them: for a custom resource or
 * a patch the duplicates its JSON decoder met, then the unknown fields (pruning's, sorted; a
 * merged patch's, sorted); for a built-in one's create or update one list in document order.
 * A repeated unknown key is one unknown field.
 */
function withDuplicates(
  def: ResourceDef,
  unknown: UnknownField[],
  keys: JsonKeyScan | undefined,
  duplicatesFirst: boolean,
): UnknownField[] {
  if (!keys || keys.duplicates.length === 0) return unknown;
  const all = keys.duplicates
    .map(repeated)
    // YAML is turned into JSON before it is decoded: its repeated keys are all reported, first.
    .filter((d) => d.line !== undefined || !unknown.some((u) => isAtOrBelow(d.path, u.path)));
  const yaml = all.filter((d) => d.line !== undefined);
  const duplicates = all.filter((d) => d.line === undefined);
  const unranked = <F extends { rank: number }>(fields: F[]) =>
    fields.map(({ rank: _rank, ...field }) => field);
  if (def.crd || duplicatesFirst) return [...unranked(yaml), ...unranked(duplicates), ...unknown];
  const ranked = unknown.map((u) => ({ ...u, rank: keys.firstSeen.get(u.path) ?? Infinity }));
  return [
    ...unranked(yaml),
    ...unranked([...duplicates, ...ranked].sort((a, b) => a.rank - b.rank)),
  ];
}

/**
 * Unknown fields of a write, decided as the API server's fieldValidation does: Strict refuses
 * with `refuse(fields)`, Warn adds a warning per field, Warn and Ignore return the value without
 * them. `before` is the stored object: fields it already has are not the writer's doing (only
 * in-process writers can have stored them, and a real server never would), so they are left alone.
 */
export function checkUnknownFields<T>(
  def: ResourceDef,
  value: T,
  before: unknown,
  request: FieldValidationRequest,
  refuse: (fields: UnknownField[]) => KubeStatusError,
  /**
   * A patch: its repeated keys come first. `sortedKeys`: the value was a Go map before decoding
   * (a merged patch), so its keys are met sorted.
   */
  patch?: { sortedKeys: boolean },
): T {
  const unknown = patch?.sortedKeys
    ? inKeyOrder(findUnknownFields(def, value))
    : findUnknownFields(def, value);
  const found = withDuplicates(def, unknown ?? [], request.bodyKeys, patch !== undefined);
  if (found.length === 0) return value;
  const old = new Set(
    (before === undefined ? [] : (findUnknownFields(def, before) ?? [])).map((f) => f.path),
  );
  const fields = found.filter((f) => !old.has(f.path));
  if (fields.length === 0) return value;
  if (request.mode === 'Strict') throw refuse(fields);
  if (request.mode === 'Warn') request.warnings.push(...buildWarnings(fields));
  return withoutFields(value, fields);
}

/**
 * A server-side apply configuration, checked before it is merged: the keys it repeats (Strict
 * refuses with a 400, Warn warns once per key, Ignore lets the last value stand), then, whatever
 * the mode, the fields the schema lacks, which server-side apply cannot type (a 500).
 */
export function checkApplyConfiguration(
  def: ResourceDef,
  name: string,
  config: unknown,
  request: FieldValidationRequest,
): void {
  const fields = (request.bodyKeys?.duplicates ?? []).map(repeated);
  if (fields.length > 0 && request.mode === 'Strict') throw applyRepeatedKeysError(fields);
  if (fields.length > 0 && request.mode === 'Warn') request.warnings.push(...buildWarnings(fields));
  const unknown = findUnknownFields(def, config) ?? [];
  if (unknown.length > 0) throw applyTypeError(def, name, config, unknown);
}

/**
 * The object a merge, strategic or JSON patch produced, checked as `checkUnknownFields` checks a
 * write: the patch's repeated keys first (a JSON patch's among its operations, then where they
 * land), a 422 naming the patched object under Strict. A JSON patch keeps the object's key order;
 * merged patches come out of a Go map, sorted.
 */
export function checkPatchedObject<T>(
  def: ResourceDef,
  kind: 'merge' | 'json' | 'strategic',
  patchBody: unknown,
  patched: T,
  current: unknown,
  request: FieldValidationRequest,
): T {
  const keys = request.bodyKeys;
  const asSent =
    kind === 'json' && keys ? { ...request, bodyKeys: jsonPatchKeys(keys, patchBody) } : request;
  return checkUnknownFields(
    def,
    patched,
    current,
    asSent,
    (fields) => strictPatchError(kind, patchBody, patched, fields),
    { sortedKeys: kind !== 'json' },
  );
}
