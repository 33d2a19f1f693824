import { describe, expect, it } from 'vitest';
import { type GitOpsConfig, parseGitOpsConfig } from '../../../src/core/gitops/config.js';
import { parsePushEvent, planPush, type PushEvent } from '../../../src/core/gitops/push-event.js';

const BEFORE = 'a'.repeat(40);
const AFTER = 'b'.repeat(40);
const ZERO = '0'.repeat(40);

const config = ((): GitOpsConfig => {
  const r = parseGitOpsConfig({
    cluster: 'dev',
    sources: [
      { name: 'shop', repo: 'acme/deploy', path: 'k8s/shop', namespace: 'shop' },
      { name: 'web', repo: 'acme/deploy', path: 'k8s/web', namespace: 'web' },
      {
        name: 'staging',
        repo: 'acme/deploy',
        branch: 'staging',
        path: 'k8s/shop',
        namespace: 'staging',
      },
    ],
  });
  if ('problems' in r) throw new Error(r.problems.join('; '));
  return r.config;
})();

interface PushOverrides {
  ref?: string;
  repo?: string;
  before?: string;
  after?: string;
  created?: boolean;
  deleted?: boolean;
  forced?: boolean;
  /** Per commit: the files it touched (as `modified`). */
  commits?: string[][];
  installation?: number;
}

/** A GitHub `push` payload to main of acme/deploy, one commit touching `k8s/shop/rollout.yaml`. */
function aPushPayload(o: PushOverrides = {}): Record<string, unknown> {
  return {
    ref: o.ref ?? 'refs/heads/main',
    before: o.before ?? BEFORE,
    after: o.after ?? AFTER,
    created: o.created ?? false,
    deleted: o.deleted ?? false,
    forced: o.forced ?? false,
    repository: { full_name: o.repo ?? 'acme/deploy' },
    commits: (o.commits ?? [['k8s/shop/rollout.yaml']]).map((modified, i) => ({
      id: String(i).repeat(40),
      added: [],
      removed: [],
      modified,
    })),
    ...(o.installation !== undefined ? { installation: { id: o.installation } } : {}),
  };
}

function aPush(o: PushOverrides = {}): PushEvent {
  const p = parsePushEvent(aPushPayload(o));
  if ('error' in p) throw new Error(p.error);
  return p;
}

const names = (plan: ReturnType<typeof planPush>) =>
  'sources' in plan ? plan.sources.map((s) => s.name) : [];

describe('parsePushEvent', () => {
  it('reads the fields the sync needs, with the files every commit touched', () => {
    const payload = aPushPayload({ installation: 9 });
    (payload.commits as Array<Record<string, unknown>>).push({
      id: 'c'.repeat(40),
      added: ['k8s/web/new.yaml'],
      removed: ['old.yaml'],
      modified: ['k8s/shop/rollout.yaml'],
    });
    expect(parsePushEvent(payload)).toEqual({
      repository: 'acme/deploy',
      ref: 'refs/heads/main',
      before: BEFORE,
      after: AFTER,
      created: false,
      deleted: false,
      forced: false,
      changedFiles: ['k8s/shop/rollout.yaml', 'k8s/web/new.yaml', 'old.yaml'],
      installationId: 9,
    });
  });

  it.each([
    ['a new branch', { created: true, before: ZERO }],
    ['a force push', { forced: true }],
    ['a push listing no commits', { commits: [] }],
  ])('%s: the changed files are unknown (so every source syncs)', (_what, o) => {
    expect(aPush(o).changedFiles).toBeUndefined();
  });

  it('a commit without file lists makes the changed files unknown', () => {
    const payload = aPushPayload();
    (payload.commits as unknown[]).push({ id: 'c'.repeat(40) });
    expect((parsePushEvent(payload) as PushEvent).changedFiles).toBeUndefined();
  });

  it.each([
    ['not an object', [], 'push payload must be an object'],
    ['no repository', { ...aPushPayload(), repository: undefined }, 'no repository.full_name'],
    ['no ref', { ...aPushPayload(), ref: undefined }, 'no ref'],
    ['a short sha', aPushPayload({ after: 'abc123' }), 'no before/after commit ids'],
  ])('%s: an error', (_what, payload, message) => {
    expect(parsePushEvent(payload)).toEqual({ error: expect.stringContaining(message) as string });
  });
});

describe('planPush', () => {
  it('a change under one source path syncs only that source, at the pushed commit', () => {
    expect(planPush(config, aPush())).toEqual({
      kind: 'sync',
      sources: [config.sources[0]],
      sha: AFTER,
    });
  });

  it('changes under two paths sync both', () => {
    expect(
      names(planPush(config, aPush({ commits: [['k8s/shop/a.yaml'], ['k8s/web/b.yaml']] }))),
    ).toEqual(['shop', 'web']);
  });

  it('the branch decides the source: staging feeds only the staging namespace', () => {
    expect(names(planPush(config, aPush({ ref: 'refs/heads/staging' })))).toEqual(['staging']);
  });

  it.each([
    ['a tag', { ref: 'refs/tags/v1.0.0' }, 'refs/tags/v1.0.0 is not a branch'],
    ['a pull request ref', { ref: 'refs/pull/3/head' }, 'is not a branch'],
    [
      'an unwatched branch',
      { ref: 'refs/heads/feature/x' },
      'no source watches acme/deploy feature/x',
    ],
    ['an unwatched repository', { repo: 'acme/website' }, 'no source watches acme/website main'],
    [
      'only unrelated paths',
      { commits: [['README.md', 'docs/k8s/shop/x.yaml', 'k8s/shop-old/x.yaml']] },
      'no change under /k8s/shop, /k8s/web',
    ],
  ])('%s: ignored, saying why', (_what, o, reason) => {
    expect(planPush(config, aPush(o))).toEqual({
      kind: 'ignored',
      reason: expect.stringContaining(reason) as string,
    });
  });

  it('a deleted branch reports on its last commit and never syncs', () => {
    expect(planPush(config, aPush({ deleted: true, after: ZERO, commits: [] }))).toEqual({
      kind: 'deleted',
      sources: config.sources.slice(0, 2),
      sha: BEFORE,
    });
  });

  it.each([
    ['a force push', { forced: true, commits: [['README.md']] }],
    ['a new branch', { created: true, before: ZERO, commits: [['README.md']] }],
  ])(
    '%s syncs every source of the branch (the listed commits do not say what changed)',
    (_what, o) => {
      expect(planPush(config, aPush(o))).toEqual({
        kind: 'sync',
        sources: config.sources.slice(0, 2),
        sha: AFTER,
      });
    },
  );

  it('a removed manifest is a change (pruning needs the sync)', () => {
    const payload = aPushPayload({ commits: [] });
    payload.commits = [
      { id: 'c'.repeat(40), added: [], removed: ['k8s/web/gone.yaml'], modified: [] },
    ];
    expect(names(planPush(config, parsePushEvent(payload) as PushEvent))).toEqual(['web']);
  });
});
