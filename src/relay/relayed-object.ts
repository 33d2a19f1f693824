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
 * What the relay keeps of each object it has seen, to report it DELETED if a relist no longer
 * has it: what a deletion's hint is made of (kind, name, the owners, a Service's managing
 * Rollout), not its labels or resourceVersion: a fraction of the trimmed object, which matters
 * at 10,000 Rollouts, where the relay knows at least 20,000 objects (Rollouts and ReplicaSets).
 */
export function rememberObject(o: RelayedObject): RelayedObject {
  const { name, namespace, uid, ownerReferences, annotations } = o.metadata;
  const owners = (ownerReferences as OwnerRef[] | undefined)?.map(
    ({ apiVersion, kind, name: owner, controller }) => ({
      apiVersion,
      kind,
      name: owner,
      ...(controller ? { controller } : {}),
    }),
  );
  const managedBy = annotations?.[ANNOTATIONS.managedBy];
  return {
    apiVersion: o.apiVersion,
    kind: o.kind,
    metadata: {
      name,
      namespace,
      uid,
      ...(owners?.length ? { ownerReferences: owners } : {}),
      ...(managedBy !== undefined ? { annotations: { [ANNOTATIONS.managedBy]: managedBy } } : {}),
    },
  };
}

interface OwnerRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  controller?: boolean;
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
