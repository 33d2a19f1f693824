import { describe, expect, it } from 'vitest';
import { opsgenieService } from '../../../../src/providers/notifications/opsgenie/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const API_KEY = 'eb243592-faa2-4ba2-a551-1afdf565c889';
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'];

const unprocessable = (errors: Record<string, string>): Reply => ({
  status: 422,
  json: {
    message: 'Request body is not processable. Please check the errors.',
    errors,
    took: 0.01,
    requestId: 'r-422',
  },
});

/** Opsgenie's Alert API `POST /v2/alerts`: a GenieKey, a message of at most 130 characters, P1–P5. */
function alertApi(received: Array<Record<string, unknown>> = []) {
  return (req: RecordedRequest): Reply => {
    if (req.method !== 'POST' || req.path !== '/v2/alerts')
      return { status: 404, json: { message: 'Not found' } };
    if (req.headers.authorization !== `GenieKey ${API_KEY}`) {
      return {
        status: 401,
        json: { message: 'Could not authenticate', took: 0.0, requestId: 'r-401' },
      };
    }
    const alert = JSON.parse(req.body) as Record<string, unknown>;
    const message = alert['message'];
    if (typeof message !== 'string' || message === '')
      return unprocessable({ message: 'Message can not be empty.' });
    if (message.length > 130)
      return unprocessable({ message: 'Message can not be longer than 130 characters.' });
    if (alert['priority'] !== undefined && !PRIORITIES.includes(String(alert['priority']))) {
      return unprocessable({ priority: 'Priority should be one of [P1, P2, P3, P4, P5]' });
    }
    const responders = (alert['responders'] ?? []) as Array<Record<string, unknown>>;
    if (
      responders.some(
        (r) => !['team', 'user', 'escalation', 'schedule'].includes(String(r['type'])),
      )
    ) {
      return unprocessable({ responders: 'Responder type is invalid' });
    }
    received.push(alert);
    return {
      status: 202,
      json: { result: 'Request will be processed', took: 0.2, requestId: 'r-202' },
    };
  };
}

const section = {
  description: 'checkout aborted at step 2; canary scaled down',
  priority: 'P2',
  alias: 'shop/checkout/7',
  note: 'see the analysis run',
  tags: ['rollouts', 'shop'],
  actions: ['Promote'],
  details: { revision: '7' },
  entity: 'shop/checkout',
  visibleTo: [{ type: 'team', name: 'sre' }],
};
const ogDelivery = (fields: Record<string, unknown> | null = section, message?: string) =>
  aDelivery({
    service: { type: 'opsgenie', name: 'opsgenie' },
    recipient: 'checkout-team',
    sections: fields === null ? {} : { opsgenie: fields },
    ...(message === undefined ? {} : { message }),
  });

runServiceConformance({
  service: opsgenieService,
  settings: (url) => ({ apiUrl: url, apiKeys: { 'checkout-team': API_KEY } }),
  delivery: ogDelivery(),
  accepted: alertApi(),
  secrets: [API_KEY],
  brokenSettings: [
    { settings: { apiUrl: 'api.opsgenie.com' }, problem: '`apiKeys` is required' },
    { settings: { apiKeys: { team: API_KEY }, apiUrl: 'ftp://x' }, problem: '`apiUrl`' },
  ],
});

describe('opsgenie', () => {
  const endpoint = useFakeService();
  const settings = () =>
    settingsOf(
      opsgenieService.parseSettings({
        apiUrl: endpoint.url,
        apiKeys: { 'checkout-team': API_KEY },
      }),
    );

  it('creates an alert for the team, with every field of the section', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(alertApi(received));
    await expect(
      opsgenieService.send(aServiceContext(), settings(), ogDelivery()),
    ).resolves.toEqual({ ok: true });
    expect(received).toEqual([
      {
        message: 'Rollout checkout is paused at step 2',
        responders: [{ type: 'team', id: 'checkout-team' }],
        source: 'Serverless Rollouts',
        ...section,
      },
    ]);
  });

  it('cuts the message to 130 characters, and reads tags written as JSON text', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(alertApi(received));
    const delivery = ogDelivery({ description: 'd', tags: '["a","b"]' }, 'm'.repeat(300));
    await expect(opsgenieService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(received[0]).toMatchObject({ tags: ['a', 'b'] });
    expect(received[0]?.['message']).toHaveLength(130);
  });

  it('takes a host for apiUrl, as upstream does, and defaults to the US API', () => {
    const eu = settingsOf(
      opsgenieService.parseSettings({ apiUrl: 'api.eu.opsgenie.com', apiKeys: { t: API_KEY } }),
    );
    const us = settingsOf(opsgenieService.parseSettings({ apiKeys: { t: API_KEY } }));
    expect([eu.apiURL, us.apiURL]).toEqual([
      'https://api.eu.opsgenie.com',
      'https://api.opsgenie.com',
    ]);
  });

  it.each([
    ['a section without description', { priority: 'P1' }, 'description is empty'],
    [
      'a priority Opsgenie does not know',
      { ...section, priority: 'P9' },
      'priority must be one of',
    ],
    ['tags that are not a list of strings', { ...section, tags: '{"a":1}' }, 'tags must be a list'],
  ])('refuses %s without sending', async (_what, fields, reason) => {
    endpoint.answer(alertApi());
    const outcome = await opsgenieService.send(aServiceContext(), settings(), ogDelivery(fields));
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining(reason) as unknown,
    });
    expect(endpoint.requests).toHaveLength(0);
  });

  it('makes a wrong key final without showing it', async () => {
    endpoint.answer(alertApi());
    const wrong = settingsOf(
      opsgenieService.parseSettings({
        apiUrl: endpoint.url,
        apiKeys: { 'checkout-team': 'wrong-key-123456' },
      }),
    );
    const outcome = await opsgenieService.send(aServiceContext(), wrong, ogDelivery());
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('Could not authenticate') as unknown,
    });
    expect(JSON.stringify(outcome)).not.toContain('wrong-key-123456');
  });
});
