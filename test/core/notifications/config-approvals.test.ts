import { describe, expect, it } from 'vitest';
import { resolveApprovalUrl } from '../../../src/core/notifications/config-approvals.js';
import { parseNotificationConfig } from '../../../src/core/notifications/index.js';
import { aConfigMap, aSecret, NOW } from './fixtures.js';

// Our own `approvals` key of the notification ConfigMap (issue 20 §6), its secrets from the Secret.

describe('approvals', () => {
  const secret = aSecret({
    'approval-link-key': 'k'.repeat(32),
    'slack-signing-secret': 'sign-me-please',
  });

  it('reads our approvals key with its defaults and secrets', () => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({
        approvals:
          'url: https://rollouts.example.com/\nlinkKey: $approval-link-key\nslack:\n  signingSecret: $slack-signing-secret\n  users: [U024BE7LH]\n',
      }),
      secret,
      now: NOW,
    });
    expect(config.problems).toEqual([]);
    expect(config.approvals).toEqual({
      url: 'https://rollouts.example.com',
      linkKey: 'k'.repeat(32),
      linkTtlMs: 3_600_000,
      triggers: [
        'on-rollout-paused',
        'on-analysis-run-failed',
        'on-analysis-run-error',
        'on-analysis-run-inconclusive',
      ],
      slack: { signingSecret: 'sign-me-please', users: ['U024BE7LH'], groups: [] },
    });
    expect(config.secretValues).toContain('sign-me-please');
  });

  it.each([
    ['linkTTL: soon\nlinkKey: k', 'approvals.linkTTL'],
    ['url: https://x\n', 'approvals.linkKey'],
    ['slack:\n  users: [U1]', 'approvals.slack.signingSecret'],
    ['slack:\n  signingSecret: s', 'approvals.slack'],
    ['linkKey: $nope', 'approvals'],
    ['slack:\n  signingSecret: s\n  users: [U1]', 'approvals.linkKey'],
  ])('lists a problem in %j under %s and leaves approvals off', (yaml, key) => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({ approvals: yaml }),
      secret,
      now: NOW,
    });
    expect(config.problems.map((p) => p.key)).toContain(key);
    expect(config.approvals).toBeUndefined();
  });

  it('takes a custom TTL and trigger list', () => {
    const config = parseNotificationConfig({
      configMap: aConfigMap({
        approvals: 'linkKey: $approval-link-key\nlinkTTL: 15m\ntriggers: [on-rollout-paused]',
      }),
      secret,
      now: NOW,
    });
    expect(config.approvals).toMatchObject({ linkTtlMs: 900_000, triggers: ['on-rollout-paused'] });
  });
});

describe('resolveApprovalUrl: where Promote/Abort links point', () => {
  const base = { linkTtlMs: 3_600_000, triggers: ['on-rollout-paused'] };
  const slack = { signingSecret: 's', users: ['U1'], groups: [] };
  it.each([
    [
      'approvals.url wins',
      { url: 'https://a.example', linkKey: 'k' },
      'https://b.example',
      'https://a.example',
    ],
    [
      'PUBLIC_URL without approvals.url',
      { linkKey: 'k' },
      'https://b.example/',
      'https://b.example',
    ],
    [
      'Slack buttons take it too',
      { linkKey: 'k', slack },
      'http://127.0.0.1:8080',
      'http://127.0.0.1:8080',
    ],
  ])('%s', (_, approvals, publicUrl, url) => {
    expect(resolveApprovalUrl({ ...base, ...approvals }, publicUrl)).toEqual({
      approvals: { ...base, ...approvals, url },
      problems: [],
    });
  });

  it.each([
    ['a link key', { linkKey: 'k' }],
    ['Slack', { linkKey: 'k', slack }],
  ])('approvals with %s but no URL anywhere are a problem under approvals.url', (_, approvals) => {
    const resolved = resolveApprovalUrl({ ...base, ...approvals }, undefined);
    expect(resolved.problems).toEqual([
      { key: 'approvals.url', message: expect.stringContaining('PUBLIC_URL') as unknown },
    ]);
    expect(resolved.approvals?.url).toBeUndefined();
  });

  it('no approvals, no URL: nothing to say', () => {
    expect(resolveApprovalUrl(undefined, undefined)).toEqual({ problems: [] });
    expect(resolveApprovalUrl(base, undefined)).toEqual({ approvals: base, problems: [] });
  });
});
