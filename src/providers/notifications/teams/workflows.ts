import { executeJsonPost } from '../shared/http-exchange.js';
import { noEntryFor, plainOutcome, refused } from '../shared/outcome.js';
import { parseRecipientUrls, type RecipientUrlSettings } from '../shared/recipient-urls.js';
import type { NotificationService } from '../types.js';
import { buildWorkflowsBody, WORKFLOWS } from './adaptive-card.js';

/** The hosts and paths of Power Automate webhooks, as upstream recognises them. */
const WORKFLOWS_URL =
  /(api\.(powerautomate|powerplatform)\.com|flow\.microsoft\.com|webhook\.office\.com\/workflows|\/powerautomate\/)/i;

function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname.startsWith('127.');
}

/** Power Automate URLs only, over https (http on loopback, for a local stand-in). */
function parseWorkflowsSettings(
  raw: Record<string, unknown>,
): { settings: RecipientUrlSettings } | { problems: string[] } {
  const parsed = parseRecipientUrls(raw, 'recipientUrls');
  if ('problems' in parsed) return parsed;
  const problems = Object.entries(parsed.settings.urls).flatMap(([name, value]) => {
    const url = new URL(value);
    if (url.protocol !== 'https:' && !isLoopback(url))
      return [`\`recipientUrls.${name}\` must use https`];
    if (!WORKFLOWS_URL.test(value))
      return [`\`recipientUrls.${name}\` is not a Teams Workflows (Power Automate) URL`];
    return [];
  });
  return problems.length === 0 ? parsed : { problems };
}

/**
 * `service.teams-workflows`: Teams channels through Power Automate, the replacement of Office 365
 * connectors. Every 2xx is success (Power Automate answers 202); 5xx, 429 and network are retried.
 */
export const teamsWorkflowsService: NotificationService<RecipientUrlSettings> = {
  type: WORKFLOWS,
  parseSettings: parseWorkflowsSettings,
  async send(ctx, settings, delivery) {
    const url = settings.urls[delivery.recipient];
    if (url === undefined)
      return noEntryFor('Teams Workflows URL', delivery.recipient, settings.redact);
    const built = buildWorkflowsBody(delivery);
    if ('error' in built) return refused(built.error, settings.redact);
    return plainOutcome(await executeJsonPost(ctx, url, built.body), ctx.now, settings.redact);
  },
};
