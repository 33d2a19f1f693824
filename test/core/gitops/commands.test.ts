import { describe, expect, it } from 'vitest';
import { canOperate, parseCommands } from '../../../src/core/gitops/commands.js';
import { parseCommentEvent } from '../../../src/core/gitops/comment-event.js';

const ok = (operation: string, target: string, text: string) => ({ operation, target, text });

describe('parseCommands', () => {
  it.each([
    ['/rollouts promote shop', ok('promote', 'shop', '/rollouts promote shop')],
    ['/rollouts promote --full shop', ok('promoteFull', 'shop', '/rollouts promote --full shop')],
    ['/rollouts promote shop --full', ok('promoteFull', 'shop', '/rollouts promote shop --full')],
    ['/rollouts abort shop', ok('abort', 'shop', '/rollouts abort shop')],
    ['/rollouts retry shop', ok('retry', 'shop', '/rollouts retry shop')],
    [
      '/rollouts   abort   payments/api-v2  ',
      ok('abort', 'payments/api-v2', '/rollouts   abort   payments/api-v2'),
    ],
    ['/rollouts\tretry shop.web', ok('retry', 'shop.web', '/rollouts\tretry shop.web')],
  ])('%j', (body, command) => {
    expect(parseCommands(body)).toEqual([command]);
  });

  it('finds one command per line anywhere in the comment, with CRLF line ends', () => {
    expect(
      parseCommands('Looks good.\r\n/rollouts promote shop\r\nthen\r\n/rollouts abort web\r\n').map(
        (c) => ('operation' in c ? `${c.operation} ${c.target}` : 'error' in c ? c.error : c.text),
      ),
    ).toEqual(['promote shop', 'abort web']);
  });

  it.each([
    ['quoted in a reply', '> /rollouts promote shop'],
    ['indented', '  /rollouts promote shop'],
    ['in a code block', 'how to:\n```\n/rollouts promote shop\n```\n'],
    ['in a tilde block', '~~~sh\n/rollouts abort shop\n~~~'],
    ['mid-sentence', 'please run /rollouts promote shop'],
    ['another prefix', '/rolloutsx promote shop'],
    ['a glued word', '/rolloutspromote shop'],
    ['another casing of the prefix', '/Rollouts promote shop'],
    ['nothing at all', ''],
  ])('%s: not a command', (_what, body) => {
    expect(parseCommands(body)).toEqual([]);
  });

  it('text after a closed code block counts again', () => {
    expect(parseCommands('```\n/rollouts abort x\n```\n/rollouts promote shop')).toEqual([
      ok('promote', 'shop', '/rollouts promote shop'),
    ]);
  });

  it.each([
    ['/rollouts', 'no operation given; use'],
    ['/rollouts deploy shop', 'unknown operation "deploy"; use'],
    ['/rollouts PROMOTE shop', 'unknown operation "PROMOTE"'],
    ['/rollouts promote', 'which Rollout?'],
    ['/rollouts abort --full shop', 'unknown option --full for abort'],
    ['/rollouts promote --force shop', 'unknown option --force for promote'],
    ['/rollouts promote shop web', 'one Rollout per command; unexpected "web"'],
    ['/rollouts promote Shop', '"Shop" is not a Rollout name'],
    ['/rollouts promote a/b/c', '"a/b/c" is not a Rollout name'],
    ['/rollouts promote -shop', '"-shop" is not a Rollout name'],
    ['/rollouts promote ../etc', '"../etc" is not a Rollout name'],
  ])('%j: a command with an error to answer', (body, message) => {
    const [c] = parseCommands(body);
    expect(c).toEqual({ error: expect.stringContaining(message) as string, text: body });
  });

  it('usage errors show how to write the command', () => {
    const [c] = parseCommands('/rollouts');
    expect(c && 'error' in c ? c.error : '').toContain('/rollouts promote [--full] <rollout>');
  });

  it('reads at most ten commands from one comment', () => {
    expect(parseCommands(Array(15).fill('/rollouts abort shop').join('\n'))).toHaveLength(10);
  });
});

describe('canOperate', () => {
  it.each([
    ['admin', true],
    ['maintain', true],
    ['write', true],
    ['triage', false],
    ['read', false],
    ['none', false],
    ['Write', false],
    [undefined, false],
  ])('%s: %s', (role, allowed) => {
    expect(canOperate(role)).toBe(allowed);
  });
});

describe('parseCommentEvent', () => {
  const payload = (o: Record<string, unknown> = {}) => ({
    action: 'created',
    repository: { full_name: 'acme/deploy' },
    comment: {
      id: 7,
      body: '/rollouts promote shop',
      html_url: 'https://github.com/acme/deploy/pull/3#c7',
      user: { login: 'alice', type: 'User' },
      commit_id: 'c'.repeat(40),
    },
    issue: { number: 3 },
    installation: { id: 5 },
    ...o,
  });

  it('an issue or pull request comment answers on the issue', () => {
    expect(parseCommentEvent('issue_comment', payload())).toEqual({
      repository: 'acme/deploy',
      commentId: 7,
      user: 'alice',
      userType: 'User',
      body: '/rollouts promote shop',
      url: 'https://github.com/acme/deploy/pull/3#c7',
      target: { issue: 3 },
      installationId: 5,
    });
  });

  it('a commit comment answers on the commit', () => {
    expect(parseCommentEvent('commit_comment', payload({ issue: undefined }))?.target).toEqual({
      commit: 'c'.repeat(40),
    });
  });

  it.each([
    ['an edit', 'issue_comment', payload({ action: 'edited' })],
    ['a deletion', 'issue_comment', payload({ action: 'deleted' })],
    ['an issue comment without issue', 'issue_comment', payload({ issue: undefined })],
    ['another event', 'pull_request_review_comment', payload()],
    ['no user', 'issue_comment', payload({ comment: { id: 7, body: 'x' } })],
  ])('%s: not a new comment', (_what, event, p) => {
    expect(parseCommentEvent(event, p)).toBeUndefined();
  });
});
