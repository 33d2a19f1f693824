import { generateKeyPairSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubClients } from '../../../../src/adapters/github/index.js';
import { startDevGitHub, type DevGitHub } from '../../../../src/devgithub/index.js';
import { githubService } from '../../../../src/providers/notifications/github/index.js';
import { aDelivery, aServiceContext, settingsOf as parsed } from '../support/delivery.js';

/** The github service against the GitHub emulator: what it recorded is what GitHub would show. */
const REPO = 'acme/deploy';
const TOKEN = 'dev-token';
const NOW = Date.UTC(2026, 11, 7, 6, 0, 0);

let gh: DevGitHub;
afterEach(() => gh?.close());

const aContext = (github?: GitHubClients) =>
  aServiceContext({ now: NOW, ...(github ? { github } : {}) });
const settingsOf = (raw: Record<string, unknown>) => parsed(githubService.parseSettings(raw));

function aGitHubDelivery(
  github: Record<string, unknown>,
  overrides: Parameters<typeof aDelivery>[0] = {},
) {
  return aDelivery({
    service: { type: 'github', name: 'github' },
    message: 'Rollout checkout is paused at step 2/4.',
    sections: { github },
    ...overrides,
  });
}

/** A repository with one commit, and the deployment a Git sync created for it. */
async function aSyncedRollout() {
  gh = await startDevGitHub();
  gh.createRepo(REPO);
  const sha = gh.commit(REPO, 'main', { files: { 'k8s/rollout.yaml': 'kind: Rollout\n' } });
  // GitOps' clients on the same clock as the sends, so rate-limit deadlines compare.
  const clients = new GitHubClients(
    { baseUrl: gh.url, auth: { kind: 'token', token: TOKEN } },
    () => NOW,
  );
  const api = await clients.forRepo({ owner: 'acme', repo: 'deploy' });
  const environment = 'local/shop/checkout';
  const id = await api.createDeployment(
    { owner: 'acme', repo: 'deploy' },
    { sha, environment, description: 'k8s/rollout.yaml', payload: {}, production: false },
  );
  const record = { repo: REPO, id, sha, environment, generation: 2 };
  const subject = {
    namespace: 'shop',
    name: 'checkout',
    uid: 'uid-1',
    revision: '2',
    githubDeployment: JSON.stringify(record),
  };
  return { sha, clients, id, environment, subject };
}

describe('github notification service', () => {
  it("posts to the commit and the deployment GitOps recorded on the Rollout, with GitOps' connection", async () => {
    const { sha, clients, id, environment, subject } = await aSyncedRollout();
    const outcome = await githubService.send(
      aContext(clients),
      settingsOf({}),
      aGitHubDelivery(
        {
          status: {
            state: 'pending',
            label: 'rollouts/checkout',
            targetURL: 'https://ui.example.com/checkout',
          },
          deployment: {
            state: 'in_progress',
            logURL: 'https://ui.example.com/checkout/log',
            environmentURL: 'https://checkout.example.com',
          },
        },
        { subject },
      ),
    );
    expect(outcome).toEqual({ ok: true });
    expect(gh.commitStatuses(REPO, sha)).toEqual([
      expect.objectContaining({
        state: 'pending',
        context: 'rollouts/checkout',
        target_url: 'https://ui.example.com/checkout',
        description: 'Rollout checkout is paused at step 2/4.',
      }),
    ]);
    expect(gh.deployments(REPO)).toHaveLength(1);
    expect(gh.deploymentStatuses(REPO, id)).toEqual([
      expect.objectContaining({
        state: 'in_progress',
        environment,
        log_url: 'https://ui.example.com/checkout/log',
        environment_url: 'https://checkout.example.com',
        description: 'Rollout checkout is paused at step 2/4.',
      }),
    ]);
  });

  it('creates a deployment for the repo and commit the template names, in its environment', async () => {
    const { sha, clients } = await aSyncedRollout();
    const github = {
      repoURLPath: 'git@github.com:acme/deploy.git',
      revisionPath: sha,
      deployment: { state: 'success', environment: 'staging', transientEnvironment: 'true' },
    };
    const outcome = await githubService.send(
      aContext(clients),
      settingsOf({}),
      aGitHubDelivery(github, { message: 'x'.repeat(150) }),
    );
    expect(outcome).toEqual({ ok: true });
    const staging = gh.deployments(REPO).filter((d) => d.environment === 'staging');
    expect(staging).toEqual([
      expect.objectContaining({
        sha,
        ref: sha,
        transient_environment: true,
        production_environment: false,
      }),
    ]);
    expect(gh.deploymentStatuses(REPO, staging[0]!.id as number)).toEqual([
      // GitHub takes 140 characters: upstream cuts the message the same way.
      expect.objectContaining({
        state: 'success',
        environment: 'staging',
        description: `${'x'.repeat(137)}...`,
      }),
    ]);
  });

  it('authenticates as the configured App, under enterpriseBaseURL', async () => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    gh = await startDevGitHub({
      app: {
        id: 4242,
        publicKeyPem: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        installationId: 77,
      },
    });
    gh.createRepo(REPO);
    const sha = gh.commit(REPO, 'main', { files: { a: '1' } });
    const settings = settingsOf({
      appID: 4242,
      installationID: '77',
      privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      enterpriseBaseURL: gh.url,
    });
    const outcome = await githubService.send(
      aContext(),
      settings,
      aGitHubDelivery({
        repoURLPath: `https://github.com/${REPO}`,
        revisionPath: sha,
        status: { state: 'success', label: 'rollouts' },
      }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(gh.commitStatuses(REPO, sha)).toEqual([
      expect.objectContaining({
        state: 'success',
        context: 'rollouts',
        creator: expect.objectContaining({ login: 'devgithub-app[bot]' }),
      }),
    ]);
    // go-github's reading of an Enterprise URL: the REST API under /api/v3.
    expect(settings).toMatchObject({ kind: 'app', connection: { baseUrl: `${gh.url}/api/v3` } });
  });

  it.each([
    {
      name: 'an unknown state',
      section: { status: { state: 'done' } },
      reason: /status\.state must be one of pending/,
    },
    {
      name: 'no repository',
      section: { status: { state: 'success' } },
      reason: /no repository: set github\.repoURLPath/,
      bare: true,
    },
    {
      name: 'a pull request comment',
      section: { pullRequestComment: { content: 'hi' } },
      reason: /pullRequestComment is not supported/,
    },
  ])('refuses $name for good and posts nothing', async ({ section, reason, bare }) => {
    const { sha, clients, subject } = await aSyncedRollout();
    const outcome = await githubService.send(
      aContext(clients),
      settingsOf({}),
      aGitHubDelivery(section, bare ? {} : { subject }),
    );
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.ok ? '' : outcome.reason).toMatch(reason);
    expect(gh.commitStatuses(REPO, sha)).toEqual([]);
  });

  it('answers a GitHub outage as retryable and a rate limit with when to come back', async () => {
    const { sha, clients, subject } = await aSyncedRollout();
    const send = () =>
      githubService.send(
        aContext(clients),
        settingsOf({}),
        aGitHubDelivery({ status: { state: 'failure' } }, { subject }),
      );
    gh.failNext({ method: 'POST', path: /\/statuses\//, status: 502 });
    expect(await send()).toMatchObject({
      ok: false,
      retryable: true,
      reason: expect.stringMatching(/502/),
    });
    gh.failNext({
      method: 'POST',
      path: /\/statuses\//,
      status: 429,
      headers: { 'retry-after': '30' },
    });
    expect(await send()).toMatchObject({ ok: false, retryable: true, retryAfterMs: 30_000 });
    expect(gh.commitStatuses(REPO, sha)).toEqual([]);
    expect(await send()).toEqual({ ok: true });
    expect(gh.commitStatuses(REPO, sha)).toEqual([
      expect.objectContaining({ state: 'failure', context: 'default' }),
    ]);
  });

  it('needs a connection: GitOps without GitHub and no App configured', async () => {
    const outcome = await githubService.send(
      aContext(),
      settingsOf({}),
      aGitHubDelivery({ repoURLPath: 'a/b', revisionPath: 'c', status: { state: 'success' } }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringMatching(/no GitHub connection/),
    });
  });

  it('lists every settings problem without quoting the key', () => {
    expect(githubService.parseSettings({ appID: 'x', privateKey: 'not-a-pem-secret' })).toEqual({
      problems: [
        'appID must be a positive whole number',
        'appID is required with privateKey or installationID',
        'privateKey must be a PEM private key',
      ],
    });
  });
});
