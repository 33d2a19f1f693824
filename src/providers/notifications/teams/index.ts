import { executeJsonPost } from '../shared/http-exchange.js';
import {
  excerpt,
  networkOutcome,
  noEntryFor,
  refused,
  SENT,
  statusOutcome,
} from '../shared/outcome.js';
import type { NotificationService } from '../types.js';
import { buildTeamsBody } from './build-card.js';
import { parseRecipientUrls, type RecipientUrlSettings } from '../shared/recipient-urls.js';

/**
 * `service.teams`: Office 365 connectors, `recipientUrls: {<recipient>: url}`. A connector answers
 * 200 with the body `1` when it took the card; anything else is a refusal whose body says why.
 * Throttling used to come back as 200 with a body quoting HTTP 429: retried like a 429.
 */
export const teamsService: NotificationService<RecipientUrlSettings> = {
  type: 'teams',
  parseSettings: (raw) => parseRecipientUrls(raw, 'recipientUrls'),
  async send(ctx, settings, delivery) {
    const url = settings.urls[delivery.recipient];
    if (url === undefined) return noEntryFor('Teams webhook', delivery.recipient, settings.redact);
    const built = buildTeamsBody(delivery);
    if ('error' in built) return refused(built.error, settings.redact);
    const exchange = await executeJsonPost(ctx, url, built.body);
    if ('networkError' in exchange) return networkOutcome(exchange.networkError, settings.redact);
    const { reply } = exchange;
    if (reply.status === 200 && reply.body.trim() === '1') return SENT;
    if (reply.status !== 200)
      return statusOutcome(reply, excerpt(reply.body), ctx.now, settings.redact);
    const reason = settings.redact(
      `Teams refused the card: ${excerpt(reply.body) || '(empty answer)'}`,
    );
    return { ok: false, retryable: /\b429\b/.test(reply.body), reason };
  },
};

export { teamsWorkflowsService } from './workflows.js';
