import type { NotificationService } from '../types.js';
import { executeRequest } from '../shared/http-exchange.js';
import { plainOutcome } from '../shared/outcome.js';
import { buildWebhookRequest } from './build-request.js';
import { parseWebhookSettings, type WebhookSettings } from './settings.js';

/** `service.webhook.<name>`: any HTTP endpoint; every 2xx is success, 5xx/429/network retried. */
export const webhookService: NotificationService<WebhookSettings> = {
  type: 'webhook',
  parseSettings: parseWebhookSettings,
  async send(ctx, settings, delivery) {
    const exchange = await executeRequest(ctx, buildWebhookRequest(settings, delivery));
    return plainOutcome(exchange, ctx.now, settings.redact);
  },
};
