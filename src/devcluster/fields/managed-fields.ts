import { isRecord, jsonEqual, type KubeObject } from '../api/object-meta.js';
import { KubeStatusError } from '../api/status-error.js';
import { FieldSet, formatFieldPath } from './field-set.js';
import type { FieldChanges } from './object-fields.js';

/** One `metadata.managedFields` entry, keys in the API server's order. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** Who writes: the request's field manager, the version it speaks, and the subresource. */
export interface Writer {
  manager: string;
  apiVersion: string;
  subresource?: string;
  /** RFC 3339, second precision. */
  time: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  set: FieldSet;
  /** The writer's own entry, which takes the request's version. */
  mine?: boolean;
}

// Fields no manager owns (the API server's stripmeta): identity and server-set metadata.
const SERVER_FIELDS = [
  ['f:apiVersion'],
  ['f:metadata'],
  ['f:kind'],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'generation',
    'managedFields',
    'resourceVersion',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ].map((f) => ['f:metadata', `f:${f}`]),
];

/**
 * The part of a field set a write through `subresource` may own: not the server's metadata; not
 * status through the main resource of a kind with a status subresource; only status through it.
 */
export function scopeFields(
  set: FieldSet,
  statusSubresource: boolean,
  subresource?: string,
): FieldSet {
  const scoped =
    subresource === 'status'
      ? set.filterTop((e) => e === 'f:status')
      : statusSubresource
        ? set.filterTop((e) => e !== 'f:status')
        : set;
  return scoped.withoutMembers(SERVER_FIELDS);
}

function readOwners(obj: KubeObject | undefined): Owner[] {
  const entries = obj?.metadata.managedFields;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((e): e is ManagedFieldsEntry => isRecord(e) && typeof e.manager === 'string')
    .map((entry) => ({ entry, set: FieldSet.fromFieldsV1(entry.fieldsV1) }));
}

function isWriter(entry: ManagedFieldsEntry, op: 'Apply' | 'Update', who: Writer): boolean {
  return (
    entry.manager === who.manager &&
    entry.operation === op &&
    (entry.subresource ?? '') === (who.subresource ?? '')
  );
}

/** An entry's text in conflict messages: `"m"` for appliers, `"m" using v1` for updaters. */
function describeManager(entry: ManagedFieldsEntry): string {
  const sub = entry.subresource ? ` with subresource ${JSON.stringify(entry.subresource)}` : '';
  const name = `${JSON.stringify(entry.manager)}${sub}`;
  return entry.operation === 'Update' ? `${name} using ${entry.apiVersion}` : name;
}

/** The 409 an apply gets when it would change fields other managers own. */
function conflictError(conflicts: Array<{ owner: ManagedFieldsEntry; path: string[] }>): Error {
  const causes = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${describeManager(c.owner)}`,
    field: formatFieldPath(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    const [only] = causes;
    message = `Apply failed with 1 conflict: ${only?.message ?? ''}: ${only?.field ?? ''}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of conflicts) {
      const name = describeManager(c.owner);
      byManager.set(name, [...(byManager.get(name) ?? []), formatFieldPath(c.path)]);
    }
    const lines = [...byManager.keys()]
      .sort()
      .flatMap((name) => [
        `conflicts with ${name}:`,
        ...(byManager.get(name) ?? []).map((p) => `- ${p}`),
      ]);
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new KubeStatusError(409, 'Conflict', message, { causes });
}

/** The next managedFields after a write: `changes` from the live object, and what `who` now owns. */
export function planManagedFields(
  live: KubeObject | undefined,
  changes: FieldChanges,
  who: Writer,
  apply?: { fields: FieldSet; force: boolean },
): ManagedFieldsEntry[] {
  const op = apply ? 'Apply' : 'Update';
  const owners = readOwners(live);
  const others = owners.filter((o) => !isWriter(o.entry, op, who));
  if (apply && !apply.force) {
    const conflicts = others.flatMap((o) =>
      o.set
        .intersection(changes.changed)
        .members()
        .map((path) => ({ owner: o.entry, path })),
    );
    if (conflicts.length > 0) throw conflictError(conflicts);
  }
  const touched = changes.changed.union(changes.removed);
  const mine = owners.find((o) => isWriter(o.entry, op, who));
  const mySet = apply
    ? apply.fields
    : (mine?.set ?? new FieldSet()).difference(changes.removed).union(changes.changed);
  const next: Owner[] = [
    ...others.map((o) => ({ entry: o.entry, set: o.set.difference(touched) })),
    {
      entry: mine?.entry ?? {
        manager: who.manager,
        operation: op,
        apiVersion: who.apiVersion,
        fieldsType: 'FieldsV1',
        fieldsV1: {},
        ...(who.subresource ? { subresource: who.subresource } : {}),
      },
      set: mySet,
      mine: true,
    },
  ];
  return sortEntries(
    next
      .filter((o) => !o.set.isEmpty())
      .map(({ entry, set, mine: own }) => {
        // An owner whose fields did not change keeps its entry, time included (no-op writes stay no-ops).
        const fieldsV1 = set.toFieldsV1();
        if (entry.time && jsonEqual(entry.fieldsV1, fieldsV1)) return entry;
        return {
          manager: entry.manager,
          operation: entry.operation,
          apiVersion: own ? who.apiVersion : entry.apiVersion,
          time: who.time,
          fieldsType: 'FieldsV1',
          fieldsV1,
          ...(entry.subresource ? { subresource: entry.subresource } : {}),
        };
      }),
  );
}

/** Appliers first, then oldest first, then by manager, version and subresource. */
function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const seconds = (e: ManagedFieldsEntry) => (e.time ? Date.parse(e.time) : 0);
  const text = (e: ManagedFieldsEntry) => [e.manager, e.apiVersion, e.subresource ?? ''];
  return entries.sort((a, b) => {
    if (a.operation !== b.operation) return a.operation < b.operation ? -1 : 1;
    if (seconds(a) !== seconds(b)) return seconds(a) - seconds(b);
    const [ta, tb] = [text(a), text(b)];
    for (const [i, x] of ta.entries()) {
      const y = tb[i] ?? '';
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
