import { isRecord, jsonEqual } from '../api/object-meta.js';
import type { FieldShape } from './field-shape.js';
import { FieldSet } from './field-set.js';

type Path = string[];

/** The path element of a list item: its key fields, its value in a set, else its index. */
function itemElement(item: unknown, shape: FieldShape | undefined, index: number): string {
  if (shape?.set) return `v:${JSON.stringify(item)}`;
  if (shape?.listKeys && isRecord(item)) {
    const key: Record<string, unknown> = {};
    for (const k of [...shape.listKeys].sort()) if (item[k] !== undefined) key[k] = item[k];
    if (Object.keys(key).length > 0) return `k:${JSON.stringify(key)}`;
  }
  return `i:${index}`;
}

function isGranularList(shape: FieldShape | undefined): boolean {
  return !shape?.atomic && (shape?.set === true || shape?.listKeys !== undefined);
}

function itemsByElement(list: unknown[], shape: FieldShape | undefined): Map<string, unknown> {
  return new Map(list.map((item, i) => [itemElement(item, shape, i), item]));
}

/**
 * The fields a value sets (structured-merge-diff's ToFieldSet): every scalar, atomic value, empty
 * object and null is a member; objects are members only through their fields; keyed and set list
 * items are members themselves and through their fields.
 */
export function computeFieldSet(value: unknown, shape: FieldShape | undefined): FieldSet {
  const out = new FieldSet();
  collect(value, shape, [], out, false);
  return out;
}

function collect(
  value: unknown,
  shape: FieldShape | undefined,
  path: Path,
  out: FieldSet,
  withParents: boolean,
): void {
  const member = () => {
    if (path.length > 0) out.insert(path);
  };
  if (shape?.atomic) return member();
  if (Array.isArray(value)) {
    // A list is never a member itself (Compare marks new objects, not new lists).
    if (!isGranularList(shape)) return member();
    for (const [element, item] of itemsByElement(value, shape)) {
      out.insert([...path, element]);
      if (shape?.listKeys && isRecord(item))
        for (const [k, v] of Object.entries(item))
          collect(v, shape.items?.field?.(k), [...path, element, `f:${k}`], out, withParents);
    }
    return;
  }
  if (isRecord(value) && Object.keys(value).length > 0) {
    if (withParents) member();
    for (const [k, v] of Object.entries(value))
      if (v !== undefined) collect(v, shape?.field?.(k), [...path, `f:${k}`], out, withParents);
    return;
  }
  member();
}

export interface FieldChanges {
  /** Fields added or given another value (with every node that is new, as in structured-merge-diff's Compare). */
  changed: FieldSet;
  removed: FieldSet;
}

/** What an update changes, field by field, from `before` to `after`. */
export function compareObjects(
  before: unknown,
  after: unknown,
  shape: FieldShape | undefined,
): FieldChanges {
  const changes = { changed: new FieldSet(), removed: new FieldSet() };
  compare(before, after, shape, [], changes);
  return changes;
}

function compare(
  a: unknown,
  b: unknown,
  shape: FieldShape | undefined,
  path: Path,
  out: FieldChanges,
): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined || b === undefined) {
    collect(a ?? b, shape, path, a === undefined ? out.changed : out.removed, true);
    return;
  }
  if (!shape?.atomic && Array.isArray(a) && Array.isArray(b) && isGranularList(shape)) {
    const before = itemsByElement(a, shape);
    const after = itemsByElement(b, shape);
    for (const [element, item] of after) {
      const old = before.get(element);
      if (old === undefined) collect(item, shape, [...path, element], out.changed, true);
      else if (shape?.listKeys) compareFields(old, item, shape.items, [...path, element], out);
    }
    for (const [element, item] of before)
      if (!after.has(element)) collect(item, shape, [...path, element], out.removed, true);
    return;
  }
  if (!shape?.atomic && isRecord(a) && isRecord(b) && Object.keys(b).length > 0) {
    compareFields(a, b, shape, path, out);
    return;
  }
  if (!jsonEqual(a, b) && path.length > 0) out.changed.insert(path);
}

function compareFields(
  a: unknown,
  b: unknown,
  shape: FieldShape | undefined,
  path: Path,
  out: FieldChanges,
): void {
  const ra = isRecord(a) ? a : {};
  const rb = isRecord(b) ? b : {};
  for (const k of new Set([...Object.keys(ra), ...Object.keys(rb)]))
    compare(ra[k], rb[k], shape?.field?.(k), [...path, `f:${k}`], out);
}

/**
 * Deletes from `obj` the member fields of `drop`, except where `keep` holds that field or anything
 * below it (a list item another manager still has fields in stays).
 */
export function removeFields(
  obj: Record<string, unknown>,
  drop: FieldSet,
  keep: FieldSet,
  shape: FieldShape | undefined,
): void {
  // Deepest first, so removing an item does not shift what a later path points at.
  const paths = drop.members().sort((x, y) => y.length - x.length);
  for (const path of paths) if (!keep.at(path)) removeAt(obj, path, shape);
}

function removeAt(root: unknown, path: Path, shape: FieldShape | undefined): void {
  let container: unknown = root;
  let s = shape;
  for (const [i, element] of path.entries()) {
    const last = i === path.length - 1;
    if (element.startsWith('f:')) {
      if (!isRecord(container)) return;
      const name = element.slice(2);
      if (last) {
        delete container[name];
        return;
      }
      container = container[name];
      s = s?.field?.(name);
      continue;
    }
    if (!Array.isArray(container)) return;
    const list: unknown[] = container;
    const index = list.findIndex((item, n) => itemElement(item, s, n) === element);
    if (index < 0) return;
    if (last) {
      list.splice(index, 1);
      return;
    }
    container = list[index];
    s = s?.items;
  }
}
