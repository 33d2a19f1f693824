/**
 * The conformance suite's applier: an in-memory object map that applies a router's `ObjectWrite`s the
 * way kube-apiserver would — create (409 if it exists), JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902, `test` included), delete — and bumps `metadata.resourceVersion` on every write.
 *
 * Guards (types.ts, ObjectWrite): a merge patch must carry `metadata.resourceVersion` and it must be
 * the current one (409 otherwise); a JSON patch must start with a `test` of `/metadata/resourceVersion`,
 * which fails (422) when stale. The RFC algorithms themselves are the dev cluster's (src/devcluster/patch),
 * so the suite and the dev cluster agree on patch semantics; this file adds the object map and guards.
 */

import {
  applyJsonPatch,
  applyMergePatch,
  PatchError,
} from '../../../../src/devcluster/patch/index.js';
import {
  refKey,
  type KubeObjectJson,
  type Observed,
  type ObjectRef,
  type ObjectWrite,
} from '../../../../src/providers/traffic/types.js';

/** A write the cluster refused; `status` as the API server would answer. */
export class WriteRejected extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
    readonly write: ObjectWrite,
  ) {
    super(message);
    this.name = 'WriteRejected';
  }
}

export type ObjectMap = ReadonlyMap<string, KubeObjectJson>;

export function refOf(object: KubeObjectJson, defaultNamespace = 'default'): ObjectRef {
  return {
    apiVersion: object.apiVersion,
    kind: object.kind,
    namespace: object.metadata.namespace ?? defaultNamespace,
    name: object.metadata.name,
  };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

function describeRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name} (${ref.apiVersion})`;
}

export class InMemoryCluster {
  private readonly store = new Map<string, KubeObjectJson>();
  private version = 100;
  private uids = 0;

  constructor(objects: readonly KubeObjectJson[] = []) {
    for (const object of objects) {
      const copy = clone(object);
      copy.metadata.resourceVersion ??= this.nextVersion();
      this.store.set(refKey(refOf(copy)), copy);
    }
  }

  /** A copy of the cluster, for trying writes without disturbing this one. */
  fork(): InMemoryCluster {
    const copy = new InMemoryCluster();
    copy.version = this.version;
    copy.uids = this.uids;
    for (const [key, object] of this.store) copy.store.set(key, clone(object));
    return copy;
  }

  get(ref: ObjectRef): KubeObjectJson | undefined {
    const found = this.store.get(refKey(ref));
    return found === undefined ? undefined : clone(found);
  }

  /** Every object, keyed by `refKey`, as copies. */
  objects(): ObjectMap {
    return new Map([...this.store].map(([key, object]) => [key, clone(object)]));
  }

  /** What the caller reads for a router's `objectsToRead`: absent objects are `undefined`. */
  observe(refs: readonly ObjectRef[]): Observed {
    return new Map(refs.map((ref) => [refKey(ref), this.get(ref)]));
  }

  remove(ref: ObjectRef): void {
    this.store.delete(refKey(ref));
  }

  /** Stores an object as another writer would (a new resourceVersion, no guards). */
  put(object: KubeObjectJson): void {
    const copy = clone(object);
    copy.metadata.resourceVersion = this.nextVersion();
    this.store.set(refKey(refOf(copy)), copy);
  }

  /** A concurrent writer touches the object: one foreign annotation, a new resourceVersion. */
  touch(ref: ObjectRef): void {
    const current = this.store.get(refKey(ref));
    if (current === undefined) throw new Error(`touch: ${describeRef(ref)} does not exist`);
    const next = clone(current);
    next.metadata.annotations = {
      ...next.metadata.annotations,
      'conformance.test/concurrent-writer': this.version.toString(),
    };
    next.metadata.resourceVersion = this.nextVersion();
    this.store.set(refKey(ref), next);
  }

  /** Applies writes in order, each atomically; the first refused one throws `WriteRejected` (earlier ones stay, as on a real API server). */
  apply(writes: readonly ObjectWrite[]): void {
    for (const write of writes) this.applyOne(write);
  }

  private applyOne(write: ObjectWrite): void {
    switch (write.op) {
      case 'create':
        return this.create(write);
      case 'mergePatch':
        return this.mergePatch(write);
      case 'jsonPatch':
        return this.jsonPatch(write);
      case 'delete':
        return this.delete(write);
    }
  }

  private create(write: Extract<ObjectWrite, { op: 'create' }>): void {
    const object = clone(write.object);
    if (object.metadata.namespace === undefined)
      throw new WriteRejected(400, 'create: metadata.namespace is required', write);
    if (object.metadata.resourceVersion !== undefined) {
      throw new WriteRejected(
        400,
        'create: resourceVersion should not be set on objects to be created',
        write,
      );
    }
    const key = refKey(refOf(object));
    if (this.store.has(key))
      throw new WriteRejected(409, `create: ${describeRef(refOf(object))} already exists`, write);
    object.metadata.uid ??= `uid-created-${++this.uids}`;
    object.metadata.resourceVersion = this.nextVersion();
    this.store.set(key, object);
  }

  private mergePatch(write: Extract<ObjectWrite, { op: 'mergePatch' }>): void {
    const current = this.existing(write.ref, write);
    const guard = readPatchVersion(write.patch);
    if (guard === undefined)
      throw new WriteRejected(
        400,
        'mergePatch: unguarded (no metadata.resourceVersion in the patch)',
        write,
      );
    if (guard !== current.metadata.resourceVersion) {
      throw new WriteRejected(
        409,
        `mergePatch: conflict on ${describeRef(write.ref)}: patch has resourceVersion ${guard}, object has ${current.metadata.resourceVersion ?? '(none)'}`,
        write,
      );
    }
    this.replace(write.ref, applyMergePatch(current, write.patch), write);
  }

  private jsonPatch(write: Extract<ObjectWrite, { op: 'jsonPatch' }>): void {
    const current = this.existing(write.ref, write);
    const [first] = write.patch;
    if (first?.op !== 'test' || first.path !== '/metadata/resourceVersion') {
      throw new WriteRejected(
        400,
        'jsonPatch: unguarded (the first operation must test /metadata/resourceVersion)',
        write,
      );
    }
    let next: unknown;
    try {
      next = applyJsonPatch(current, write.patch);
    } catch (error) {
      if (error instanceof PatchError)
        throw new WriteRejected(
          error.status,
          `jsonPatch on ${describeRef(write.ref)}: ${error.message}`,
          write,
        );
      throw error;
    }
    this.replace(write.ref, next, write);
  }

  private delete(write: Extract<ObjectWrite, { op: 'delete' }>): void {
    this.existing(write.ref, write);
    this.store.delete(refKey(write.ref));
  }

  private existing(ref: ObjectRef, write: ObjectWrite): KubeObjectJson {
    const current = this.store.get(refKey(ref));
    if (current === undefined)
      throw new WriteRejected(404, `${write.op}: ${describeRef(ref)} not found`, write);
    return clone(current);
  }

  /** Stores a patched object after checking the patch left its identity alone. */
  private replace(ref: ObjectRef, next: unknown, write: ObjectWrite): void {
    const object = next as KubeObjectJson;
    const same =
      object.apiVersion === ref.apiVersion &&
      object.kind === ref.kind &&
      object.metadata?.name === ref.name &&
      (object.metadata.namespace ?? 'default') === ref.namespace;
    if (!same)
      throw new WriteRejected(
        422,
        `${write.op}: the patch changes the identity of ${describeRef(ref)}`,
        write,
      );
    object.metadata.resourceVersion = this.nextVersion();
    this.store.set(refKey(ref), object);
  }

  private nextVersion(): string {
    this.version += 1;
    return this.version.toString();
  }
}

function readPatchVersion(patch: Record<string, unknown>): string | undefined {
  const metadata = patch['metadata'];
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const version = (metadata as Record<string, unknown>)['resourceVersion'];
  return typeof version === 'string' ? version : undefined;
}
