/**
 * When a watch with allowWatchBookmarks gets its next periodic BOOKMARK, as a 1.37 API server's
 * watch cache schedules them (probed: test/conformance/watch-bookmarks.test.ts): every
 * `intervalMs` (a minute there), and about 2 s before the watch's timeoutSeconds deadline when
 * that comes first. Undefined: no bookmark left before the deadline.
 */
export function planNextBookmark(
  nowMs: number,
  deadlineMs: number,
  intervalMs: number,
): number | undefined {
  const beforeDeadline = deadlineMs - PRE_DEADLINE_MS;
  const next = Math.min(nowMs + intervalMs, beforeDeadline);
  return next > nowMs ? next : undefined;
}

export const PRE_DEADLINE_MS = 2_000;

/**
 * A bookmark is worth sending only when the cluster moved past the version the watch started
 * from (the real cache sends none on a quiet resource); it then carries the newest version.
 */
export function shouldSendBookmark(startRevision: number, currentRevision: number): boolean {
  return currentRevision > startRevision;
}
