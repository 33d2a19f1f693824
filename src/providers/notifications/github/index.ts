import type { NotificationService } from '../types.js';
import { planGitHubNotification } from './plan-github.js';
import { clientsFor, sendGitHub } from './send-github.js';
import { type GitHubSettings, parseGitHubSettings } from './settings.js';

export type { GitHubSettings } from './settings.js';

/**
 * `service.github`: commit statuses and deployment statuses through the GitHub client GitOps uses,
 * authenticated as the configured App, or with GitOps' own connection when no App is configured.
 */
export const githubService: NotificationService<GitHubSettings> = {
  type: 'github',
  parseSettings: parseGitHubSettings,
  async send(ctx, settings, delivery) {
    const planned = planGitHubNotification(delivery);
    if ('problem' in planned)
      return { ok: false, retryable: false, reason: `github: ${planned.problem}` };
    const clients = clientsFor(ctx, settings);
    if (!clients)
      return {
        ok: false,
        retryable: false,
        reason:
          'github: no GitHub connection: set appID, installationID and privateKey, or configure GitOps with GitHub',
      };
    return sendGitHub(clients, planned.plan, ctx.now);
  },
};
