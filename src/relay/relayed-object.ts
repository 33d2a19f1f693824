import type { WatchEventType } from '../adapters/kube/index.js';
import { ANNOTATIONS } from '../domain/keys.js';

/** What the relay sends of each object: its identity and ownership, not its spec or status (the handler re-reads). */
export interface RelayedObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    ownerReferences?: unknown[];
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
}

export interface RelayEvent {
  type: WatchEventType;
  object: RelayedObject;
}

/** uid when there is one: a deleted and recreated object is another object. */
export function keyOf(o: RelayedObject): string {
  return o.metadata.uid ?? `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/** Identity and ownership only; list items lack kind and apiVersion, so the list's fill them in. */
export function trimObject(
  o: RelayedObject,
  head: { kind?: string; apiVersion?: string },
): RelayedObject {
  const { name, namespace, uid, resourceVersion, ownerReferences, labels, annotations } =
    o.metadata;
  const { [ANNOTATIONS.lastApplied]: _applied, ...kept } = annotations ?? {};
  const metadata = {
    name,
    namespace,
    uid,
    resourceVersion,
    ownerReferences,
    labels,
    ...(annotations ? { annotations: kept } : {}),
  };
  return { apiVersion: o.apiVersion ?? head.apiVersion, kind: o.kind ?? head.kind, metadata };
}

/**
 * A fresh list against what the watch had reported, as an informer's resync does: listed objects
 * are ADDED (new) or MODIFIED (known), and known objects missing from the list are DELETED.
 */
export function planRelist(
  known: ReadonlyMap<string, RelayedObject>,
  listed: readonly RelayedObject[],
): RelayEvent[] {
  const events: RelayEvent[] = [];
  const vanished = new Map(known);
  for (const object of listed) {
    const key = keyOf(object);
    events.push({ type: vanished.has(key) ? 'MODIFIED' : 'ADDED', object });
    vanished.delete(key);
  }
  for (const object of vanished.values()) events.push({ type: 'DELETED', object });
  return events;
}
