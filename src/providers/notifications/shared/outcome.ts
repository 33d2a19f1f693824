import type { SendOutcome } from '../../../domain/notification.js';
import type { Redact } from '../../../domain/redaction.js';
import type { Exchange, ServiceReply } from './http-exchange.js';

/** How much of an answer's body a reason quotes. */
const REASON_BODY_CHARS = 300;

export const SENT: SendOutcome = { ok: true };

/** A send that did not go through. */
export type Refusal = Extract<SendOutcome, { ok: false }>;

/** A refusal no retry can change: bad settings, a broken template, an unknown recipient. */
export function refused(reason: string, redact: Redact): Refusal {
  return { ok: false, retryable: false, reason: redact(reason) };
}

/**
 * `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable, so the caller's own backoff applies.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** True for the statuses worth trying again: rate limits, timeouts and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** The first part of a body, on one line, for a reason. */
export function excerpt(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > REASON_BODY_CHARS ? `${line.slice(0, REASON_BODY_CHARS)}…` : line;
}

/** A failed answer as an outcome: retryable per `isRetryableStatus`, `Retry-After` kept. */
export function statusOutcome(
  reply: ServiceReply,
  detail: string,
  now: number,
  redact: Redact,
): Refusal {
  const reason = redact(`HTTP ${reply.status}${detail === '' ? '' : `: ${detail}`}`);
  if (!isRetryableStatus(reply.status)) return { ok: false, retryable: false, reason };
  const retryAfterMs = parseRetryAfter(reply.headers.get('retry-after'), now);
  return retryAfterMs === undefined
    ? { ok: false, retryable: true, reason }
    : { ok: false, retryable: true, reason, retryAfterMs };
}

/**
 * The outcome of an exchange for services whose API says "accepted" with a 2xx status alone
 * (webhook, PagerDuty, Opsgenie, Google Chat): anything else quotes the body.
 */
export function plainOutcome(exchange: Exchange, now: number, redact: Redact): SendOutcome {
  if ('networkError' in exchange) return networkOutcome(exchange.networkError, redact);
  const { reply } = exchange;
  if (reply.status >= 200 && reply.status < 300) return SENT;
  return statusOutcome(reply, excerpt(reply.body), now, redact);
}

export function networkOutcome(message: string, redact: Redact): Refusal {
  return { ok: false, retryable: true, reason: redact(`network error: ${message}`) };
}

/** The refusal for a recipient the service's settings do not name (a webhook, a key). */
export function noEntryFor(what: string, recipient: string, redact: Redact): Refusal {
  return refused(`no ${what} is configured for recipient ${recipient}`, redact);
}
