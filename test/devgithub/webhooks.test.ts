import { createHmac, generateKeyPairSync } from 'node:crypto';
import { verify } from '@octokit/webhooks-methods';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, startHookReceiver, startWorld, type World } from './support.js';

const ZERO = '0'.repeat(40);
const SECRET = 'hook-secret';

describe('devgithub webhooks', () => {
  let w: World;
  let hook: Awaited<ReturnType<typeof startHookReceiver>>;
  afterEach(async () => {
    await w.close();
    await hook.close();
  });

  const setUp = async (
    events: string[] = ['push'],
    answer: Parameters<typeof startHookReceiver>[0] = {},
    opts: Parameters<typeof startWorld>[0] = {},
  ) => {
    w = await startWorld(opts);
    hook = await startHookReceiver(answer);
    return w.gh.addHook(REPO, { url: hook.url, secret: SECRET, events });
  };

  it('delivers a signed push with GitHub headers, and the hook verifies the raw body', async () => {
    const hookId = await setUp();
    const { sha, deliveries } = await w.gh.push(REPO, 'main', {
      files: { 'k8s/app.yaml': 'kind: Rollout\n' },
      message: 'Deploy shop',
      author: 'alice',
    });
    expect(deliveries).toMatchObject([{ event: 'push', status: 202, body: 'accepted' }]);
    const [got] = hook.received;
    expect(got?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': deliveries[0]?.id,
      'x-github-hook-id': String(hookId),
      'x-github-hook-installation-target-type': 'repository',
    });
    expect(got?.headers['x-github-delivery']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(got?.headers['user-agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]+$/);
    const raw = got?.raw.toString('utf8') ?? '';
    expect(got?.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}`,
    );
    expect(got?.headers['x-hub-signature']).toBe(
      `sha1=${createHmac('sha1', SECRET).update(raw).digest('hex')}`,
    );
    expect(await verify(SECRET, raw, String(got?.headers['x-hub-signature-256']))).toBe(true);
    expect(await verify('wrong', raw, String(got?.headers['x-hub-signature-256']))).toBe(false);
    expect(got?.payload).toMatchObject({
      ref: 'refs/heads/main',
      before: ZERO,
      after: sha,
      created: true,
      deleted: false,
      forced: false,
      base_ref: null,
      compare: `${w.gh.url}/acme/deploy/compare/main`,
      pusher: { name: 'alice' },
      sender: { login: 'alice', type: 'User' },
      repository: {
        full_name: REPO,
        default_branch: 'main',
        master_branch: 'main',
        owner: { name: 'acme', login: 'acme' },
      },
      head_commit: {
        id: sha,
        message: 'Deploy shop',
        distinct: true,
        added: ['k8s/app.yaml'],
        author: { username: 'alice' },
      },
    });
    expect(got?.payload.commits).toHaveLength(1);
    expect(typeof got?.payload.repository.created_at).toBe('number');
    expect(got?.payload).not.toHaveProperty('installation');
  });

  it('describes updates, force pushes and deletions', async () => {
    await setUp();
    const { sha: first } = await w.gh.push(REPO, 'main', { files: { a: '1', b: '2' } });
    const { sha: second } = await w.gh.push(REPO, 'main', { files: { a: '1!' }, remove: ['b'] });
    const update = hook.received[1]?.payload;
    expect(update).toMatchObject({
      before: first,
      after: second,
      created: false,
      forced: false,
      compare: `${w.gh.url}/acme/deploy/compare/${first.slice(0, 12)}...${second.slice(0, 12)}`,
    });
    expect(
      update.commits.map((c: { id: string; modified: string[]; removed: string[] }) => [
        c.id,
        c.modified,
        c.removed,
      ]),
    ).toEqual([[second, ['a'], ['b']]]);
    await w.gh.forcePush(REPO, 'main', first);
    expect(hook.received[2]?.payload).toMatchObject({
      before: second,
      after: first,
      forced: true,
      commits: [],
      head_commit: { id: first, distinct: false },
    });
    const deliveries = await w.gh.deleteBranch(REPO, 'main');
    expect(deliveries[0]?.status).toBe(202);
    expect(hook.received[3]?.payload).toMatchObject({
      before: first,
      after: ZERO,
      deleted: true,
      head_commit: null,
      commits: [],
    });
    // commit() moves the branch without a delivery.
    w.gh.commit(REPO, 'main', { files: { c: '3' } });
    expect(hook.received).toHaveLength(4);
  });

  it('redelivers the same payload under the same delivery id', async () => {
    await setUp();
    const { deliveries } = await w.gh.push(REPO, 'main', { files: { a: '1' } });
    const again = await w.gh.redeliver(deliveries[0]?.id ?? '');
    expect(again.id).toBe(deliveries[0]?.id);
    const [one, two] = hook.received;
    expect(two?.headers['x-github-delivery']).toBe(one?.headers['x-github-delivery']);
    expect(two?.raw.equals(one?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(two?.headers['x-hub-signature-256']).toBe(one?.headers['x-hub-signature-256']);
    expect(w.gh.deliveries().map((d) => d.redelivery)).toEqual([false, true]);
  });

  it('reports what the hook answered, 0 when it cannot be reached or is too slow', async () => {
    await setUp(['push'], { status: 500, body: 'boom', delayMs: 300 }, { hookTimeoutMs: 5000 });
    expect((await w.gh.push(REPO, 'main', { files: { a: '1' } })).deliveries[0]).toMatchObject({
      status: 500,
      body: 'boom',
    });
    w.gh.addHook(REPO, { url: 'http://127.0.0.1:1/unreachable' });
    const [, unreachable] = (await w.gh.push(REPO, 'main', { files: { a: '2' } })).deliveries;
    expect(unreachable?.status).toBe(0);
    await w.close();
    w = await startWorld({ hookTimeoutMs: 50 });
    w.gh.addHook(REPO, { url: hook.url });
    expect((await w.gh.push(REPO, 'main', { files: { a: '1' } })).deliveries[0]?.status).toBe(0);
  });

  it('sends only the events a hook subscribed to', async () => {
    await setUp(['issue_comment']);
    const all = await startHookReceiver();
    w.gh.addHook(REPO, { url: all.url, events: ['*'] });
    await w.gh.push(REPO, 'main', { files: { a: '1' } });
    expect(hook.received).toHaveLength(0);
    expect(all.received.map((r) => r.headers['x-github-event'])).toEqual(['push']);
    await all.close();
  });

  it('delivers pull_request and issue_comment for a comment on a pull request', async () => {
    await setUp(['pull_request', 'issue_comment']);
    w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.commit(REPO, 'canary', { files: { b: '1' }, from: 'main' });
    const number = await w.gh.openPullRequest(REPO, {
      head: 'canary',
      base: 'main',
      user: 'alice',
      title: 'Canary shop',
    });
    expect(hook.received[0]?.payload).toMatchObject({
      action: 'opened',
      number,
      pull_request: { number, head: { ref: 'canary' }, user: { login: 'alice' } },
    });
    const { id, deliveries } = await w.gh.comment(
      REPO,
      { pull: number },
      { user: 'bob', body: '/rollouts promote shop' },
    );
    expect(deliveries[0]?.event).toBe('issue_comment');
    expect(hook.received[1]?.payload).toMatchObject({
      action: 'created',
      issue: {
        number,
        title: 'Canary shop',
        pull_request: {
          url: `${w.gh.url}/repos/${REPO}/pulls/${number}`,
          html_url: `${w.gh.url}/acme/deploy/pull/${number}`,
        },
      },
      comment: {
        id,
        body: '/rollouts promote shop',
        user: { login: 'bob' },
        author_association: 'NONE',
      },
      sender: { login: 'bob' },
      repository: { full_name: REPO },
    });
  });

  it('delivers commit_comment for a comment on a commit, and no pull_request field for plain issues', async () => {
    await setUp(['commit_comment', 'issue_comment']);
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    await w.gh.comment(REPO, { commit: sha }, { user: 'alice', body: '/rollouts abort shop' });
    expect(hook.received[0]?.payload).toMatchObject({
      action: 'created',
      comment: { commit_id: sha, body: '/rollouts abort shop' },
    });
    const issue = await w.gh.openIssue(REPO, { title: 'Question', user: 'alice' });
    await w.gh.comment(REPO, { issue }, { user: 'alice', body: '/rollouts promote shop' });
    expect(hook.received[1]?.payload.issue).not.toHaveProperty('pull_request');
  });

  it('delivers the webhooks API writes cause, after answering', async () => {
    await setUp(['issue_comment', 'deployment', 'deployment_status', 'status']);
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.commit(REPO, 'canary', { files: { b: '1' }, from: 'main' });
    const number = await w.gh.openPullRequest(REPO, {
      head: 'canary',
      base: 'main',
      user: 'alice',
    });
    await w.octokit.issues.createComment({
      owner: 'acme',
      repo: 'deploy',
      issue_number: number,
      body: 'Promoted.',
    });
    const d = await w.octokit.repos.createDeployment({
      owner: 'acme',
      repo: 'deploy',
      ref: 'main',
      required_contexts: [],
    });
    await w.octokit.repos.createDeploymentStatus({
      owner: 'acme',
      repo: 'deploy',
      deployment_id: (d.data as { id: number }).id,
      state: 'success',
    });
    await w.octokit.repos.createCommitStatus({
      owner: 'acme',
      repo: 'deploy',
      sha,
      state: 'success',
      context: 'rollouts',
    });
    await w.gh.settle();
    expect(hook.received.map((r) => r.headers['x-github-event'])).toEqual([
      'issue_comment',
      'deployment',
      'deployment_status',
      'status',
    ]);
    expect(hook.received[0]?.payload).toMatchObject({
      action: 'created',
      sender: { login: 'dev-bot' },
      comment: { body: 'Promoted.' },
    });
    expect(hook.received[2]?.payload).toMatchObject({
      deployment_status: { state: 'success' },
      deployment: { sha },
    });
    expect(hook.received[3]?.payload).toMatchObject({
      sha,
      state: 'success',
      context: 'rollouts',
      branches: [{ name: 'main' }, { name: 'canary' }],
    });
  });

  it('adds the installation when an app is configured, but not to raw deliveries', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await setUp(
      ['push', 'ping'],
      {},
      {
        app: {
          id: 1,
          publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          installationId: 9,
        },
      },
    );
    await w.gh.push(REPO, 'main', { files: { a: '1' } });
    expect(hook.received[0]?.payload.installation).toMatchObject({ id: 9 });
    const raw = await w.gh.deliver(REPO, 'ping', {
      zen: 'Keep it logically awesome.',
      odd: [1, 'x'],
    });
    expect(raw[0]?.status).toBe(202);
    expect(hook.received[1]?.payload).toEqual({ zen: 'Keep it logically awesome.', odd: [1, 'x'] });
  });
});
