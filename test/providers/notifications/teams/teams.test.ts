import { describe, expect, it } from 'vitest';
import { teamsService } from '../../../../src/providers/notifications/teams/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const HOOK_PATH = '/webhookb2/0a1b2c3d-s3cr3t/IncomingWebhook/9z8y7x6w';

/**
 * An Office 365 connector as Teams runs it: 200 with the body `1` for a card it takes, 400 with
 * a sentence for a card it does not, and (as it used to) 200 with a throttling sentence.
 */
function connector(received: unknown[] = []) {
  return (req: RecordedRequest): Reply => {
    if (
      req.method !== 'POST' ||
      !String(req.headers['content-type']).startsWith('application/json')
    ) {
      return { status: 400, text: 'Bad payload received by generic incoming webhook.' };
    }
    if (req.path.endsWith('/throttled')) {
      return {
        text: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi',
      };
    }
    let card: Record<string, unknown>;
    try {
      card = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return { status: 400, text: 'Bad payload received by generic incoming webhook.' };
    }
    if (!card['summary'] && !card['text'])
      return { status: 400, text: 'Summary or Text is required.' };
    received.push(card);
    return { text: '1' };
  };
}

const teamsDelivery = (sections: Record<string, unknown> = {}, message?: string) =>
  aDelivery({
    service: { type: 'teams', name: 'teams' },
    recipient: 'release',
    sections,
    ...(message === undefined ? {} : { message }),
  });

runServiceConformance({
  service: teamsService,
  settings: (url) => ({ recipientUrls: { release: `${url}${HOOK_PATH}` } }),
  delivery: teamsDelivery(),
  accepted: connector(),
  secrets: [HOOK_PATH],
  brokenSettings: [
    { settings: {}, problem: '`recipientUrls` is required' },
    {
      settings: { recipientUrls: { release: `outlook.office.com${HOOK_PATH}` } },
      problem: '`recipientUrls.release`',
    },
    {
      settings: { recipientUrls: ['https://x.example'] },
      problem: '`recipientUrls` must be a map',
    },
  ],
});

describe('teams', () => {
  const endpoint = useFakeService();
  const settings = () =>
    settingsOf(
      teamsService.parseSettings({
        recipientUrls: {
          release: `${endpoint.url}${HOOK_PATH}`,
          busy: `${endpoint.url}/throttled`,
        },
      }),
    );

  it('builds a MessageCard from the section, facts appended as a last section', async () => {
    const received: unknown[] = [];
    endpoint.answer(connector(received));
    const delivery = teamsDelivery({
      teams: {
        title: 'checkout paused',
        summary: 'checkout paused at step 2',
        themeColor: '#f4c030',
        sections: '[{"activityTitle": "canary 20%"}]',
        facts: '[{"name": "Revision", "value": "7"}]',
        potentialAction:
          '[{"@type": "OpenUri", "name": "Open", "targets": [{"os": "default", "uri": "https://argo.example"}]}]',
      },
    });
    await expect(teamsService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(received).toEqual([
      {
        '@type': 'MessageCard',
        '@context': 'https://schema.org/extensions',
        title: 'checkout paused',
        summary: 'checkout paused at step 2',
        text: 'Rollout checkout is paused at step 2',
        themeColor: '#f4c030',
        sections: [{ activityTitle: 'canary 20%' }, { facts: [{ name: 'Revision', value: '7' }] }],
        potentialAction: [
          {
            '@type': 'OpenUri',
            name: 'Open',
            targets: [{ os: 'default', uri: 'https://argo.example' }],
          },
        ],
      },
    ]);
  });

  it('sends teams.template verbatim when the template gives one', async () => {
    const received: unknown[] = [];
    endpoint.answer(connector(received));
    const template = '{"@type":"MessageCard","text":"hand-made card"}';
    await expect(
      teamsService.send(aServiceContext(), settings(), teamsDelivery({ teams: { template } })),
    ).resolves.toEqual({ ok: true });
    expect(endpoint.requests[0]?.body).toBe(template);
  });

  it('makes a card the connector refuses final, with its sentence as the reason', async () => {
    endpoint.answer(connector());
    const outcome = await teamsService.send(aServiceContext(), settings(), teamsDelivery({}, ''));
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      reason: 'HTTP 400: Summary or Text is required.',
    });
  });

  it('retries a 200 answer that reports throttling, and refuses unknown recipients', async () => {
    endpoint.answer(connector());
    const busy = await teamsService.send(aServiceContext(), settings(), {
      ...teamsDelivery(),
      recipient: 'busy',
    });
    expect(busy).toMatchObject({
      ok: false,
      retryable: true,
      reason: expect.stringContaining('429') as unknown,
    });
    const unknown = await teamsService.send(aServiceContext(), settings(), {
      ...teamsDelivery(),
      recipient: 'qa',
    });
    expect(unknown).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('recipient qa') as unknown,
    });
  });

  it('refuses facts that are not JSON without sending', async () => {
    endpoint.answer(connector());
    const outcome = await teamsService.send(
      aServiceContext(),
      settings(),
      teamsDelivery({ teams: { facts: '[{"name":' } }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('teams.facts') as unknown,
    });
    expect(endpoint.requests).toHaveLength(0);
  });
});
