import { KubeApiError, type KubeClient, type WatchEventType } from '../adapters/kube/index.js';
import {
  keyOf,
  planRelist,
  type RelayedObject,
  type RelayEvent,
  rememberObject,
  trimObject,
} from './relayed-object.js';
import type { RelayStats } from './relay-stats.js';

export interface WatchLoopOptions {
  kube: KubeClient;
  /** A collection path, cluster-wide or in one namespace. */
  path: string;
  /** Server-side watch timeout; the loop reconnects from the last resourceVersion. */
  timeoutSeconds: number;
  emit: (e: RelayEvent) => void;
  /** The wait after `failures` failures in a row. */
  backoff: (failures: number) => number;
  log: (line: string) => void;
  signal: AbortSignal;
  stats: RelayStats;
}

/** A watch that ended sooner than this without expiring counts as a failure (no busy loop). */
const SHORT_WATCH_MS = 1000;

/**
 * List, then watch from the list's resourceVersion, until stopped: a 410 lists again (reporting
 * objects that vanished meanwhile as DELETED: `planRelist`); errors reconnect with backoff.
 * The backoff counts failures in a row: a watch that was up for a while and then broke starts
 * again from the shortest wait, so a long-lived relay under sporadic faults re-watches promptly
 * (changes made meanwhile arrive anyway: the watch resumes from the last resourceVersion).
 */
export async function runWatchLoop(opts: WatchLoopOptions): Promise<void> {
  const { kube, path, signal, stats, log } = opts;
  const known = new Map<string, RelayedObject>();
  let head: { kind?: string; apiVersion?: string } = {};
  let rv: string | undefined;
  let failures = 0;
  /** A wait the server asked for (a refused watch's `Retry-After`), honoured over the backoff. */
  let asked = 0;
  const see = (type: WatchEventType, raw: RelayedObject) => {
    const object = trimObject(raw, head);
    const key = keyOf(object);
    if (type === 'DELETED') known.delete(key);
    else known.set(key, rememberObject(object));
    stats.eventsSeen++;
    opts.emit({ type, object });
  };
  while (!signal.aborted) {
    const started = Date.now();
    try {
      if (rv === undefined) {
        const list = await kube.list<RelayedObject>(path, { limit: 500 });
        head = {
          ...(list.kind ? { kind: list.kind.replace(/List$/, '') } : {}),
          ...(list.apiVersion ? { apiVersion: list.apiVersion } : {}),
        };
        for (const e of planRelist(known, list.items)) see(e.type, e.object);
        rv = list.resourceVersion;
      }
      const result = await kube.watch<RelayedObject>(
        path,
        { resourceVersion: rv, timeoutSeconds: opts.timeoutSeconds },
        (e) => {
          see(e.type, e.object);
          rv = e.object.metadata.resourceVersion ?? rv;
        },
        signal,
      );
      if (result.expired) {
        stats.relists++;
        log(`relay: ${path}: resourceVersion ${rv} expired; listing again`);
      }
      rv = result.expired ? undefined : result.resourceVersion || rv;
      // A server that keeps closing watches at once must not turn this into a busy loop.
      failures = Date.now() - started < SHORT_WATCH_MS && !result.expired ? failures + 1 : 0;
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof KubeApiError && e.isGone) rv = undefined;
      asked = e instanceof KubeApiError ? (e.retryAfterMs ?? 0) : 0;
      stats.watchErrors++;
      log(`relay: ${path}: ${e instanceof Error ? e.message : String(e)}`);
      failures = Date.now() - started >= SHORT_WATCH_MS ? 1 : failures + 1;
    }
    if (failures > 0) await sleep(Math.max(opts.backoff(failures), asked), signal);
    asked = 0;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
