import type { KubeStatusError } from '../api/status-error.js';
import type { JsonKeyScan } from './json-key-scan.js';
import type { ResourceDef } from '../api/resource-def.js';
import { buildWarnings, type FieldValidation } from './strict-errors.js';
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

/**
 * Unknown and duplicate fields in the order the API server lists them: for a custom resource the
 * duplicates its JSON decoder met, then the sorted unknown fields pruning found; for a built-in
 * one list in document order. A repeated unknown key is one unknown field.
 */
function withDuplicates(
  def: ResourceDef,
  unknown: UnknownField[],
  keys: JsonKeyScan | undefined,
): UnknownField[] {
  if (!keys || keys.duplicates.length === 0) return unknown;
  const duplicates = keys.duplicates
    .filter((d) => !unknown.some((u) => isAtOrBelow(d.path, u.path)))
    .map((d) => ({ path: d.path, at: [], duplicate: true, rank: d.rank }));
  if (def.crd) return [...duplicates, ...unknown];
  const ranked = unknown.map((u) => ({ ...u, rank: keys.firstSeen.get(u.path) ?? Infinity }));
  return [...duplicates, ...ranked]
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...field }) => field);
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
  /** The value was a Go map before decoding (a merged patch): its keys are met sorted. */
  sortedKeys = false,
): T {
  const unknown = sortedKeys
    ? inKeyOrder(findUnknownFields(def, value))
    : findUnknownFields(def, value);
  const found = withDuplicates(def, unknown ?? [], request.bodyKeys);
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
