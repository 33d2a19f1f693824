import { describe, expect, it } from 'vitest';
import {
  signApprovalActions,
  type ApprovalTarget,
  verifyApprovalToken,
} from '../../../../src/core/notifications/approval/index.js';
import type { ApprovalSettings } from '../../../../src/core/notifications/types.js';

const KEY = 'link-key-0123456789';
const NOW = Date.UTC(2026, 11, 7, 6, 0, 0);
const HOUR = 3600_000;

function aSettings(overrides: Partial<ApprovalSettings> = {}): ApprovalSettings {
  return {
    url: 'https://rollouts.example.com/',
    linkKey: KEY,
    linkTtlMs: HOUR,
    triggers: ['on-rollout-paused'],
    ...overrides,
  };
}

function aTarget(overrides: Partial<ApprovalTarget> = {}): ApprovalTarget {
  return {
    namespace: 'default',
    name: 'shop',
    uid: '6f1c-uid',
    revision: '2',
    stepIndex: 1,
    podHash: '7c9f5d8b6',
    recipient: '#deploys',
    ...overrides,
  };
}

async function promoteToken(settings = aSettings(), target = aTarget()): Promise<string> {
  const actions = await signApprovalActions(settings, target, NOW);
  const promote = actions.find((a) => a.action === 'promote');
  if (!promote) throw new Error('no promote action');
  return promote.token;
}

describe('signApprovalActions', () => {
  it('gives Promote and Abort, each a link under the public URL carrying its own token', async () => {
    const actions = await signApprovalActions(aSettings(), aTarget(), NOW);
    expect(actions.map((a) => a.action)).toEqual(['promote', 'abort']);
    for (const a of actions)
      expect(a.url).toBe(`https://rollouts.example.com/hooks/approve/${a.token}`);
    expect(actions[0]?.token).not.toBe(actions[1]?.token);
  });

  it.each([
    ['no link key', aSettings({ linkKey: undefined })],
    ['an empty link key', aSettings({ linkKey: '' })],
    ['no public URL', aSettings({ url: undefined })],
    ['no approvals section', undefined],
  ])('gives no actions with %s', async (_, settings) => {
    expect(await signApprovalActions(settings, aTarget(), NOW)).toEqual([]);
  });

  it('puts neither the key nor anything derived from the settings but the claims in the token', async () => {
    const token = await promoteToken();
    const [claims] = token.split('.');
    const json = Buffer.from(claims ?? '', 'base64url').toString('utf8');
    expect(json).not.toContain(KEY);
    expect(JSON.parse(json)).toMatchObject({
      ns: 'default',
      n: 'shop',
      rev: '2',
      step: 1,
      act: 'promote',
      to: '#deploys',
    });
    expect(token).not.toContain(Buffer.from(KEY).toString('base64url').slice(0, 12));
  });
});

describe('verifyApprovalToken', () => {
  it('returns the claims it was built from (round trip)', async () => {
    const token = await promoteToken();
    const verified = await verifyApprovalToken(KEY, token, NOW + 1000);
    expect(verified).toEqual({
      ok: true,
      claims: {
        namespace: 'default',
        name: 'shop',
        uid: '6f1c-uid',
        revision: '2',
        stepIndex: 1,
        podHash: '7c9f5d8b6',
        action: 'promote',
        expiresAt: NOW + HOUR,
        nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        recipient: '#deploys',
      },
    });
  });

  it('keeps optional step and hash absent when the message had none', async () => {
    const token = await promoteToken(
      aSettings(),
      aTarget({ stepIndex: undefined, podHash: undefined }),
    );
    const verified = await verifyApprovalToken(KEY, token, NOW);
    expect(verified.ok && verified.claims).not.toHaveProperty('stepIndex');
    expect(verified.ok && verified.claims).not.toHaveProperty('podHash');
  });

  it('accepts the empty recipient of a webhook subscribed with "", and a Slack-only mark', async () => {
    for (const target of [aTarget({ recipient: '' }), aTarget({ only: 'slack' })]) {
      const verified = await verifyApprovalToken(KEY, await promoteToken(aSettings(), target), NOW);
      expect(verified).toMatchObject({ ok: true, claims: { ...target, action: 'promote' } });
    }
  });

  it('refuses a token changed in any single character', async () => {
    const token = await promoteToken();
    const accepted: number[] = [];
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const changed = token.slice(0, i) + c + token.slice(i + 1);
      const verified = await verifyApprovalToken(KEY, changed, NOW);
      if (verified.ok) accepted.push(i);
      else expect(['tampered', 'malformed']).toContain(verified.refusal);
    }
    expect(accepted).toEqual([]);
  });

  it('says tampered for claims re-signed with another key, or claims swapped under a valid MAC', async () => {
    const other = await promoteToken(aSettings({ linkKey: 'another-key' }));
    expect(await verifyApprovalToken(KEY, other, NOW)).toEqual({ ok: false, refusal: 'tampered' });
    const abortAction = (await signApprovalActions(aSettings(), aTarget(), NOW))[1];
    const [, promoteMac] = (await promoteToken()).split('.');
    const [abortClaims] = (abortAction?.token ?? '').split('.');
    expect(await verifyApprovalToken(KEY, `${abortClaims}.${promoteMac}`, NOW)).toEqual({
      ok: false,
      refusal: 'tampered',
    });
  });

  it('accepts until the TTL ends and refuses from then on, with the claims for the page', async () => {
    const token = await promoteToken();
    expect((await verifyApprovalToken(KEY, token, NOW + HOUR - 1)).ok).toBe(true);
    const expired = await verifyApprovalToken(KEY, token, NOW + HOUR);
    expect(expired).toMatchObject({ ok: false, refusal: 'expired', claims: { name: 'shop' } });
  });

  it.each([
    ['empty', ''],
    ['no MAC', 'eyJ2IjoxfQ'],
    ['three parts', 'a.b.c'],
    ['a short MAC', 'eyJ2IjoxfQ.AAAA'],
    ['not base64url', 'eyJ2IjoxfQ.!!!!'],
    ['too long', `${'A'.repeat(3000)}.${'A'.repeat(43)}`],
  ])('says malformed for %s', async (_, token) => {
    expect(await verifyApprovalToken(KEY, token, NOW)).toEqual({ ok: false, refusal: 'malformed' });
  });
});
