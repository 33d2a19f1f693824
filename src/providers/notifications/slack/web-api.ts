import { executeJsonPost } from '../shared/http-exchange.js';
import { excerpt, networkOutcome, type Refusal, statusOutcome } from '../shared/outcome.js';
import { joinUrl } from '../shared/settings-reader.js';
import type { ServiceContext } from '../types.js';
import type { SlackSettings } from './settings.js';

/**
 * Slack `error` codes worth retrying: Slack's own trouble. Everything else (`channel_not_found`,
 * `invalid_auth`, `not_in_channel`, `is_archived`, `invalid_blocks`, `msg_too_long`…) needs a person.
 */
const RETRYABLE_ERRORS = new Set([
  'ratelimited',
  'rate_limited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** What chat.postMessage and chat.update answer on success (the channel as an id). */
export interface SlackPosted {
  ts: string;
  channel: string;
}

export type SlackCall = { posted: SlackPosted } | { failed: Refusal };

/**
 * One Web API call (`chat.postMessage`, `chat.update`) with the bot token. Slack answers HTTP 200
 * with `{ok: false, error}` for most refusals, and HTTP 429 with `Retry-After` when rate limited.
 */
export async function executeSlackCall(
  ctx: ServiceContext,
  settings: SlackSettings & { token: string },
  method: 'chat.postMessage' | 'chat.update',
  payload: Record<string, unknown>,
): Promise<SlackCall> {
  const exchange = await executeJsonPost(ctx, joinUrl(settings.apiURL, method), payload, {
    Authorization: `Bearer ${settings.token}`,
  });
  const { redact } = settings;
  if ('networkError' in exchange) return { failed: networkOutcome(exchange.networkError, redact) };
  const { reply } = exchange;
  if (reply.status < 200 || reply.status > 299) {
    return { failed: statusOutcome(reply, `${method}: ${excerpt(reply.body)}`, ctx.now, redact) };
  }
  const answer = parseAnswer(reply.body);
  if (answer.ok === true && typeof answer.ts === 'string' && typeof answer.channel === 'string') {
    return { posted: { ts: answer.ts, channel: answer.channel } };
  }
  const error = typeof answer.error === 'string' ? answer.error : 'unexpected answer';
  const reason = redact(`${method}: ${error}${detailOf(answer)}`);
  return { failed: { ok: false, retryable: RETRYABLE_ERRORS.has(error), reason } };
}

function parseAnswer(body: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return { error: `unexpected answer: ${excerpt(body)}` };
  }
}

/** Slack explains `invalid_blocks` and friends in `response_metadata.messages`. */
function detailOf(answer: Record<string, unknown>): string {
  const meta = answer['response_metadata'] as { messages?: unknown } | undefined;
  const messages = Array.isArray(meta?.messages)
    ? meta.messages.filter((m) => typeof m === 'string')
    : [];
  return messages.length === 0 ? '' : ` (${excerpt(messages.join('; '))})`;
}
