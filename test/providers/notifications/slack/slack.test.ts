import { describe, expect, it } from 'vitest';
import type { ApprovalAction } from '../../../../src/domain/notification.js';
import { slackService } from '../../../../src/providers/notifications/slack/index.js';
import { useFakeService } from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, memoryThreads, settingsOf } from '../support/delivery.js';
import { fakeSlackApi, fakeSlackWebhook } from './fake-slack-api.js';

const TOKEN = 'xoxb-1111-2222-s3cr3tB0tT0kenValue';
const CHANNELS = { '#rollouts': 'C0ROLLOUTS', '#ops': 'C0OPS' };
const slackDelivery = (overrides: Parameters<typeof aDelivery>[0] = {}) =>
  aDelivery({ service: { type: 'slack', name: 'slack' }, recipient: '#rollouts', ...overrides });

runServiceConformance({
  service: slackService,
  variant: 'bot token',
  settings: (url) => ({ token: TOKEN, apiURL: `${url}/api` }),
  delivery: slackDelivery(),
  accepted: (req) => fakeSlackApi({ token: TOKEN, channels: CHANNELS }).handle(req),
  secrets: [TOKEN],
  brokenSettings: [
    { settings: {}, problem: 'either `token`' },
    {
      settings: { token: TOKEN, apiURL: 'slack.example/api' },
      problem: '`apiURL` must be an absolute',
    },
    {
      settings: { webhookURL: { ops: 'not a url T0ABC/B0DEF/s3cr3tHookPath' } },
      problem: '`webhookURL.ops`',
    },
  ],
});

runServiceConformance({
  service: slackService,
  variant: 'incoming webhook',
  settings: (url) => ({ webhookURL: `${url}/services/T0ABC/B0DEF/s3cr3tHookPath` }),
  delivery: slackDelivery(),
  accepted: fakeSlackWebhook([]),
  secrets: ['T0ABC/B0DEF/s3cr3tHookPath'],
  brokenSettings: [
    { settings: { webhookURL: 'hooks.slack.com/s3cr3tHookPath' }, problem: '`webhookURL`' },
  ],
});

const ACTIONS: ApprovalAction[] = [
  {
    action: 'promote',
    token: 'tok-promote-1',
    url: 'https://rollouts.example/hooks/approve/tok-promote-1',
  },
  {
    action: 'abort',
    token: 'tok-abort-1',
    url: 'https://rollouts.example/hooks/approve/tok-abort-1',
  },
];

describe('slack with a bot token', () => {
  const endpoint = useFakeService();
  const withApi = () => {
    const api = fakeSlackApi({ token: TOKEN, channels: CHANNELS });
    endpoint.answer((req) => api.handle(req));
    return api;
  };
  const settings = (extra: Record<string, unknown> = {}) =>
    settingsOf(
      slackService.parseSettings({ token: TOKEN, apiURL: `${endpoint.url}/api`, ...extra }),
    );

  it('posts the message with its blocks, attachments, username and emoji icon', async () => {
    const api = withApi();
    const blocks = [{ type: 'header', text: { type: 'plain_text', text: 'checkout paused' } }];
    const attachments = [{ color: '#f4c030', text: 'step 2 of 4' }];
    const delivery = slackDelivery({
      sections: {
        slack: {
          blocks: JSON.stringify(blocks),
          attachments: JSON.stringify(attachments),
          icon: ':pause_button:',
        },
      },
    });
    const outcome = await slackService.send(
      aServiceContext(),
      settings({ username: 'rollouts' }),
      delivery,
    );
    expect(outcome).toEqual({ ok: true });
    expect(api.messages).toEqual([
      expect.objectContaining({
        channel: 'C0ROLLOUTS',
        text: 'Rollout checkout is paused at step 2',
        blocks,
        attachments,
        username: 'rollouts',
        icon_emoji: ':pause_button:',
      }),
    ]);
    expect(endpoint.requests[0]?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('threads messages with the same grouping key under the first, broadcasting when asked', async () => {
    const api = withApi();
    const ctx = aServiceContext({ threads: memoryThreads() });
    const grouped = (message: string, extra: Record<string, unknown> = {}) =>
      slackDelivery({ message, sections: { slack: { groupingKey: 'checkout-7', ...extra } } });
    await expect(slackService.send(ctx, settings(), grouped('updated'))).resolves.toEqual({
      ok: true,
    });
    await expect(slackService.send(ctx, settings(), grouped('step 1 done'))).resolves.toEqual({
      ok: true,
    });
    await expect(
      slackService.send(ctx, settings(), grouped('completed', { notifyBroadcast: true })),
    ).resolves.toEqual({ ok: true });
    await slackService.send(
      ctx,
      settings(),
      slackDelivery({ message: 'other', sections: { slack: { groupingKey: 'checkout-8' } } }),
    );
    const [first, second, third, other] = api.messages;
    expect(first?.thread_ts).toBeUndefined();
    expect(second).toMatchObject({ text: 'step 1 done', thread_ts: first?.ts });
    expect(third).toMatchObject({ text: 'completed', thread_ts: first?.ts, reply_broadcast: true });
    expect(second?.reply_broadcast).toBeUndefined();
    expect(other?.thread_ts).toBeUndefined();
  });

  it.each([
    ['Update', 1, 1],
    ['PostAndUpdate', 2, 1],
    ['Post', 2, 0],
  ])(
    'with deliveryPolicy %s, a second message posts %i message(s) and updates the first %i time(s)',
    async (policy, posts, updates) => {
      const api = withApi();
      const ctx = aServiceContext({ threads: memoryThreads() });
      const grouped = (message: string) =>
        slackDelivery({
          message,
          sections: { slack: { groupingKey: 'checkout-7', deliveryPolicy: policy } },
        });
      await expect(slackService.send(ctx, settings(), grouped('Rollout updated'))).resolves.toEqual(
        { ok: true },
      );
      await expect(
        slackService.send(ctx, settings(), grouped('Rollout completed')),
      ).resolves.toEqual({ ok: true });
      expect(api.messages).toHaveLength(posts);
      expect(api.messages[0]?.updates).toBe(updates);
      if (updates > 0) expect(api.messages[0]?.text).toBe('Rollout completed');
    },
  );

  it('does not retry a reply already posted when updating the first message fails', async () => {
    const api = fakeSlackApi({ token: TOKEN, channels: CHANNELS });
    endpoint.answer((req) =>
      req.path === '/api/chat.update'
        ? { json: { ok: false, error: 'internal_error' } }
        : api.handle(req),
    );
    const ctx = aServiceContext({ threads: memoryThreads() });
    const grouped = slackDelivery({
      sections: { slack: { groupingKey: 'checkout-7', deliveryPolicy: 'PostAndUpdate' } },
    });
    await expect(slackService.send(ctx, settings(), grouped)).resolves.toEqual({ ok: true });
    const outcome = await slackService.send(ctx, settings(), grouped);
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      reason:
        'posted in the thread; updating its first message failed: chat.update: internal_error',
    });
    expect(api.messages).toHaveLength(2);
  });

  it('counts a posted message as sent when its thread cannot be remembered', async () => {
    const api = withApi();
    const threads = {
      get: () => Promise.resolve(undefined),
      set: () => Promise.reject(new Error('Durable Object storage unavailable')),
    };
    const grouped = slackDelivery({ sections: { slack: { groupingKey: 'checkout-7' } } });
    const outcome = await slackService.send(aServiceContext({ threads }), settings(), grouped);
    expect(outcome).toEqual({ ok: true });
    expect(api.messages).toHaveLength(1);
  });

  it('adds Promote and Abort buttons, with the text as a section when the message has no blocks', async () => {
    const api = withApi();
    const outcome = await slackService.send(
      aServiceContext(),
      settings(),
      slackDelivery({ actions: ACTIONS }),
    );
    expect(outcome).toEqual({ ok: true });
    const blocks = api.messages[0]?.blocks ?? [];
    expect(blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Rollout checkout is paused at step 2' },
    });
    const elements = blocks[1]?.['elements'] as Array<Record<string, unknown>>;
    expect(blocks[1]?.['type']).toBe('actions');
    expect(elements.map((e) => [e['action_id'], e['value'], e['style']])).toEqual([
      ['rollouts-promote', 'tok-promote-1', 'primary'],
      ['rollouts-abort', 'tok-abort-1', 'danger'],
    ]);
    expect(elements[0]).not.toHaveProperty('confirm');
    expect(elements[1]).toHaveProperty('confirm.confirm.text', 'Abort');
  });

  it('appends the buttons after the template blocks, and refuses without a request past 50 blocks', async () => {
    const api = withApi();
    const block = { type: 'divider' };
    const within = slackDelivery({
      actions: ACTIONS,
      sections: { slack: { blocks: JSON.stringify([block]) } },
    });
    await expect(slackService.send(aServiceContext(), settings(), within)).resolves.toEqual({
      ok: true,
    });
    expect(api.messages[0]?.blocks?.map((b) => b['type'])).toEqual(['divider', 'actions']);
    const full = slackDelivery({
      actions: ACTIONS,
      sections: { slack: { blocks: JSON.stringify(Array(50).fill(block)) } },
    });
    const outcome = await slackService.send(aServiceContext(), settings(), full);
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('at most 50') as unknown,
    });
    expect(endpoint.requests).toHaveLength(1);
  });

  it('cuts text past 40000 characters so Slack takes it', async () => {
    const api = withApi();
    const outcome = await slackService.send(
      aServiceContext(),
      settings(),
      slackDelivery({ message: 'x'.repeat(50_000) }),
    );
    expect(outcome).toEqual({ ok: true });
    expect(api.messages[0]?.text).toHaveLength(40_000);
  });

  it.each([
    ['#nowhere', {}, 'channel_not_found'],
    ['#rollouts', { token: 'xoxb-revoked-0000' }, 'invalid_auth'],
  ])("makes Slack's refusal for %s final and names it", async (recipient, extra, error) => {
    withApi();
    const outcome = await slackService.send(
      aServiceContext(),
      settings(extra),
      slackDelivery({ recipient }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining(error) as unknown,
    });
  });

  it('retries a 200 answer of ratelimited or internal_error, not not_in_channel', async () => {
    for (const [error, retryable] of [
      ['ratelimited', true],
      ['internal_error', true],
      ['not_in_channel', false],
    ] as const) {
      endpoint.answer({ json: { ok: false, error } });
      const outcome = await slackService.send(aServiceContext(), settings(), slackDelivery());
      expect(outcome).toMatchObject({ ok: false, retryable, reason: `chat.postMessage: ${error}` });
    }
  });

  it('refuses blocks that are not JSON without sending', async () => {
    withApi();
    const delivery = slackDelivery({ sections: { slack: { blocks: '[{"type": "section",' } } });
    const outcome = await slackService.send(aServiceContext(), settings(), delivery);
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('slack.blocks is not valid JSON') as unknown,
    });
    expect(endpoint.requests).toHaveLength(0);
  });
});

describe('slack with an incoming webhook', () => {
  const endpoint = useFakeService();

  it("posts to the recipient's webhook from a map, buttons included, and refuses unknown recipients", async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(fakeSlackWebhook(received));
    const settings = settingsOf(
      slackService.parseSettings({
        webhookURL: {
          '#ops': `${endpoint.url}/services/ops`,
          '#dev': `${endpoint.url}/services/dev`,
        },
      }),
    );
    const sent = await slackService.send(
      aServiceContext(),
      settings,
      slackDelivery({ recipient: '#dev', actions: ACTIONS }),
    );
    expect(sent).toEqual({ ok: true });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      path: '/services/dev',
      text: 'Rollout checkout is paused at step 2',
    });
    expect(JSON.stringify(received[0]?.['blocks'])).toContain('rollouts-promote');
    const unknown = await slackService.send(
      aServiceContext(),
      settings,
      slackDelivery({ recipient: '#qa' }),
    );
    expect(unknown).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('#qa') as unknown,
    });
  });

  it('sends every recipient to a single webhook URL and makes an archived channel final', async () => {
    endpoint.answer(fakeSlackWebhook([]));
    const settings = settingsOf(
      slackService.parseSettings({ webhookURL: `${endpoint.url}/services/archived` }),
    );
    const outcome = await slackService.send(
      aServiceContext(),
      settings,
      slackDelivery({ recipient: 'anything' }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: 'HTTP 410: channel_is_archived',
    });
  });
});
