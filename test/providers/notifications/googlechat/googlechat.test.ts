import { describe, expect, it } from 'vitest';
import { googleChatService } from '../../../../src/providers/notifications/googlechat/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const KEY = 'AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI';
const TOKEN = 'q8Zs3cr3tT0kenOfTheSpace';
const HOOK = `/v1/spaces/AAAAx9k2Qw/messages?key=${KEY}&token=${TOKEN}`;
const REPLY_OPTIONS = ['REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD', 'REPLY_MESSAGE_OR_FAIL'];

const googleError = (code: number, status: string, message: string): Reply => ({
  status: code,
  json: { error: { code, message, status } },
});

/** A Chat space's incoming webhook: key and token in the query, JSON in, the message out. */
function chatWebhook(received: Array<Record<string, unknown>> = []) {
  return (req: RecordedRequest): Reply => {
    if (req.query.get('key') !== KEY || req.query.get('token') !== TOKEN) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    }
    const option = req.query.get('messageReplyOption');
    if (option !== null && !REPLY_OPTIONS.includes(option)) {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        `Invalid value at 'message_reply_option' (${option})`,
      );
    }
    const message = JSON.parse(req.body) as Record<string, unknown>;
    const cardsV2 = message['cardsV2'] as Array<Record<string, unknown>> | undefined;
    if (cardsV2?.some((c) => typeof c['cardId'] !== 'string' || typeof c['card'] !== 'object')) {
      return googleError(
        400,
        'INVALID_ARGUMENT',
        'Invalid card: every card needs a cardId and a card.',
      );
    }
    if (!message['text'] && !cardsV2 && !message['cards']) {
      return googleError(400, 'INVALID_ARGUMENT', 'Message cannot be empty.');
    }
    received.push({ ...message, threadKey: req.query.get('threadKey'), option });
    const thread = `spaces/AAAAx9k2Qw/threads/${req.query.get('threadKey') ?? 'new'}`;
    return { json: { name: 'spaces/AAAAx9k2Qw/messages/m1', thread: { name: thread } } };
  };
}

const chatDelivery = (sections: Record<string, unknown> = {}, message?: string) =>
  aDelivery({
    service: { type: 'googlechat', name: 'googlechat' },
    recipient: 'releases',
    sections,
    ...(message === undefined ? {} : { message }),
  });

runServiceConformance({
  service: googleChatService,
  settings: (url) => ({ webhooks: { releases: `${url}${HOOK}` } }),
  delivery: chatDelivery(),
  accepted: chatWebhook(),
  secrets: [KEY, TOKEN],
  brokenSettings: [
    { settings: {}, problem: '`webhooks` is required' },
    {
      settings: { webhooks: { releases: `chat.googleapis.com${HOOK}` } },
      problem: '`webhooks.releases`',
    },
  ],
});

describe('googlechat', () => {
  const endpoint = useFakeService();
  const settings = () =>
    settingsOf(
      googleChatService.parseSettings({ webhooks: { releases: `${endpoint.url}${HOOK}` } }),
    );

  it('sends the text, in the thread of its threadKey (a new one when there is none yet)', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(chatWebhook(received));
    const delivery = chatDelivery({ googlechat: { threadKey: 'checkout-7' } });
    await expect(googleChatService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(received).toEqual([
      {
        text: 'Rollout checkout is paused at step 2',
        threadKey: 'checkout-7',
        option: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD',
      },
    ]);
  });

  it('sends cardsV2 instead of the text, each card with a stable cardId', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(chatWebhook(received));
    const card = {
      header: { title: 'checkout paused' },
      sections: [{ widgets: [{ textParagraph: { text: 'step 2' } }] }],
    };
    const delivery = chatDelivery({ googlechat: { cardsV2: JSON.stringify([card]) } });
    await expect(googleChatService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    await expect(googleChatService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(received[0]).toEqual({
      cardsV2: [{ cardId: 'paused:checkout:7:2-0', card }],
      threadKey: null,
      option: null,
    });
    expect(received[1]).toEqual(received[0]);
  });

  it("makes Google's refusal final, with its status and message as the reason", async () => {
    endpoint.answer(chatWebhook());
    const outcome = await googleChatService.send(
      aServiceContext(),
      settings(),
      chatDelivery({}, ''),
    );
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      reason: 'HTTP 400: INVALID_ARGUMENT: Message cannot be empty.',
    });
  });
});
