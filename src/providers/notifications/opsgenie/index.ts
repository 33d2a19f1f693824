import { executeJsonPost } from '../shared/http-exchange.js';
import { parseKeyedApiSettings, type KeyedApiSettings } from '../shared/keyed-settings.js';
import { noEntryFor, plainOutcome, refused } from '../shared/outcome.js';
import type { NotificationService } from '../types.js';
import { buildOpsgenieAlert } from './build-alert.js';

/** `service.opsgenie`: `apiUrl` (a host, as upstream, or a URL), `apiKeys: {<team>: key}`. */
export const opsgenieService: NotificationService<KeyedApiSettings> = {
  type: 'opsgenie',
  parseSettings: (raw) =>
    parseKeyedApiSettings(raw, {
      keys: 'apiKeys',
      url: 'apiUrl',
      defaultUrl: 'https://api.opsgenie.com',
    }),
  async send(ctx, settings, delivery) {
    const apiKey = settings.keys[delivery.recipient];
    if (apiKey === undefined)
      return noEntryFor('Opsgenie API key', delivery.recipient, settings.redact);
    const built = buildOpsgenieAlert(delivery);
    if ('error' in built) return refused(built.error, settings.redact);
    // 202 is accepted (the alert is created asynchronously); 401/403/422 are final.
    const exchange = await executeJsonPost(ctx, `${settings.apiURL}/v2/alerts`, built.alert, {
      Authorization: `GenieKey ${apiKey}`,
    });
    return plainOutcome(exchange, ctx.now, settings.redact);
  },
};
