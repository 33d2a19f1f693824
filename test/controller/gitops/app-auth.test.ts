import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/adapters/github/index.js';
import { type GitOpsWorld, REPO, rolloutYaml, startGitOpsWorld } from './gitops-world.js';

const APP_ID = 4242;
const INSTALLATION = 77;
const BOT = 'devgithub-app[bot]';
const SYNC_CTX = 'gitops/dev/shop';
const ROLLOUT_CTX = 'rollout/dev/default/shop';

const pem = (
  key: { export(o: { type: 'pkcs8' | 'pkcs1' | 'spki'; format: 'pem' }): string | Buffer },
  type: 'pkcs8' | 'pkcs1' | 'spki',
) => key.export({ type, format: 'pem' }).toString();

describe('GitHub App authentication, end to end against devgithub', () => {
  let app: { publicKey: string; privateKey: string; pkcs1: string };
  let stranger: string;
  let g: GitOpsWorld;
  beforeAll(() => {
    const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    app = {
      publicKey: pem(keys.publicKey, 'spki'),
      privateKey: pem(keys.privateKey, 'pkcs8'),
      pkcs1: pem(keys.privateKey, 'pkcs1'),
    };
    stranger = pem(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'pkcs8');
  });
  afterEach(() => g.close());

  const start = (privateKey: string, installationId?: number) =>
    startGitOpsWorld(undefined, {
      github: { app: { id: APP_ID, publicKeyPem: app.publicKey, installationId: INSTALLATION } },
      auth: {
        kind: 'app',
        appId: String(APP_ID),
        privateKey,
        ...(installationId !== undefined ? { installationId } : {}),
      },
    });

  const syncError = async (): Promise<unknown> => {
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
    });
    return g.drain().then(
      () => undefined,
      (e: unknown) => e,
    );
  };

  it.each([
    ['a PKCS#8 key', () => app.privateKey],
    ['a PKCS#1 key (Node converts it)', () => app.pkcs1],
  ])(
    '%s: the installation is looked up, a push syncs, and everything is written as the App',
    async (_what, key) => {
      g = await start(key());
      const { sha } = await g.gh.push(REPO, 'main', {
        files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
      });
      expect(await g.drain()).toMatchObject([{ outcome: 'synced', sha, updated: ['shop'] }]);
      await g.settle();
      await g.advance(3000);
      expect((await g.rollout()).status?.phase).toBe('Healthy');
      expect(g.latestDeployment()).toMatchObject({ sha, state: 'success' });
      const statuses = g.gh.commitStatuses(REPO, sha) as Array<{
        context: string;
        state: string;
        creator: { login: string };
      }>;
      expect(statuses.find((s) => s.context === SYNC_CTX)).toMatchObject({
        state: 'success',
        creator: { login: BOT },
      });
      expect(statuses.find((s) => s.context === ROLLOUT_CTX)).toMatchObject({
        state: 'success',
        creator: { login: BOT },
      });
      expect((g.gh.deployments(REPO)[0] as { creator: { login: string } }).creator.login).toBe(BOT);
      // The JWT only looks the installation up and mints tokens; the work is done with the installation token.
      const paths = g.gh.requests.map(
        (r) => `${r.method} ${r.path} ${r.token?.startsWith('ghs_') ? 'installation' : 'app'}`,
      );
      expect(paths).toContain('GET /repos/acme/deploy/installation app');
      expect(paths).toContain(`POST /app/installations/${INSTALLATION}/access_tokens app`);
      expect(paths.filter((p) => p.startsWith('POST /app/installations')).length).toBe(1);
      expect(
        paths
          .filter((p) => !/installation(s\/\d+\/access_tokens)? app$/.test(p))
          .every((p) => p.endsWith(' installation')),
      ).toBe(true);
    },
  );

  it('a comment command runs through the installation the webhook names, and the App answers', async () => {
    g = await start(app.privateKey);
    const { sha } = await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
    });
    await g.drain();
    await g.settle();
    await g.advance(3000);
    await g.gh.comment(REPO, { commit: sha }, { user: 'alice', body: '/rollouts abort shop' });
    await waitFor(() => g.gh.commitComments(REPO, sha).length === 2);
    const reply = g.gh.commitComments(REPO, sha)[1] as { body: string; user: { login: string } };
    expect(reply.user.login).toBe(BOT);
    expect(reply.body).toContain('abort');
  });

  it('a configured installation id skips the lookup', async () => {
    g = await start(app.privateKey, INSTALLATION);
    await g.gh.push(REPO, 'main', {
      files: { 'k8s/rollout.yaml': rolloutYaml('registry.example/shop:v1') },
    });
    expect(await g.drain()).toMatchObject([{ outcome: 'synced' }]);
    expect(g.gh.requests.some((r) => r.path === '/repos/acme/deploy/installation')).toBe(false);
  });

  it('another key pair is refused with a clear, final error, and nothing is applied', async () => {
    g = await start(stranger);
    const e = await syncError();
    expect(e).toBeInstanceOf(GitHubError);
    const err = e as GitHubError;
    expect(err.status).toBe(401);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('A JSON web token could not be decoded');
    expect(err.message).toMatch(/GITHUB_APP_ID|GITHUB_APP_PRIVATE_KEY/);
    expect(
      await g.w.kube.find('/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/shop'),
    ).toBeUndefined();
  });

  it('a key that cannot sign is refused as a configuration problem, not retried as an outage', async () => {
    g = await start('-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----');
    const e = await syncError();
    expect(e).toBeInstanceOf(GitHubError);
    const err = e as GitHubError;
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('GITHUB_APP_PRIVATE_KEY');
    expect(err.message).not.toContain('no answer');
  });

  it('an installation id of another App is refused, naming the installation', async () => {
    g = await start(app.privateKey, 999);
    const e = await syncError();
    expect(e).toBeInstanceOf(GitHubError);
    expect((e as GitHubError).retryable).toBe(false);
    expect((e as GitHubError).message).toContain('999');
  });
});

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
