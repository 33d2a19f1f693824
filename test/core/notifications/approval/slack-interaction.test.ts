import { describe, expect, it } from 'vitest';
import {
  buildSlackReply,
  parseSlackInteraction,
} from '../../../../src/core/notifications/approval/index.js';

function aClick(overrides: Record<string, unknown> = {}, action: Record<string, unknown> = {}) {
  return {
    type: 'block_actions',
    user: { id: 'U1', username: 'alice', name: 'Alice' },
    response_url: 'https://hooks.slack.com/actions/T1/1/x',
    actions: [{ type: 'button', action_id: 'rollouts-promote', value: 'tok.en', ...action }],
    ...overrides,
  };
}

describe('parseSlackInteraction', () => {
  it('reads a Promote click: the token, the user by handle, the response URL', () => {
    expect(parseSlackInteraction(aClick())).toEqual({
      kind: 'action',
      action: 'promote',
      token: 'tok.en',
      user: { id: 'U1', name: 'alice' },
      responseUrl: 'https://hooks.slack.com/actions/T1/1/x',
    });
  });

  it('finds our button among several actions', () => {
    const click = aClick({
      actions: [
        { action_id: 'other-app', value: 'x' },
        { action_id: 'rollouts-abort', value: 'abort.token' },
      ],
    });
    expect(parseSlackInteraction(click)).toMatchObject({ action: 'abort', token: 'abort.token' });
  });

  it.each([
    ['a modal submission', aClick({ type: 'view_submission' })],
    ['another app button', aClick({}, { action_id: 'deploy-bot-approve' })],
    ['no actions', aClick({ actions: undefined })],
  ])('ignores %s', (_, payload) => {
    expect(parseSlackInteraction(payload)).toMatchObject({ kind: 'ignored' });
  });

  it.each([
    ['no user id', aClick({ user: { username: 'alice' } })],
    ['a button without a value', aClick({}, { value: '' })],
    ['not an object', 'payload'],
  ])('calls %s invalid', (_, payload) => {
    expect(parseSlackInteraction(payload)).toMatchObject({ kind: 'invalid' });
  });
});

describe('buildSlackReply', () => {
  const claims = {
    namespace: 'default',
    name: 'shop',
    uid: 'u',
    revision: '2',
    action: 'promote' as const,
    expiresAt: 1,
    nonce: 'n',
    recipient: '#deploys',
  };
  const user = { id: 'U1', name: 'alice' };

  it('names who promoted', () => {
    expect(
      buildSlackReply({ outcome: 'done', claims, summary: 'promoted to step 2' }, 'promote', user),
    ).toBe('Promoted by <@U1>: default/shop, promoted to step 2');
  });

  it('says why nothing was done', () => {
    const refused = { outcome: 'refused' as const, kind: 'used' as const, reason: 'already used' };
    expect(buildSlackReply(refused, 'abort', user)).toBe(
      'Not aborted: already used. Nothing was changed.',
    );
  });
});
