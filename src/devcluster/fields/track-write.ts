import type { KubeObject } from '../api/object-meta.js';
import { type ResourceDef, apiVersionOf } from '../api/resource-def.js';
import { shapeOf } from './field-shape.js';
import { FieldSet } from './field-set.js';
import { type ManagedFieldsEntry, planManagedFields, scopeFields } from './managed-fields.js';
import { compareObjects, computeFieldSet, removeFields } from './object-fields.js';

/** The manager of a write, as the request named it or its client's user agent. */
export interface FieldOwnerOptions {
  fieldManager?: string;
  /** Server-side apply only: take fields other managers own instead of failing with 409. */
  force?: boolean;
}

/** The API server's default manager: the user agent up to its first `/`, printable runes only. */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const prefix = [...(userAgent ?? '').split('/')[0]!]
    .filter((c) => /\P{C}/u.test(c))
    .join('')
    .slice(0, 128);
  return prefix || 'unknown';
}

// What a new object is compared with: Go's zero object of a built-in kind already has metadata,
// spec and status, so only their fields (not they) are new; a custom resource starts empty.
function zeroObject(def: ResourceDef): KubeObject {
  return (def.crd ? { metadata: {} } : { metadata: {}, spec: {}, status: {} }) as KubeObject;
}

/** The fields an apply request's configuration sets, as its manager will own them. */
export function appliedFields(def: ResourceDef, config: unknown, subresource?: string): FieldSet {
  return scopeFields(computeFieldSet(config, shapeOf(def)), def.statusSubresource, subresource);
}

/**
 * Server-side apply's pruning: fields `manager` applied last time and no longer applies are removed
 * from `merged`, unless another manager (or this apply) still owns them.
 */
export function pruneUnapplied(
  def: ResourceDef,
  live: KubeObject,
  merged: KubeObject,
  applied: FieldSet,
  manager: string,
): void {
  let last: FieldSet | undefined;
  let keep = applied;
  for (const entry of (live.metadata.managedFields ?? []) as ManagedFieldsEntry[]) {
    const set = FieldSet.fromFieldsV1(entry.fieldsV1);
    if (entry.manager === manager && entry.operation === 'Apply' && !entry.subresource) last = set;
    else keep = keep.union(set);
  }
  if (last) removeFields(merged, last.difference(applied), keep, shapeOf(def));
}

/** The managedFields `draft` gets when written over `live` (absent on create). */
export function trackWrite(
  def: ResourceDef,
  live: KubeObject | undefined,
  draft: KubeObject,
  who: { manager: string; subresource?: string; time: string },
  apply?: { fields: FieldSet; force: boolean },
): ManagedFieldsEntry[] {
  const shape = shapeOf(def);
  const raw = compareObjects(strip(live ?? zeroObject(def)), strip(draft), shape);
  const scope = (set: FieldSet) => scopeFields(set, def.statusSubresource, who.subresource);
  return planManagedFields(
    live,
    { changed: scope(raw.changed), removed: scope(raw.removed) },
    { ...who, apiVersion: apiVersionOf(def) },
    apply,
  );
}

function strip(obj: KubeObject): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, managedFields: undefined } };
}
