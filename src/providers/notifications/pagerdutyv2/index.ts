import { executeJsonPost } from '../shared/http-exchange.js';
import { noEntryFor, plainOutcome, refused } from '../shared/outcome.js';
import { parseKeyedApiSettings, type KeyedApiSettings } from '../shared/keyed-settings.js';
import type { NotificationService } from '../types.js';
import { buildPagerDutyEvent } from './build-event.js';

/** `service.pagerdutyv2`: `serviceKeys: {<recipient>: routingKey}`, `apiURL` for a proxy or a test. */
export const pagerDutyV2Service: NotificationService<KeyedApiSettings> = {
  type: 'pagerdutyv2',
  parseSettings: (raw) =>
    parseKeyedApiSettings(raw, {
      keys: 'serviceKeys',
      url: 'apiURL',
      defaultUrl: 'https://events.pagerduty.com',
    }),
  async send(ctx, settings, delivery) {
    const routingKey = settings.keys[delivery.recipient];
    if (routingKey === undefined) {
      return noEntryFor('PagerDuty service key', delivery.recipient, settings.redact);
    }
    const built = buildPagerDutyEvent(routingKey, delivery);
    if ('error' in built) return refused(built.error, settings.redact);
    // 202 is accepted; 400 (invalid event) is final; 429 and 5xx are retried (plainOutcome).
    const exchange = await executeJsonPost(ctx, `${settings.apiURL}/v2/enqueue`, built.event);
    return plainOutcome(exchange, ctx.now, settings.redact);
  },
};
