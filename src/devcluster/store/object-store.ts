import type { KubeObject } from '../api/object-meta.js';
import { errors } from '../api/status-error.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  rv: number;
  key: string; // storage key (group/plural)
  type: WatchEventType;
  object: KubeObject;
  /** The object before this change (MODIFIED/DELETED); lets selector-filtered watches see transitions. */
  previous?: KubeObject;
  /** The object's JSON length, for the log's byte cap (set by the store). */
  size?: number;
}

export interface StoreWatcher {
  key: string;
  namespace?: string;
  send(event: StoreEvent): void;
}

/**
 * Objects by storage key and `namespace/name`, a global monotonic resourceVersion (like etcd's
 * revision), indexes for label-equality lists and owner lookups, and a bounded event log so
 * watches can resume from a resourceVersion. It enforces no API semantics: callers do.
 * Stored objects are never mutated after insertion; writers store new objects.
 */
export class ObjectStore {
  private revision: number;
  private readonly tables = new Map<string, Map<string, KubeObject>>();
  private readonly labelIndex = new Map<string, Map<string, Set<string>>>();
  private readonly ownerIndex = new Map<string, Set<string>>();
  private readonly uidIndex = new Map<string, { key: string; objKey: string }>();
  /** Change events, oldest first from `logHead`; slots before it are dropped (cleared, awaiting compaction). */
  private log: Array<StoreEvent | undefined> = [];
  private logHead = 0;
  /** Approximate bytes the live part of the log holds (JSON length of each event's object). */
  private logSize = 0;
  private readonly watchers = new Map<string, Set<StoreWatcher>>();
  /** Oldest resourceVersion a watch may resume from; older ones get 410 Gone. */
  private compactedRv: number;

  /**
   * The log keeps at most `logCapacity` events and `logBytes` bytes of objects (as JSON; the heap
   * holds about 4× that), whichever binds first: writes of a large object (a 10,000-step Rollout
   * is 220 KiB) must not pin gigabytes of old versions. etcd compacts by time instead; either way
   * old resourceVersions get 410 Gone.
   */
  constructor(
    private readonly logCapacity = 50_000,
    startRevision = 1000,
    private readonly logBytes = 16 * 1024 * 1024,
  ) {
    this.revision = startRevision;
    this.compactedRv = startRevision;
  }

  /** Events and approximate bytes the watch log holds now. */
  get logUsage(): { events: number; bytes: number } {
    return { events: this.log.length - this.logHead, bytes: this.logSize };
  }

  get currentRevision(): number {
    return this.revision;
  }

  get oldestResumableRevision(): number {
    return this.compactedRv;
  }

  get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.tables.get(key)?.get(objectKey(namespace, name));
  }

  getByUid(uid: string): { key: string; object: KubeObject } | undefined {
    const ref = this.uidIndex.get(uid);
    if (!ref) return undefined;
    const object = this.tables.get(ref.key)?.get(ref.objKey);
    return object ? { key: ref.key, object } : undefined;
  }

  /** Objects of one storage key, sorted by namespace/name, optionally narrowed by label equalities via the index. */
  list(
    key: string,
    namespace?: string,
    labelEqualities: Array<[string, string]> = [],
  ): KubeObject[] {
    const table = this.tables.get(key);
    if (!table) return [];
    let keys: Iterable<string> = table.keys();
    if (labelEqualities.length) {
      const index = this.labelIndex.get(key);
      const sets = labelEqualities.map(([k, v]) => index?.get(`${k}=${v}`) ?? new Set<string>());
      sets.sort((a, b) => a.size - b.size);
      keys = sets[0] ?? [];
    }
    const prefix = namespace === undefined ? undefined : `${namespace}/`;
    const out: Array<[string, KubeObject]> = [];
    for (const k of keys) {
      if (prefix && !k.startsWith(prefix)) continue;
      const obj = table.get(k);
      if (obj) out.push([k, obj]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, o]) => o);
  }

  count(key?: string): number {
    if (key) return this.tables.get(key)?.size ?? 0;
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /** Uids of objects that list `ownerUid` in their ownerReferences, as (key, object) pairs. */
  dependents(ownerUid: string): Array<{ key: string; object: KubeObject }> {
    const refs = this.ownerIndex.get(ownerUid);
    if (!refs) return [];
    const out: Array<{ key: string; object: KubeObject }> = [];
    for (const uid of refs) {
      const found = this.getByUid(uid);
      if (found) out.push(found);
    }
    return out;
  }

  /** Stores a new object; stamps the next resourceVersion. The caller has checked it does not exist. */
  insert(key: string, obj: KubeObject): KubeObject {
    const stored = this.stamp(obj);
    const ok = objectKey(stored.metadata.namespace, stored.metadata.name ?? '');
    let table = this.tables.get(key);
    if (!table) this.tables.set(key, (table = new Map()));
    table.set(ok, stored);
    this.indexAdd(key, ok, stored);
    this.emit({ rv: this.revision, key, type: 'ADDED', object: stored });
    return stored;
  }

  /** Replaces an existing object; stamps the next resourceVersion. */
  replace(key: string, obj: KubeObject): KubeObject {
    const ok = objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
    const table = this.tables.get(key);
    const previous = table?.get(ok);
    if (!table || !previous) throw errors.internal(`replace of missing object ${key} ${ok}`);
    const stored = this.stamp(obj);
    this.indexRemove(key, ok, previous);
    table.set(ok, stored);
    this.indexAdd(key, ok, stored);
    this.emit({ rv: this.revision, key, type: 'MODIFIED', object: stored, previous });
    return stored;
  }

  /** Removes an object; the DELETED event carries it with a fresh resourceVersion, as the API server does. */
  remove(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const ok = objectKey(namespace, name);
    const table = this.tables.get(key);
    const previous = table?.get(ok);
    if (!table || !previous) return undefined;
    table.delete(ok);
    this.indexRemove(key, ok, previous);
    const stored = this.stamp(previous);
    this.emit({ rv: this.revision, key, type: 'DELETED', object: stored, previous });
    return stored;
  }

  /** Events for `key` after `fromRv`, or a 410 when the log no longer reaches back that far. */
  eventsSince(key: string, fromRv: number): StoreEvent[] {
    if (fromRv < this.compactedRv) {
      throw errors.gone(`too old resource version: ${fromRv} (${this.compactedRv})`);
    }
    // The log is ordered by rv: binary search the first event after fromRv.
    let lo = this.logHead;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.log[mid]?.rv ?? 0) <= fromRv) lo = mid + 1;
      else hi = mid;
    }
    return this.log.slice(lo).filter((e): e is StoreEvent => e?.key === key);
  }

  subscribe(watcher: StoreWatcher): () => void {
    let set = this.watchers.get(watcher.key);
    if (!set) this.watchers.set(watcher.key, (set = new Set()));
    set.add(watcher);
    return () => {
      set.delete(watcher);
    };
  }

  watcherCount(): number {
    let n = 0;
    for (const s of this.watchers.values()) n += s.size;
    return n;
  }

  private stamp(obj: KubeObject): KubeObject {
    this.revision++;
    return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(this.revision) } };
  }

  private emit(event: StoreEvent): void {
    const size = JSON.stringify(event.object).length;
    this.log.push({ ...event, size });
    this.logSize += size;
    this.trimLog();
    const set = this.watchers.get(event.key);
    if (!set) return;
    const ns = event.object.metadata.namespace;
    for (const w of [...set]) {
      if (w.namespace !== undefined && w.namespace !== ns) continue;
      w.send(event);
    }
  }

  /** Drops the oldest events past either cap; the newest event always stays. */
  private trimLog(): void {
    while (
      this.log.length - this.logHead > 1 &&
      (this.log.length - this.logHead > this.logCapacity || this.logSize > this.logBytes)
    ) {
      const dropped = this.log[this.logHead];
      this.log[this.logHead++] = undefined;
      if (!dropped) break;
      this.logSize -= dropped.size ?? 0;
      this.compactedRv = dropped.rv;
    }
    // Compact the array once the dropped prefix is half of it: amortised O(1) per event.
    if (this.logHead * 2 > this.log.length) {
      this.log = this.log.slice(this.logHead);
      this.logHead = 0;
    }
  }

  private indexAdd(key: string, ok: string, obj: KubeObject): void {
    let index = this.labelIndex.get(key);
    if (!index) this.labelIndex.set(key, (index = new Map()));
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
      const term = `${k}=${v}`;
      let set = index.get(term);
      if (!set) index.set(term, (set = new Set()));
      set.add(ok);
    }
    const uid = obj.metadata.uid;
    if (!uid) return;
    this.uidIndex.set(uid, { key, objKey: ok });
    for (const ref of obj.metadata.ownerReferences ?? []) {
      let set = this.ownerIndex.get(ref.uid);
      if (!set) this.ownerIndex.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
  }

  private indexRemove(key: string, ok: string, obj: KubeObject): void {
    const index = this.labelIndex.get(key);
    for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
      const term = `${k}=${v}`;
      const set = index?.get(term);
      set?.delete(ok);
      if (set && set.size === 0) index?.delete(term);
    }
    const uid = obj.metadata.uid;
    if (!uid) return;
    this.uidIndex.delete(uid);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.ownerIndex.get(ref.uid);
      set?.delete(uid);
      if (set && set.size === 0) this.ownerIndex.delete(ref.uid);
    }
  }
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}
