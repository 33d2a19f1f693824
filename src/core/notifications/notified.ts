import { isRecord, parseJsonOrUndefined } from '../../domain/json.js';

/**
 * The `notified.notifications.argoproj.io` annotation: JSON `key → unix seconds` of what was sent,
 * so each notification goes out at most once per key across handlers, retries and restarts.
 *
 * Keys: `<eventId>:<trigger>:<service>:<recipient>` for a notification of one event, and
 * `once:<oncePer value>:<trigger>:<service>:<recipient>` for a condition with `oncePer`; the prefix
 * tells them apart when pruning (an event key is only needed while its event can be retried, a
 * oncePer key for as long as its value can come back).
 */
export const ONCE_PER_PREFIX = 'once:';
const EVENT_KEY_RETENTION_S = 24 * 60 * 60;
const ONCE_PER_KEY_RETENTION_S = 30 * 24 * 60 * 60;
export const MAX_NOTIFIED_KEYS = 200;

export function buildNotificationKey(
  scope: { eventId: string } | { oncePer: string },
  trigger: string,
  service: string,
  recipient: string,
): string {
  const head = 'oncePer' in scope ? `${ONCE_PER_PREFIX}${scope.oncePer}` : scope.eventId;
  return `${head}:${trigger}:${service}:${recipient}`;
}

/** The recorded keys; anything that is not a JSON map of numbers counts as nothing sent. */
export function parseNotified(annotation?: string): Record<string, number> {
  const parsed = annotation === undefined ? undefined : parseJsonOrUndefined(annotation);
  if (!isRecord(parsed)) return {};
  const out: Record<string, number> = {};
  for (const [key, at] of Object.entries(parsed)) {
    if (typeof at === 'number' && Number.isFinite(at)) out[key] = at;
  }
  return out;
}

/**
 * The annotation after sending `newKeys` at `now` (ms): expired keys pruned (event keys after 24 h,
 * oncePer keys after 30 days), and at most {@link MAX_NOTIFIED_KEYS}, newest kept.
 */
export function planNotifiedAnnotation(
  notified: Readonly<Record<string, number>>,
  newKeys: readonly string[],
  now: number,
): string {
  const nowS = Math.floor(now / 1000);
  const merged: Record<string, number> = { ...notified };
  for (const key of newKeys) merged[key] = nowS;
  const kept = Object.entries(merged)
    .filter(([key, at]) => {
      const retention = key.startsWith(ONCE_PER_PREFIX)
        ? ONCE_PER_KEY_RETENTION_S
        : EVENT_KEY_RETENTION_S;
      return nowS - at <= retention;
    })
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb))
    .slice(0, MAX_NOTIFIED_KEYS)
    .sort(([ka], [kb]) => ka.localeCompare(kb));
  return JSON.stringify(Object.fromEntries(kept));
}
