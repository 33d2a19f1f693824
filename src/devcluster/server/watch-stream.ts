import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ClusterApi } from '../api/cluster-api.js';
import type { KubeObject } from '../api/object-meta.js';
import type { ResourceDef } from '../api/resource-def.js';
import { bookmarkOf, startWatch, type WatchEvent } from '../api/watch.js';
import { planNextBookmark, shouldSendBookmark } from './bookmark-schedule.js';
import type { Representation } from './negotiate.js';
import { type IncludeObject, renderObject } from './render.js';
import type { ParsedListOptions } from './request-options.js';

const MAX_WATCH_SECONDS = 30 * 60;
/**
 * Bytes a watch may have queued unread before it is dropped. The API server likewise closes a
 * watcher that falls behind rather than buffering for it; clients re-watch from their last version.
 */
export const MAX_WATCH_BACKLOG_BYTES = 32 * 1024 * 1024;

/**
 * A chunked JSON stream of watch events, one per line, as client-go and kubectl read it.
 * Ends on timeoutSeconds, on an ERROR event (e.g. 410 Gone), when the client goes away, or when it
 * falls more than MAX_WATCH_BACKLOG_BYTES behind.
 */
export function streamWatch(
  api: ClusterApi,
  def: ResourceDef,
  ns: string | undefined,
  opts: ParsedListOptions,
  rep: Representation,
  includeObject: IncludeObject,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  // As the API server: no or a zero timeout is its default (ours MAX_WATCH_SECONDS), a negative
  // one ends the watch at once.
  const timeout = Math.min(opts.timeoutSeconds || MAX_WATCH_SECONDS, MAX_WATCH_SECONDS);
  let open = true;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let cancel: () => void = () => undefined;
  const buffered: string[] = [];
  /** Ends the stream; `drop` discards what the client has not read yet. */
  const finish = (drop = false) => {
    if (!open) return;
    open = false;
    cancel();
    clearTimeout(timer);
    clearTimeout(bookmarkTimer);
    if (drop) res.destroy();
    else res.end();
  };
  const send = (e: WatchEvent) => {
    if (!open) return;
    const object =
      e.type === 'ERROR' || e.type === 'BOOKMARK'
        ? e.object
        : renderObject(def, e.object as KubeObject, rep, api.clock.now(), includeObject);
    const line = `${JSON.stringify({ type: e.type, object })}\n`;
    if (!res.headersSent) buffered.push(line);
    else res.write(line);
    if (res.writableLength > MAX_WATCH_BACKLOG_BYTES) finish(true);
    else if (e.type === 'ERROR') setImmediate(finish);
  };
  // Validate options and collect initial events before committing to a 200 response.
  cancel = startWatch(
    api,
    def,
    ns,
    {
      ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}),
      ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
      ...(opts.resourceVersion !== undefined ? { resourceVersion: opts.resourceVersion } : {}),
      ...(opts.sendInitialEvents !== undefined
        ? { sendInitialEvents: opts.sendInitialEvents }
        : {}),
      allowWatchBookmarks: opts.allowWatchBookmarks,
    },
    send,
  );
  const startRevision = Number(opts.resourceVersion) || api.store.currentRevision;
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    'Cache-Control': 'no-cache',
  });
  res.flushHeaders();
  for (const line of buffered.splice(0)) res.write(line);
  const startedMs = Date.now();
  const deadlineMs = startedMs + Math.max(timeout, 0) * 1000;
  const timer = setTimeout(() => finish(), deadlineMs - startedMs);
  timer.unref?.();
  // Periodic bookmarks run on wall-clock time, like the watch's own deadline.
  const scheduleBookmark = (nowMs: number) => {
    const at = planNextBookmark(nowMs, deadlineMs, api.watchBookmarkIntervalMs);
    if (at === undefined || !open) return;
    bookmarkTimer = setTimeout(() => {
      const revision = api.store.currentRevision;
      if (shouldSendBookmark(startRevision, revision)) send(bookmarkOf(def, revision));
      scheduleBookmark(Date.now());
    }, at - nowMs);
    bookmarkTimer.unref?.();
  };
  if (opts.allowWatchBookmarks) scheduleBookmark(startedMs);
  req.on('close', () => finish());
  res.on('close', () => finish());
}
