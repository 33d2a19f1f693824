import { githubService } from './github/index.js';
import { emailService } from './email/index.js';
import { googleChatService } from './googlechat/index.js';
import { opsgenieService } from './opsgenie/index.js';
import { pagerDutyV2Service } from './pagerdutyv2/index.js';
import { slackService } from './slack/index.js';
import { teamsService, teamsWorkflowsService } from './teams/index.js';
import type { NotificationService } from './types.js';
import { webhookService } from './webhook/index.js';

export type { NotificationService, ServiceContext } from './types.js';
export { SLACK_ACTION_IDS } from './slack/index.js';

/** Every notification service by its `service.<type>` name. */
const SERVICES: readonly NotificationService[] = [
  slackService,
  webhookService,
  teamsService,
  teamsWorkflowsService,
  googleChatService,
  pagerDutyV2Service,
  opsgenieService,
  emailService,
  githubService,
];

export function notificationServices(): ReadonlyMap<string, NotificationService> {
  return new Map(SERVICES.map((s) => [s.type, s]));
}
