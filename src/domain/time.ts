/**
 * Kubernetes timestamps (`metav1.Time`) are RFC 3339 in UTC with whole seconds, as Go's
 * `time.RFC3339` prints them: `2026-01-01T00:00:05Z`. Time is passed in (ms since the epoch),
 * never read here.
 */
export function isoTime(ms: number): string {
  return wholeSeconds(Math.floor(ms / 1000));
}

/** As {@link isoTime}, rounded up to the next whole second: a deadline written so never fires early. */
export function isoTimeCeil(ms: number): string {
  return wholeSeconds(Math.ceil(ms / 1000));
}

function wholeSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}
