import type { StoreEvent } from '../store/object-store.js';
import type { ClusterApi } from './cluster-api.js';
import { selectorPredicate } from './list.js';
import type { KubeObject } from './object-meta.js';
import { apiVersionOf, type ResourceDef, storageKey } from './resource-def.js';
import { KubeStatusError } from './status-error.js';

export type WatchEvent =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'BOOKMARK'; object: KubeObject }
  | { type: 'ERROR'; object: Record<string, unknown> };

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  /** The client reads BOOKMARK events (initial-events-end here, periodic ones in the stream). */
  allowWatchBookmarks?: boolean;
  /** A single object (fieldSelector metadata.name=x is what kubectl sends; this is for in-process use). */
  name?: string;
}

/** A BOOKMARK event: only the kind, apiVersion and a resourceVersion (and annotations, if any). */
export function bookmarkOf(
  def: ResourceDef,
  revision: number,
  annotations?: Record<string, string>,
): WatchEvent {
  return {
    type: 'BOOKMARK',
    object: {
      apiVersion: apiVersionOf(def),
      kind: def.kind,
      metadata: { resourceVersion: String(revision), ...(annotations ? { annotations } : {}) },
    },
  };
}

/**
 * Starts a watch: synthetic ADDED events for the current state when no resourceVersion is given
 * (or "0", or sendInitialEvents=true), otherwise a replay of the log after that version (none with
 * sendInitialEvents=false and no version: live events only), then live events. Label/field
 * selectors see transitions: an object that stops matching is DELETED for this watcher, one that
 * starts matching is ADDED. A version older than the log answers with an
 * ERROR event carrying a 410 Status, which is what client-go's reflector expects.
 */
export function startWatch(
  api: ClusterApi,
  def: ResourceDef,
  namespace: string | undefined,
  opts: WatchOptions,
  sink: (e: WatchEvent) => void,
): () => void {
  const { matches } = selectorPredicate(def, opts); // throws 400 before anything is streamed
  const ns = def.namespaced ? namespace : undefined;
  const wanted = (o: KubeObject | undefined) =>
    !!o && (opts.name === undefined || o.metadata.name === opts.name) && matches(o);
  const deliver = (e: StoreEvent) => {
    const now = wanted(e.object);
    const before = e.type === 'MODIFIED' ? wanted(e.previous) : false;
    let type: 'ADDED' | 'MODIFIED' | 'DELETED' | undefined;
    if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
    else if (e.type === 'DELETED') type = wanted(e.previous ?? e.object) ? 'DELETED' : undefined;
    else type = now && before ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined;
    if (type) sink({ type, object: api.present(def, e.object) });
  };

  const rv = opts.resourceVersion;
  const fromNow = rv === undefined || rv === '' || rv === '0';
  const initial = opts.sendInitialEvents ?? fromNow;
  if (initial) {
    for (const obj of api.store.list(storageKey(def), ns))
      if (wanted(obj)) sink({ type: 'ADDED', object: api.present(def, obj) });
    // The 1.37 API server ends the initial events with this bookmark on a watch-list and, when
    // the client reads bookmarks, on a plain watch from "now" as well.
    if (
      opts.sendInitialEvents ||
      (opts.sendInitialEvents === undefined && opts.allowWatchBookmarks)
    )
      sink(bookmarkOf(def, api.store.currentRevision, { 'k8s.io/initial-events-end': 'true' }));
  } else if (!fromNow) {
    const from = Number(rv);
    if (!Number.isFinite(from)) {
      sink({
        type: 'ERROR',
        object: new KubeStatusError(
          400,
          'BadRequest',
          `invalid resource version: ${rv}`,
        ).toStatus(),
      });
      return () => undefined;
    }
    try {
      for (const e of api.store.eventsSince(storageKey(def), from))
        if (ns === undefined || e.object.metadata.namespace === ns) deliver(e);
    } catch (err) {
      if (err instanceof KubeStatusError) {
        sink({ type: 'ERROR', object: err.toStatus() });
        return () => undefined;
      }
      throw err;
    }
  }
  return api.store.subscribe({
    key: storageKey(def),
    ...(ns !== undefined ? { namespace: ns } : {}),
    send: deliver,
  });
}
