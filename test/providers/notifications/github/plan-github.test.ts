import { describe, expect, it } from 'vitest';
import { buildDelivery } from '../../../../src/core/notifications/render-notification.js';
import { OWN } from '../../../../src/domain/keys.js';
import {
  parseRepoUrl,
  planGitHubNotification,
} from '../../../../src/providers/notifications/github/plan-github.js';
import { aRollout } from '../../../support/builders/rollout.js';
import { enterpriseApiUrl } from '../../../../src/providers/notifications/github/settings.js';

describe('github repository and API URLs', () => {
  it.each([
    ['https://github.com/acme/deploy', 'acme/deploy'],
    ['https://github.com/acme/deploy.git', 'acme/deploy'],
    ['git@github.com:acme/deploy.git', 'acme/deploy'],
    ['ssh://git@ghe.example.com/acme/deploy.git', 'acme/deploy'],
    ['https://ghe.example.com/acme/deploy/tree/main/k8s', 'acme/deploy'],
    ['acme/deploy', 'acme/deploy'],
  ])('reads %s as %s', (url, fullName) => {
    const r = parseRepoUrl(url);
    expect(r && `${r.owner}/${r.repo}`).toBe(fullName);
  });

  it.each(['https://github.com/acme', 'deploy', ''])('finds no repository in "%s"', (url) => {
    expect(parseRepoUrl(url)).toBeUndefined();
  });

  it.each([
    ['https://ghe.example.com', 'https://ghe.example.com/api/v3'],
    ['https://ghe.example.com/api/v3/', 'https://ghe.example.com/api/v3'],
    ['https://api.github.com', 'https://api.github.com'],
  ])('serves enterpriseBaseURL %s from %s', (base, api) => {
    expect(enterpriseApiUrl(base)).toBe(api);
  });
});

describe('github defaults for a Rollout GitOps synced', () => {
  const record = {
    repo: 'acme/deploy',
    id: 7,
    sha: 'abc123',
    environment: 'local/shop/checkout',
    generation: 3,
  };
  const rollout = aRollout({
    name: 'checkout',
    namespace: 'shop',
    metadata: { annotations: { [OWN.githubDeployment]: JSON.stringify(record) } },
  });
  const deliver = (github: Record<string, unknown>) =>
    buildDelivery({
      planned: {
        key: 'k',
        trigger: 'on-rollout-paused',
        template: 'rollout-paused',
        service: { type: 'github', name: 'github' },
        recipient: '',
        at: 0,
      },
      rollout,
      message: { message: 'paused', sections: { github } },
      actions: [],
    });

  it('posts to the synced repository, commit and environment when the template names none', () => {
    expect(
      planGitHubNotification(
        deliver({ status: { state: 'pending' }, deployment: { state: 'in_progress' } }),
      ),
    ).toMatchObject({
      plan: {
        repo: { owner: 'acme', repo: 'deploy' },
        revision: 'abc123',
        status: { state: 'pending', context: 'default', description: 'paused' },
        deployment: {
          ref: 'abc123',
          status: { state: 'in_progress', environment: 'local/shop/checkout' },
        },
      },
    });
  });

  it("keeps GitHub's default environment for another commit than the synced one", () => {
    expect(
      planGitHubNotification(deliver({ revisionPath: 'def456', deployment: { state: 'success' } })),
    ).toMatchObject({
      plan: { revision: 'def456', deployment: { status: { environment: 'production' } } },
    });
  });
});
