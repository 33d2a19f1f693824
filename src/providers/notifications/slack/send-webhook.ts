import type { Delivery, SendOutcome } from '../../../domain/notification.js';
import { executeJsonPost } from '../shared/http-exchange.js';
import { noEntryFor, plainOutcome } from '../shared/outcome.js';
import type { ServiceContext } from '../types.js';
import type { SlackMessage } from './build-message.js';
import type { SlackSettings } from './settings.js';

/** The incoming webhook for a recipient: the one URL, or the recipient's entry of the map. */
export function webhookUrlFor(
  webhookURL: string | Record<string, string>,
  recipient: string,
): string | undefined {
  return typeof webhookURL === 'string' ? webhookURL : webhookURL[recipient];
}

/**
 * Sends through an incoming webhook (our addition; upstream needs a bot). The webhook posts to its
 * own channel and answers `ok` as text, never a `ts`: grouping keys and delivery policies cannot
 * thread here, so every message is a new post. Refusals are HTTP statuses with a code as the body
 * (`invalid_payload`, `channel_not_found`, `channel_is_archived`, `no_service`…).
 */
export async function sendWithWebhook(
  ctx: ServiceContext,
  settings: SlackSettings & { webhookURL: string | Record<string, string> },
  delivery: Delivery,
  message: SlackMessage,
): Promise<SendOutcome> {
  const url = webhookUrlFor(settings.webhookURL, delivery.recipient);
  if (url === undefined) return noEntryFor('Slack webhookURL', delivery.recipient, settings.redact);
  const exchange = await executeJsonPost(ctx, url, { ...message.content, ...message.postOptions });
  return plainOutcome(exchange, ctx.now, settings.redact);
}
