import { executeJsonPost } from '../shared/http-exchange.js';
import { networkOutcome, noEntryFor, refused, SENT, statusOutcome } from '../shared/outcome.js';
import { parseRecipientUrls, type RecipientUrlSettings } from '../shared/recipient-urls.js';
import type { NotificationService } from '../types.js';
import { buildGoogleChatMessage, buildThreadedUrl } from './build-message.js';

/** Google's error envelope: `{error: {code, message, status}}`. */
function errorOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { status?: unknown; message?: unknown } };
    const { status, message } = parsed.error ?? {};
    if (typeof message === 'string')
      return typeof status === 'string' ? `${status}: ${message}` : message;
  } catch {
    // Not JSON (a proxy's page): the status alone says enough.
  }
  return '';
}

/** `service.googlechat`: incoming webhooks of Chat spaces, `webhooks: {<space>: url}`. */
export const googleChatService: NotificationService<RecipientUrlSettings> = {
  type: 'googlechat',
  parseSettings: (raw) => parseRecipientUrls(raw, 'webhooks'),
  async send(ctx, settings, delivery) {
    const url = settings.urls[delivery.recipient];
    if (url === undefined)
      return noEntryFor('Google Chat webhook', delivery.recipient, settings.redact);
    const message = buildGoogleChatMessage(delivery);
    if ('error' in message) return refused(message.error, settings.redact);
    const exchange = await executeJsonPost(
      ctx,
      buildThreadedUrl(url, message.threadKey),
      message.body,
    );
    if ('networkError' in exchange) return networkOutcome(exchange.networkError, settings.redact);
    const { reply } = exchange;
    if (reply.status >= 200 && reply.status < 300) return SENT;
    return statusOutcome(reply, errorOf(reply.body), ctx.now, settings.redact);
  },
};
