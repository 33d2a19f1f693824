/**
 * Guarded JSON patches (RFC 6902) over objects the project does not own: a `test` of
 * `/metadata/resourceVersion` first, then `test`s of each touched element's identity, then the
 * changes. A concurrent writer makes the patch fail (409/422) instead of being overwritten.
 */
import type { KubeObjectJson, ObjectRef, ObjectWrite } from '../types.js';
import { jsonEqual } from './json-view.js';

export type PatchOp = Extract<ObjectWrite, { op: 'jsonPatch' }>['patch'][number];

/** A JSON pointer from raw tokens (`/` ⇒ `~1`, `~` ⇒ `~0`; RFC 6901 §3). */
export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export class PatchBuilder {
  private readonly guards: PatchOp[] = [];
  private readonly changes: PatchOp[] = [];

  /** Asserts `path` holds `value` before any change (deduplicated). */
  test(path: string, value: unknown): this {
    if (!this.guards.some((g) => g.path === path)) this.guards.push({ op: 'test', path, value });
    return this;
  }

  /** Sets a member that may or may not exist (`replace` needs it to exist, `add` does not). */
  set(path: string, value: unknown, current: { exists: boolean; value?: unknown }): this {
    if (current.exists && jsonEqual(current.value, value)) return this;
    this.changes.push({ op: current.exists ? 'replace' : 'add', path, value });
    return this;
  }

  /** Inserts at an array index (or `-`), or adds an object member. */
  add(path: string, value: unknown): this {
    this.changes.push({ op: 'add', path, value });
    return this;
  }

  remove(path: string): this {
    this.changes.push({ op: 'remove', path });
    return this;
  }

  get hasChanges(): boolean {
    return this.changes.length > 0;
  }

  /** The write, or nothing when no change is needed (a write of guards alone would be noise). */
  build(ref: ObjectRef, observed: KubeObjectJson): ObjectWrite | undefined {
    if (this.changes.length === 0) return undefined;
    const rv = observed.metadata.resourceVersion;
    const head: PatchOp[] =
      rv === undefined ? [] : [{ op: 'test', path: '/metadata/resourceVersion', value: rv }];
    return { op: 'jsonPatch', ref, patch: [...head, ...this.guards, ...this.changes] };
  }
}

/**
 * Ops that set annotations on an object, creating the map when it is missing and removing it
 * when no key is left; `undefined` removes the key. Keys already holding the value are left alone.
 */
export function setAnnotations(
  builder: PatchBuilder,
  object: KubeObjectJson,
  wanted: Record<string, string | undefined>,
): void {
  const current = object.metadata.annotations;
  if (current === undefined || current === null) {
    const fresh = Object.fromEntries(
      Object.entries(wanted).filter((e): e is [string, string] => e[1] !== undefined),
    );
    if (Object.keys(fresh).length > 0) builder.add('/metadata/annotations', fresh);
    return;
  }
  const left = Object.keys(current).filter(
    (k) => !Object.hasOwn(wanted, k) || wanted[k] !== undefined,
  );
  if (left.length === 0 && Object.keys(current).length > 0) {
    // Removing the last annotations removes the map, so the object ends as it was before any was added.
    builder.remove('/metadata/annotations');
    return;
  }
  for (const [key, value] of Object.entries(wanted)) {
    const exists = Object.hasOwn(current, key);
    const path = pointer('metadata', 'annotations', key);
    if (value === undefined) {
      if (exists) builder.remove(path);
    } else {
      builder.set(path, value, { exists, value: current[key] });
    }
  }
}
