import { refused } from '../shared/outcome.js';
import type { NotificationService } from '../types.js';
import { buildSlackMessage } from './build-message.js';
import { sendWithToken } from './send-bot.js';
import { sendWithWebhook } from './send-webhook.js';
import { parseSlackSettings, type SlackSettings } from './settings.js';

export { SLACK_ACTION_IDS } from './approval-blocks.js';
export type { SlackSettings } from './settings.js';

/** `service.slack[.<name>]`: a bot token (`chat.postMessage`, threads) or an incoming webhook. */
export const slackService: NotificationService<SlackSettings> = {
  type: 'slack',
  parseSettings: parseSlackSettings,
  async send(ctx, settings, delivery) {
    const message = buildSlackMessage(settings, delivery);
    if ('error' in message) return refused(message.error, settings.redact);
    const { token, webhookURL } = settings;
    if (token !== undefined) return sendWithToken(ctx, { ...settings, token }, delivery, message);
    if (webhookURL !== undefined) {
      return sendWithWebhook(ctx, { ...settings, webhookURL }, delivery, message);
    }
    return refused('neither `token` nor `webhookURL` is configured', settings.redact);
  },
};
