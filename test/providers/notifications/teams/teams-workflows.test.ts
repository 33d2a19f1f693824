import { describe, expect, it } from 'vitest';
import { teamsWorkflowsService } from '../../../../src/providers/notifications/teams/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const FLOW_PATH =
  '/powerautomate/automations/direct/workflows/5e1f0c9a/triggers/manual/paths/invoke';
const SIG = 'sig=Zt0pS3cr3tSignatureOfTheFlow';

/** A Power Automate "post to a channel when a webhook request is received" flow: 202 for a card. */
function flow(received: unknown[] = []) {
  return (req: RecordedRequest): Reply => {
    if (req.query.get('sig') !== 'Zt0pS3cr3tSignatureOfTheFlow') {
      return {
        status: 401,
        json: {
          error: {
            code: 'DirectApiAuthorizationRequired',
            message: 'The request must be authenticated.',
          },
        },
      };
    }
    const message = JSON.parse(req.body) as {
      type?: unknown;
      attachments?: Array<Record<string, unknown>>;
    };
    const card = message.attachments?.[0];
    if (
      message.type !== 'message' ||
      card?.['contentType'] !== 'application/vnd.microsoft.card.adaptive'
    ) {
      return {
        status: 400,
        json: {
          error: {
            code: 'InvalidRequestContent',
            message: 'The input body is not a message with an Adaptive Card.',
          },
        },
      };
    }
    received.push(card['content']);
    return { status: 202, text: '' };
  };
}

const wfDelivery = (fields: Record<string, unknown> = {}) =>
  aDelivery({
    service: { type: 'teams-workflows', name: 'teams-workflows' },
    recipient: 'release',
    sections: { 'teams-workflows': fields },
  });

runServiceConformance({
  service: teamsWorkflowsService,
  settings: (url) => ({ recipientUrls: { release: `${url}${FLOW_PATH}?${SIG}` } }),
  delivery: wfDelivery(),
  accepted: flow(),
  secrets: ['Zt0pS3cr3tSignatureOfTheFlow'],
  brokenSettings: [
    {
      settings: { recipientUrls: { release: `http://flows.example${FLOW_PATH}?${SIG}` } },
      problem: 'must use https',
    },
    {
      settings: { recipientUrls: { release: `https://hooks.example/x?${SIG}` } },
      problem: 'not a Teams Workflows',
    },
  ],
});

describe('teams-workflows', () => {
  const endpoint = useFakeService();
  const settings = () =>
    settingsOf(
      teamsWorkflowsService.parseSettings({
        recipientUrls: { release: `${endpoint.url}${FLOW_PATH}?${SIG}` },
      }),
    );

  it('turns MessageCard-style fields into an Adaptive Card', async () => {
    const received: unknown[] = [];
    endpoint.answer(flow(received));
    const delivery = wfDelivery({
      title: 'checkout paused',
      themeColor: 'Warning',
      facts: '[{"name": "Revision", "value": "7"}]',
      sections: '[{"facts": [{"name": "Step", "value": 2}]}]',
      potentialAction:
        '[{"@type": "OpenUri", "name": "Open", "targets": [{"os": "default", "uri": "https://argo.example"}]}]',
    });
    await expect(
      teamsWorkflowsService.send(aServiceContext(), settings(), delivery),
    ).resolves.toEqual({ ok: true });
    expect(received).toEqual([
      {
        type: 'AdaptiveCard',
        version: '1.4',
        body: [
          {
            type: 'TextBlock',
            text: 'checkout paused',
            size: 'Large',
            weight: 'Bolder',
            wrap: true,
            color: 'Warning',
          },
          { type: 'TextBlock', text: 'Rollout checkout is paused at step 2', wrap: true },
          { type: 'FactSet', facts: [{ title: 'Revision', value: '7' }] },
          { type: 'FactSet', facts: [{ title: 'Step', value: '2' }] },
        ],
        actions: [{ type: 'Action.OpenUrl', title: 'Open', url: 'https://argo.example' }],
      },
    ]);
  });

  it('wraps a given adaptiveCard as it is', async () => {
    const received: unknown[] = [];
    endpoint.answer(flow(received));
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'custom' }],
    };
    const delivery = wfDelivery({ adaptiveCard: JSON.stringify(card), title: 'ignored' });
    await expect(
      teamsWorkflowsService.send(aServiceContext(), settings(), delivery),
    ).resolves.toEqual({ ok: true });
    expect(received).toEqual([card]);
  });
});
