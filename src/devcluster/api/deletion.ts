import { isoTime } from '../../domain/time.js';
import type { Clock } from '../clock.js';
import type { ObjectStore } from '../store/object-store.js';
import type { KubeObject } from './object-meta.js';
import type { ResourceRegistry } from './registry.js';
import { type ResourceDef, storageKey } from './resource-def.js';
import { errors } from './status-error.js';

export interface DeleteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** What deletion uses of the cluster API (ClusterApi passes itself; neither file imports the other). */
export interface DeletionHost {
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  readonly clock: Clock;
  get(def: ResourceDef, namespace: string | undefined, name: string): KubeObject;
  present(def: ResourceDef, obj: KubeObject): KubeObject;
  fire(def: ResourceDef, type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: KubeObject): void;
}

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';
const NAMESPACE_KEY = '/namespaces';

/**
 * Deletion as the API server and garbage collector do it: finalizers hold an object with a
 * deletionTimestamp until they are removed; dependents are collected by ownerReference
 * (background), deleted first (foreground) or released (orphan); a namespace empties itself
 * before it goes away. Everything runs synchronously so tests see the settled state.
 */
export class Deleter {
  constructor(private readonly api: DeletionHost) {}

  delete(
    def: ResourceDef,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions,
  ): KubeObject {
    const current = this.api.get(def, namespace, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw errors.conflict(
        def.group,
        def.plural,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(
        def.group,
        def.plural,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in meta: ${current.metadata.resourceVersion ?? ''}`,
      );
    }
    if (opts.dryRun) return current;
    if (current.metadata.deletionTimestamp) return current;

    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN)) finalizers.push(ORPHAN);
    const isNamespace = storageKey(def) === NAMESPACE_KEY;

    if (finalizers.length === 0 && !isNamespace) return this.remove(def, current);

    const marked: KubeObject = {
      ...current,
      metadata: {
        ...current.metadata,
        finalizers: finalizers.length ? finalizers : undefined,
        deletionTimestamp: isoTime(this.api.clock.now()),
        deletionGracePeriodSeconds: 0,
        // The API server bumps a generation only where the kind keeps one.
        generation:
          current.metadata.generation === undefined ? undefined : current.metadata.generation + 1,
      },
      ...(isNamespace ? { status: { ...(current.status as object), phase: 'Terminating' } } : {}),
    };
    if (marked.metadata.finalizers === undefined) delete marked.metadata.finalizers;
    if (marked.metadata.generation === undefined) delete marked.metadata.generation;
    const stored = this.api.store.replace(storageKey(def), marked);
    this.api.fire(def, 'MODIFIED', stored);
    if (policy === 'Orphan') this.orphanDependents(stored);
    if (policy === 'Foreground') this.deleteDependents(stored, 'Foreground');
    if (isNamespace) this.emptyNamespace(stored.metadata.name ?? '');
    return (
      this.finalizeIfReady(
        def,
        this.api.store.get(storageKey(def), stored.metadata.namespace, name) ?? stored,
      ) ?? stored
    );
  }

  /**
   * Removes an object whose deletion is pending once nothing holds it any more. The GC-owned
   * finalizers (orphan, foregroundDeletion) are released here when their work is done.
   */
  finalizeIfReady(def: ResourceDef, obj: KubeObject): KubeObject | undefined {
    if (!obj.metadata.deletionTimestamp) return undefined;
    let finalizers = obj.metadata.finalizers ?? [];
    if (finalizers.includes(ORPHAN)) finalizers = finalizers.filter((f) => f !== ORPHAN);
    if (finalizers.includes(FOREGROUND) && !this.hasBlockingDependents(obj))
      finalizers = finalizers.filter((f) => f !== FOREGROUND);
    if (storageKey(def) === NAMESPACE_KEY && !this.namespaceEmpty(obj.metadata.name ?? ''))
      return undefined;
    if (finalizers.length) {
      if (finalizers.length !== (obj.metadata.finalizers ?? []).length) {
        const stored = this.api.store.replace(storageKey(def), {
          ...obj,
          metadata: { ...obj.metadata, finalizers },
        });
        this.api.fire(def, 'MODIFIED', stored);
        return stored;
      }
      return undefined;
    }
    return this.remove(def, obj);
  }

  private remove(def: ResourceDef, obj: KubeObject): KubeObject {
    const removed = this.api.store.remove(
      storageKey(def),
      obj.metadata.namespace,
      obj.metadata.name ?? '',
    );
    if (!removed) return obj;
    this.api.fire(def, 'DELETED', removed);
    this.collectDependents(removed);
    this.releaseOwners(removed);
    const ns = removed.metadata.namespace;
    if (ns) this.recheckNamespace(ns);
    return this.api.present(def, removed);
  }

  /** Background GC: dependents whose every owner is gone are deleted; others lose the dangling reference. */
  private collectDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid;
    if (!uid) return;
    for (const { key, object } of this.api.store.dependents(uid)) {
      const def = this.defForKey(key);
      if (!def) continue;
      const live = (object.metadata.ownerReferences ?? []).filter(
        (r) => r.uid !== uid && this.api.store.getByUid(r.uid),
      );
      if (live.length) {
        const stored = this.api.store.replace(key, {
          ...object,
          metadata: { ...object.metadata, ownerReferences: live },
        });
        this.api.fire(def, 'MODIFIED', stored);
      } else if (!object.metadata.deletionTimestamp) {
        this.delete(def, object.metadata.namespace, object.metadata.name ?? '', {
          propagationPolicy: 'Background',
        });
      }
    }
  }

  private deleteDependents(owner: KubeObject, policy: 'Foreground'): void {
    for (const { key, object } of this.api.store.dependents(owner.metadata.uid ?? '')) {
      const def = this.defForKey(key);
      if (def && !object.metadata.deletionTimestamp)
        this.delete(def, object.metadata.namespace, object.metadata.name ?? '', {
          propagationPolicy: policy,
        });
    }
  }

  private orphanDependents(owner: KubeObject): void {
    const uid = owner.metadata.uid ?? '';
    for (const { key, object } of this.api.store.dependents(uid)) {
      const def = this.defForKey(key);
      const refs = (object.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      const stored = this.api.store.replace(key, {
        ...object,
        metadata: { ...object.metadata, ownerReferences: refs.length ? refs : undefined },
      });
      if (def) this.api.fire(def, 'MODIFIED', stored);
    }
  }

  /** A foreground-deleting owner goes once its last dependent is gone. */
  private releaseOwners(removed: KubeObject): void {
    for (const ref of removed.metadata.ownerReferences ?? []) {
      const owner = this.api.store.getByUid(ref.uid);
      const def = owner && this.defForKey(owner.key);
      if (owner && def && owner.object.metadata.deletionTimestamp)
        this.finalizeIfReady(def, owner.object);
    }
  }

  private hasBlockingDependents(obj: KubeObject): boolean {
    return this.api.store.dependents(obj.metadata.uid ?? '').length > 0;
  }

  private emptyNamespace(namespace: string): void {
    for (const def of this.namespacedDefs()) {
      for (const obj of this.api.store.list(storageKey(def), namespace)) {
        if (
          !obj.metadata.deletionTimestamp &&
          this.api.store.get(storageKey(def), namespace, obj.metadata.name ?? '')
        ) {
          this.delete(def, namespace, obj.metadata.name ?? '', { propagationPolicy: 'Background' });
        }
      }
    }
  }

  private namespaceEmpty(namespace: string): boolean {
    return this.namespacedDefs().every(
      (def) => this.api.store.list(storageKey(def), namespace).length === 0,
    );
  }

  private recheckNamespace(namespace: string): void {
    const nsDef = this.defForKey(NAMESPACE_KEY);
    const ns = this.api.store.get(NAMESPACE_KEY, undefined, namespace);
    if (nsDef && ns?.metadata.deletionTimestamp) this.finalizeIfReady(nsDef, ns);
  }

  /** One def per storage key (several versions of a CRD share storage). */
  private namespacedDefs(): ResourceDef[] {
    const seen = new Map<string, ResourceDef>();
    for (const def of this.api.registry.all())
      if (def.namespaced && !seen.has(storageKey(def))) seen.set(storageKey(def), def);
    return [...seen.values()];
  }

  private defForKey(key: string): ResourceDef | undefined {
    return this.api.registry.all().find((d) => storageKey(d) === key);
  }
}
