import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO, startWorld, type World } from './support.js';

const O = { owner: 'acme', repo: 'deploy' };

describe('devgithub commit statuses', () => {
  let w: World;
  let sha: string;
  beforeEach(async () => {
    w = await startWorld();
    sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
  });
  afterEach(() => w.close());

  it('creates statuses and lists them newest first for a sha or a branch', async () => {
    const { status, data } = await w.octokit.repos.createCommitStatus({
      ...O,
      sha,
      state: 'pending',
      context: 'rollouts/shop',
      description: 'Progressing',
      target_url: 'http://ui/shop',
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      state: 'pending',
      context: 'rollouts/shop',
      description: 'Progressing',
      target_url: 'http://ui/shop',
      creator: { login: 'dev-bot' },
    });
    await w.octokit.repos.createCommitStatus({
      ...O,
      sha,
      state: 'success',
      context: 'rollouts/shop',
    });
    await w.octokit.repos.createCommitStatus({ ...O, sha, state: 'success' });
    const { data: list } = await w.octokit.repos.listCommitStatusesForRef({ ...O, ref: 'main' });
    expect(list.map((s) => `${s.context}:${s.state}`)).toEqual([
      'default:success',
      'rollouts/shop:success',
      'rollouts/shop:pending',
    ]);
    expect(w.gh.commitStatuses(REPO, sha)).toHaveLength(3);
  });

  it.each([
    { name: 'unknown state', body: { state: 'ok' }, status: 422, message: 'Validation Failed' },
    {
      name: 'missing state',
      body: {},
      status: 422,
      message: 'Invalid request.\n\n"state" wasn\'t supplied.',
    },
    {
      name: 'long description',
      body: { state: 'success', description: 'd'.repeat(141) },
      status: 422,
      message: 'Validation Failed',
    },
  ])('refuses a status: $name', async ({ body, status, message }) => {
    const r = await w.api('POST', `/repos/${REPO}/statuses/${sha}`, body);
    expect({ status: r.status, message: r.body.message }).toEqual({ status, message });
  });

  it('refuses a status for an unknown sha', async () => {
    const r = await w.api('POST', `/repos/${REPO}/statuses/${'b'.repeat(40)}`, {
      state: 'success',
    });
    expect(r.status).toBe(422);
    expect(r.body.message).toBe(`No commit found for SHA: ${'b'.repeat(40)}`);
  });

  it.each([
    { name: 'no statuses', states: [], combined: 'pending' },
    {
      name: 'all success',
      states: [
        ['a', 'success'],
        ['b', 'success'],
      ],
      combined: 'success',
    },
    {
      name: 'one pending',
      states: [
        ['a', 'success'],
        ['b', 'pending'],
      ],
      combined: 'pending',
    },
    {
      name: 'an error wins over pending',
      states: [
        ['a', 'error'],
        ['b', 'pending'],
      ],
      combined: 'failure',
    },
    {
      name: 'a failure',
      states: [
        ['a', 'failure'],
        ['b', 'success'],
      ],
      combined: 'failure',
    },
    {
      name: 'only the latest per context counts',
      states: [
        ['a', 'failure'],
        ['a', 'success'],
      ],
      combined: 'success',
    },
  ])('combines statuses: $name', async ({ states, combined }) => {
    for (const [context, state] of states)
      await w.api('POST', `/repos/${REPO}/statuses/${sha}`, { context, state });
    const { data } = await w.octokit.repos.getCombinedStatusForRef({ ...O, ref: 'main' });
    expect(data.state).toBe(combined);
    expect(data.total_count).toBe(new Set(states.map(([c]) => c)).size);
    expect(data.sha).toBe(sha);
    expect(w.gh.combinedStatus(REPO, sha).state).toBe(combined);
  });
});

describe('devgithub comments, reactions, pull requests and permissions', () => {
  let w: World;
  let sha: string;
  beforeEach(async () => {
    w = await startWorld();
    sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.commit(REPO, 'canary', { files: { b: '2' }, from: 'main' });
  });
  afterEach(() => w.close());

  it('serves a pull request with head and base', async () => {
    const number = await w.gh.openPullRequest(REPO, {
      head: 'canary',
      base: 'main',
      title: 'Canary',
      user: 'alice',
    });
    const { data } = await w.octokit.pulls.get({ ...O, pull_number: number });
    expect(data).toMatchObject({
      number,
      state: 'open',
      title: 'Canary',
      user: { login: 'alice' },
      head: { ref: 'canary' },
      base: { ref: 'main', sha },
    });
    expect(data.html_url).toBe(`${w.gh.url}/acme/deploy/pull/${number}`);
    expect((await w.api('GET', `/repos/${REPO}/pulls/99`)).status).toBe(404);
  });

  it('creates, lists and edits issue comments on a pull request', async () => {
    const number = await w.gh.openPullRequest(REPO, {
      head: 'canary',
      base: 'main',
      user: 'alice',
    });
    const { id } = await w.gh.comment(
      REPO,
      { pull: number },
      { user: 'alice', body: '/rollouts promote shop' },
    );
    const { status, data } = await w.octokit.issues.createComment({
      ...O,
      issue_number: number,
      body: 'Promoted shop.',
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      body: 'Promoted shop.',
      user: { login: 'dev-bot' },
      author_association: 'MEMBER',
    });
    expect(data.html_url).toBe(`${w.gh.url}/acme/deploy/pull/${number}#issuecomment-${data.id}`);
    const { data: list } = await w.octokit.issues.listComments({ ...O, issue_number: number });
    expect(list.map((c) => c.id)).toEqual([id, data.id]);
    await w.octokit.issues.updateComment({
      ...O,
      comment_id: data.id,
      body: 'Promoted shop (edited).',
    });
    expect(w.gh.issueComments(REPO, number).map((c) => c.body)).toEqual([
      '/rollouts promote shop',
      'Promoted shop (edited).',
    ]);
    expect((await w.api('POST', `/repos/${REPO}/issues/99/comments`, { body: 'x' })).status).toBe(
      404,
    );
    expect(
      (await w.api('POST', `/repos/${REPO}/issues/${number}/comments`, { body: '' })).body,
    ).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }],
    });
  });

  it('creates commit comments', async () => {
    const { data } = await w.octokit.repos.createCommitComment({
      ...O,
      commit_sha: sha,
      body: 'Deployed to production',
    });
    expect(data).toMatchObject({ commit_id: sha, body: 'Deployed to production', path: null });
    expect((await w.octokit.repos.getCommitComment({ ...O, comment_id: data.id })).data.id).toBe(
      data.id,
    );
    expect(
      (await w.octokit.repos.listCommentsForCommit({ ...O, commit_sha: sha })).data,
    ).toHaveLength(1);
    expect(w.gh.commitComments(REPO, sha)).toHaveLength(1);
    expect(
      (await w.api('POST', `/repos/${REPO}/commits/${'c'.repeat(40)}/comments`, { body: 'x' }))
        .status,
    ).toBe(422);
  });

  it('adds reactions once per user and content, on both comment kinds', async () => {
    const number = await w.gh.openPullRequest(REPO, {
      head: 'canary',
      base: 'main',
      user: 'alice',
    });
    const { id: issueComment } = await w.gh.comment(
      REPO,
      { pull: number },
      { user: 'alice', body: '/rollouts promote shop' },
    );
    const { id: commitComment } = await w.gh.comment(
      REPO,
      { commit: sha },
      { user: 'alice', body: '/rollouts abort shop' },
    );
    const first = await w.octokit.reactions.createForIssueComment({
      ...O,
      comment_id: issueComment,
      content: 'eyes',
    });
    const again = await w.octokit.reactions.createForIssueComment({
      ...O,
      comment_id: issueComment,
      content: 'eyes',
    });
    expect([first.status, again.status, again.data.id]).toEqual([201, 200, first.data.id]);
    await w.octokit.reactions.createForIssueComment({
      ...O,
      comment_id: issueComment,
      content: 'rocket',
    });
    const onCommit = await w.octokit.reactions.createForCommitComment({
      ...O,
      comment_id: commitComment,
      content: '+1',
    });
    expect(onCommit.data).toMatchObject({ content: '+1', user: { login: 'dev-bot' } });
    expect(w.gh.reactions(REPO, issueComment).map((r) => r.content)).toEqual(['eyes', 'rocket']);
    expect(
      (
        await w.octokit.reactions.listForIssueComment({
          ...O,
          comment_id: issueComment,
          content: 'rocket',
        })
      ).data,
    ).toHaveLength(1);
    const comment = await w.octokit.issues.getComment({ ...O, comment_id: issueComment });
    expect(comment.data.reactions).toMatchObject({ total_count: 2, eyes: 1, rocket: 1, '+1': 0 });
    await w.octokit.reactions.deleteForIssueComment({
      ...O,
      comment_id: issueComment,
      reaction_id: first.data.id,
    });
    expect(w.gh.reactions(REPO, issueComment)).toHaveLength(1);
    const bad = await w.api('POST', `/repos/${REPO}/issues/comments/${issueComment}/reactions`, {
      content: 'thumbsup',
    });
    expect(bad.status).toBe(422);
    // A commit comment id is not an issue comment.
    expect(
      (
        await w.api('POST', `/repos/${REPO}/issues/comments/${commitComment}/reactions`, {
          content: 'eyes',
        })
      ).status,
    ).toBe(404);
  });

  it.each([
    { role: 'admin', permission: 'admin' },
    { role: 'maintain', permission: 'write' },
    { role: 'write', permission: 'write' },
    { role: 'triage', permission: 'read' },
    { role: 'read', permission: 'read' },
  ] as const)('maps role $role to permission $permission', async ({ role, permission }) => {
    w.gh.setPermission(REPO, 'alice', role);
    const { data } = await w.octokit.repos.getCollaboratorPermissionLevel({
      ...O,
      username: 'alice',
    });
    expect({
      permission: data.permission,
      role_name: data.role_name,
      login: data.user?.login,
    }).toEqual({ permission, role_name: role, login: 'alice' });
  });

  it('reports none for a known user without access, admin for the owner, 404 for an unknown user', async () => {
    w.gh.addUser('mallory');
    expect(
      (await w.octokit.repos.getCollaboratorPermissionLevel({ ...O, username: 'mallory' })).data
        .permission,
    ).toBe('none');
    // Added first, alice owns the repository as a user (an unknown owner would become an organization).
    w.gh.addUser('alice');
    w.gh.createRepo('alice/own');
    const own = await w.octokit.repos.getCollaboratorPermissionLevel({
      owner: 'alice',
      repo: 'own',
      username: 'alice',
    });
    expect(own.data.permission).toBe('admin');
    expect((await w.api('GET', `/repos/${REPO}/collaborators/nobody/permission`)).status).toBe(404);
  });

  it.each([
    {
      name: 'the owner of a user repository',
      repo: 'alice/app',
      user: 'alice',
      role: undefined,
      association: 'OWNER',
    },
    {
      name: 'a collaborator on a user repository',
      repo: 'alice/app',
      user: 'bob',
      role: 'write',
      association: 'COLLABORATOR',
    },
    {
      name: 'a member with access to an organization repository',
      repo: REPO,
      user: 'bob',
      role: 'triage',
      association: 'MEMBER',
    },
    { name: 'anyone else', repo: REPO, user: 'mallory', role: undefined, association: 'NONE' },
  ] as const)(
    'labels comments by $name as $association',
    async ({ repo, user, role, association }) => {
      w.gh.addUser('alice');
      if (repo !== REPO) w.gh.createRepo(repo);
      const head = w.gh.commit(repo, 'main', { files: { x: '1' } });
      if (role) w.gh.setPermission(repo, user, role);
      await w.gh.comment(repo, { commit: head }, { user, body: 'hi' });
      expect(w.gh.commitComments(repo, head)[0]?.author_association).toBe(association);
    },
  );
});
