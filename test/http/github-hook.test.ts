import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gitHubHookFor, type GitOps } from '../../src/controller/gitops/gitops.js';
import type { CommentEvent } from '../../src/core/gitops/comment-event.js';
import type { ParsedCommand } from '../../src/core/gitops/commands.js';
import { type GitOpsConfig, parseGitOpsConfig } from '../../src/core/gitops/config.js';
import type { PushPlan } from '../../src/core/gitops/push-event.js';
import { buildApp } from '../../src/http/app.js';
import type { Hint } from '../../src/domain/hint.js';

const SECRET = 'current-secret';
const PREVIOUS = 'previous-secret';
const BEFORE = 'a'.repeat(40);
const AFTER = 'b'.repeat(40);

const config = ((): GitOpsConfig => {
  const r = parseGitOpsConfig({
    cluster: 'dev',
    sources: [{ name: 'shop', repo: 'acme/deploy', path: 'k8s', namespace: 'shop' }],
  });
  if ('problems' in r) throw new Error(r.problems.join('; '));
  return r.config;
})();

/** GitOps as the hook sees it, recording what it is asked to do; `commandsGate` holds comment work until released. */
function aGitOps() {
  const calls = {
    syncs: [] as string[],
    deleted: [] as Array<Extract<PushPlan, { kind: 'deleted' }>>,
    commands: [] as Array<{ comment: CommentEvent; commands: readonly ParsedCommand[] }>,
  };
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const gitops: GitOps = {
    config,
    sync: (name) => {
      calls.syncs.push(name);
      return Promise.resolve({ outcome: 'gone', reason: 'stub' });
    },
    report: () => Promise.resolve(undefined),
    async runCommands(comment, commands) {
      await gate;
      calls.commands.push({ comment, commands });
      return [];
    },
    reportDeleted: (plan) => {
      calls.deleted.push(plan);
      return Promise.resolve();
    },
  };
  return { gitops, calls, release };
}

/** The app with the hook wired as both runtimes wire it; `enqueue` records the hints (or fails when told). */
function aHook(o: { maxBodyBytes?: number; failEnqueue?: () => boolean } = {}) {
  const { gitops, calls, release } = aGitOps();
  const queued: Hint[] = [];
  const logs: string[] = [];
  const options = gitHubHookFor(
    gitops,
    [SECRET, PREVIOUS],
    (hints) => {
      if (o.failEnqueue?.()) return Promise.reject(new Error('queue is down'));
      queued.push(...hints);
      return Promise.resolve();
    },
    (line) => logs.push(line),
  );
  const app = buildApp({
    runtime: 'node',
    version: 't',
    githubHook: { ...options, ...(o.maxBodyBytes ? { maxBodyBytes: o.maxBodyBytes } : {}) },
  });
  return { app, queued, calls, logs, release };
}

let ids = 0;

interface DeliveryOverrides {
  event?: string;
  id?: string;
  secret?: string;
  /** Headers applied after signing; undefined removes one. */
  headers?: Record<string, string | undefined>;
}

const hmac = (secret: string, body: string | Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** A delivery as GitHub sends it: JSON, signed with X-Hub-Signature-256 over the raw body. */
function aDelivery(payload: unknown, o: DeliveryOverrides = {}): RequestInit {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': o.event ?? 'push',
    'x-github-delivery': o.id ?? `72d3162e-cc78-11e3-81ab-${String(++ids).padStart(12, '0')}`,
    'x-hub-signature-256': hmac(o.secret ?? SECRET, body),
    'user-agent': 'GitHub-Hookshot/044aadd',
  };
  for (const [k, v] of Object.entries(o.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return { method: 'POST', headers, body };
}

function aPushPayload(o: { ref?: string; files?: string[]; deleted?: boolean } = {}) {
  return {
    ref: o.ref ?? 'refs/heads/main',
    before: BEFORE,
    after: o.deleted ? '0'.repeat(40) : AFTER,
    created: false,
    deleted: o.deleted ?? false,
    forced: false,
    repository: { full_name: 'acme/deploy' },
    commits: o.deleted
      ? []
      : [{ id: AFTER, added: [], removed: [], modified: o.files ?? ['k8s/rollout.yaml'] }],
    installation: { id: 31 },
  };
}

function aCommentPayload(body: string, userType = 'User') {
  return {
    action: 'created',
    repository: { full_name: 'acme/deploy' },
    issue: { number: 4 },
    comment: {
      id: 99,
      body,
      html_url: 'https://github.com/acme/deploy/pull/4#c99',
      user: { login: 'alice', type: userType },
    },
  };
}

const post = (app: ReturnType<typeof aHook>['app'], init: RequestInit) =>
  app.request('/hooks/github', init);

describe('POST /hooks/github: refusals, in order', () => {
  it.each<[string, RequestInit, number, string]>([
    [
      'a form-encoded delivery',
      aDelivery(aPushPayload(), {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'content type must be application/json',
    ],
    [
      'no content type',
      aDelivery(aPushPayload(), { headers: { 'content-type': undefined } }),
      415,
      'content type must be application/json',
    ],
    [
      'no event header',
      aDelivery(aPushPayload(), { headers: { 'x-github-event': undefined } }),
      400,
      'X-GitHub-Event',
    ],
    [
      'no delivery header',
      aDelivery(aPushPayload(), { headers: { 'x-github-delivery': undefined } }),
      400,
      'X-GitHub-Delivery',
    ],
    [
      'a malformed delivery header',
      aDelivery(aPushPayload(), { id: 'not a uuid!' }),
      400,
      'X-GitHub-Delivery',
    ],
    [
      'no signature (secret unset on GitHub)',
      aDelivery(aPushPayload(), { headers: { 'x-hub-signature-256': undefined } }),
      401,
      'missing or malformed X-Hub-Signature-256',
    ],
    [
      'only the SHA-1 signature',
      aDelivery(aPushPayload(), {
        headers: {
          'x-hub-signature-256': undefined,
          'x-hub-signature': 'sha1=0123456789abcdef0123456789abcdef01234567',
        },
      }),
      401,
      'X-Hub-Signature-256',
    ],
    [
      'a signature by another secret',
      aDelivery(aPushPayload(), { secret: 'guessed' }),
      401,
      'signature does not match',
    ],
  ])('%s: %i', async (_what, init, status, message) => {
    const { app, queued } = aHook();
    const res = await post(app, init);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { message: string }).message).toContain(message);
    expect(queued).toEqual([]);
  });

  it('a body changed after signing: 401', async () => {
    const { app, queued } = aHook();
    const init = aDelivery(aPushPayload());
    const res = await post(app, {
      ...init,
      body: JSON.stringify(aPushPayload({ files: ['k8s/other.yaml'] })),
    });
    expect(res.status).toBe(401);
    expect(queued).toEqual([]);
  });

  it('too big: 413, by the declared length and by the bytes received', async () => {
    const { app } = aHook({ maxBodyBytes: 1000 });
    const big = { ...aPushPayload(), padding: 'x'.repeat(2000) };
    expect((await post(app, aDelivery(big))).status).toBe(413);
    const declared = aDelivery(aPushPayload(), { headers: { 'content-length': '5000000' } });
    expect((await post(app, declared)).status).toBe(413);
  });

  it('a signed body that is not JSON: 400, and the same delivery may come again', async () => {
    const { app, queued } = aHook();
    const res = await post(app, aDelivery('{"ref": ', { id: 'fixed-id' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toBe('body is not valid JSON');
    expect((await post(app, aDelivery(aPushPayload(), { id: 'fixed-id' }))).status).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it('an empty body: 400, not a crash', async () => {
    const { app } = aHook();
    const res = await post(app, aDelivery(''));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe('BadRequest');
  });

  it('a body that is not UTF-8: 400', async () => {
    const { app } = aHook();
    const bytes = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const res = await post(app, {
      ...aDelivery('x'),
      body: bytes,
      headers: {
        ...(aDelivery('x').headers as Record<string, string>),
        'x-hub-signature-256': hmac(SECRET, bytes),
      },
    });
    expect(res.status).toBe(400);
  });

  it('a signed push GitHub could not have sent (no before/after): 400', async () => {
    const { app, queued } = aHook();
    const res = await post(
      app,
      aDelivery({ ref: 'refs/heads/main', repository: { full_name: 'acme/deploy' } }),
    );
    expect(res.status).toBe(400);
    expect(queued).toEqual([]);
  });
});

describe('POST /hooks/github: accepted deliveries', () => {
  it('ping: 200 pong', async () => {
    const { app } = aHook();
    const res = await post(
      app,
      aDelivery({ zen: 'Design for failure.', hook_id: 1 }, { event: 'ping' }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pong: true });
  });

  it('signed with the previous secret during a rotation: accepted', async () => {
    const { app, queued } = aHook();
    expect((await post(app, aDelivery(aPushPayload(), { secret: PREVIOUS }))).status).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it('a push under a source path: 202 at once with one GitSource hint; the sync is left to the scheduler', async () => {
    const { app, queued, calls } = aHook();
    const res = await post(app, aDelivery(aPushPayload()));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ syncing: ['shop'], sha: AFTER });
    expect(queued).toEqual([{ kind: 'GitSource', namespace: 'shop', name: 'shop' }]);
    expect(calls.syncs).toEqual([]);
  });

  it("the same delivery id again (GitHub's Redeliver): 200 duplicate, nothing enqueued twice", async () => {
    const { app, queued } = aHook();
    const init = aDelivery(aPushPayload(), { id: 'redelivered-1' });
    expect((await post(app, init)).status).toBe(202);
    const again = await post(app, init);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });
    expect(queued).toHaveLength(1);
  });

  it("a push the queue cannot take: 503, and GitHub's redelivery then succeeds", async () => {
    let down = true;
    const { app, queued } = aHook({ failEnqueue: () => down });
    const init = aDelivery(aPushPayload(), { id: 'flaky-1' });
    const res = await post(app, init);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { message: string }).message).toContain('queue is down');
    down = false;
    expect((await post(app, init)).status).toBe(202);
    expect(queued).toHaveLength(1);
  });

  it.each([
    ['a tag', aPushPayload({ ref: 'refs/tags/v1' }), 'refs/tags/v1 is not a branch'],
    [
      'an unwatched branch',
      aPushPayload({ ref: 'refs/heads/dev' }),
      'no source watches acme/deploy dev',
    ],
    ['only files outside the path', aPushPayload({ files: ['README.md'] }), 'no change under /k8s'],
  ])('%s: 202 ignored, nothing enqueued', async (_what, payload, reason) => {
    const { app, queued } = aHook();
    const res = await post(app, aDelivery(payload));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: reason });
    expect(queued).toEqual([]);
  });

  it('a deleted branch: reported, not synced', async () => {
    const { app, queued, calls } = aHook();
    const res = await post(app, aDelivery(aPushPayload({ deleted: true })));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ deleted: ['shop'], sha: BEFORE });
    expect(calls.deleted).toMatchObject([{ kind: 'deleted', sha: BEFORE }]);
    expect(queued).toEqual([]);
  });

  it('a comment with commands: 202 before the commands run, which then run once', async () => {
    const { app, calls, release } = aHook();
    const res = await post(
      app,
      aDelivery(aCommentPayload('LGTM\n/rollouts promote shop\n/rollouts frobnicate shop'), {
        event: 'issue_comment',
      }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ commands: 2 });
    expect(calls.commands).toEqual([]);
    release();
    await waitFor(() => calls.commands.length === 1);
    expect(calls.commands[0]?.comment).toMatchObject({ user: 'alice', target: { issue: 4 } });
    expect(
      calls.commands[0]?.commands.map((c) => ('operation' in c ? c.operation : 'error')),
    ).toEqual(['promote', 'error']);
  });

  it.each([
    [
      'a bot (our own reply quoting a command)',
      aCommentPayload('/rollouts promote shop', 'Bot'),
      'no /rollouts command',
    ],
    ['a comment without commands', aCommentPayload('ship it'), 'no /rollouts command'],
    [
      'an edited comment',
      { ...aCommentPayload('/rollouts promote shop'), action: 'edited' },
      'not a new comment',
    ],
  ])('%s: 202 ignored', async (_what, payload, reason) => {
    const { app, calls, release } = aHook();
    release();
    const res = await post(app, aDelivery(payload, { event: 'issue_comment' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: reason });
    expect(calls.commands).toEqual([]);
  });

  it('another event: 202 ignored', async () => {
    const { app } = aHook();
    const res = await post(app, aDelivery({ action: 'opened' }, { event: 'pull_request' }));
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ ignored: 'event pull_request is not handled' });
  });

  it('never logs the secret', async () => {
    const { app, logs } = aHook();
    await post(app, aDelivery(aPushPayload(), { secret: 'guessed' }));
    await post(app, aDelivery(aPushPayload(), { headers: { 'content-type': 'text/plain' } }));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toMatch(new RegExp(`${SECRET}|${PREVIOUS}`));
  });
});

describe('gitHubHookRoutes options', () => {
  it.each([[[] as string[]], [['a', 'b', 'c']], [['']]])('refuses %j as secrets', (secrets) => {
    const { gitops } = aGitOps();
    expect(() =>
      buildApp({
        runtime: 'node',
        version: 't',
        githubHook: gitHubHookFor(gitops, secrets, () => Promise.resolve()),
      }),
    ).toThrow('one or two non-empty secrets');
  });
});

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
