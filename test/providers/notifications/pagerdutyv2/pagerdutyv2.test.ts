import { describe, expect, it } from 'vitest';
import { pagerDutyV2Service } from '../../../../src/providers/notifications/pagerdutyv2/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const ROUTING_KEY = 'e93facc04764012d7bfb002500d5d1a6';
const SEVERITIES = ['critical', 'error', 'warning', 'info'];

const invalid = (error: string): Reply => ({
  status: 400,
  json: { status: 'invalid event', message: 'Event object is invalid', errors: [error] },
});

/** Events API v2 `POST /v2/enqueue`, with the checks PagerDuty documents for a trigger event. */
function eventsApi(received: Array<Record<string, unknown>> = []) {
  return (req: RecordedRequest): Reply => {
    if (req.method !== 'POST' || req.path !== '/v2/enqueue')
      return { status: 404, text: 'Not Found' };
    if (!String(req.headers['content-type']).startsWith('application/json'))
      return invalid('Content-Type must be application/json');
    const event = JSON.parse(req.body) as Record<string, unknown>;
    const payload = (event['payload'] ?? {}) as Record<string, unknown>;
    if (String(event['routing_key']).length !== 32)
      return invalid("Length of 'routing_key' is incorrect (should be 32 characters)");
    if (!['trigger', 'acknowledge', 'resolve'].includes(String(event['event_action'])))
      return invalid("'event_action' is invalid");
    if (typeof payload['summary'] !== 'string' || payload['summary'] === '')
      return invalid("'payload.summary' is missing or blank");
    if (payload['summary'].length > 1024)
      return invalid("'payload.summary' is too long (maximum is 1024 characters)");
    if (typeof payload['source'] !== 'string' || payload['source'] === '')
      return invalid("'payload.source' is missing or blank");
    if (!SEVERITIES.includes(String(payload['severity'])))
      return invalid("'payload.severity' is invalid");
    received.push(event);
    return {
      status: 202,
      json: { status: 'success', message: 'Event processed', dedup_key: 'dk-1' },
    };
  };
}

const section = {
  summary: 'checkout aborted at step 2',
  severity: 'error',
  source: 'shop/checkout',
  component: 'checkout',
  group: 'shop',
  class: 'rollout',
  url: 'https://argo.example/rollouts/shop/checkout',
};
const pdDelivery = (fields: Record<string, unknown> | null = section) =>
  aDelivery({
    service: { type: 'pagerdutyv2', name: 'pagerdutyv2' },
    recipient: 'checkout-oncall',
    sections: fields === null ? {} : { pagerdutyv2: fields },
  });

runServiceConformance({
  service: pagerDutyV2Service,
  settings: (url) => ({ serviceKeys: { 'checkout-oncall': ROUTING_KEY }, apiURL: url }),
  delivery: pdDelivery(),
  accepted: eventsApi(),
  secrets: [ROUTING_KEY],
  brokenSettings: [
    { settings: {}, problem: '`serviceKeys` is required' },
    { settings: { serviceKeys: { oncall: 42 } }, problem: '`serviceKeys.oncall`' },
    {
      settings: { serviceKeys: { oncall: ROUTING_KEY }, apiURL: 'ftp://events.example' },
      problem: '`apiURL`',
    },
  ],
});

describe('pagerdutyv2', () => {
  const endpoint = useFakeService();
  const settings = () =>
    settingsOf(
      pagerDutyV2Service.parseSettings({
        serviceKeys: { 'checkout-oncall': ROUTING_KEY },
        apiURL: endpoint.url,
      }),
    );

  it('triggers an event with the routing key of the recipient and the fields of the section', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(eventsApi(received));
    await expect(
      pagerDutyV2Service.send(aServiceContext(), settings(), pdDelivery()),
    ).resolves.toEqual({ ok: true });
    expect(received).toEqual([
      {
        routing_key: ROUTING_KEY,
        event_action: 'trigger',
        payload: {
          summary: 'checkout aborted at step 2',
          severity: 'error',
          source: 'shop/checkout',
          component: 'checkout',
          group: 'shop',
          class: 'rollout',
        },
        client: 'Serverless Rollouts',
        client_url: 'https://argo.example/rollouts/shop/checkout',
      },
    ]);
  });

  it('cuts a summary past 1024 characters so the event stays valid', async () => {
    const received: Array<Record<string, unknown>> = [];
    endpoint.answer(eventsApi(received));
    const long = pdDelivery({ ...section, summary: 's'.repeat(2000) });
    await expect(pagerDutyV2Service.send(aServiceContext(), settings(), long)).resolves.toEqual({
      ok: true,
    });
    expect((received[0]?.['payload'] as { summary: string }).summary).toHaveLength(1024);
  });

  it.each([
    [
      'a severity PagerDuty does not know',
      { ...section, severity: 'high' },
      'severity must be one of',
    ],
    ['no source', { ...section, source: '' }, 'source is empty'],
    ['no pagerdutyv2 section', null, 'no pagerdutyv2 section'],
  ])('refuses %s without sending', async (_what, fields, reason) => {
    endpoint.answer(eventsApi());
    const outcome = await pagerDutyV2Service.send(
      aServiceContext(),
      settings(),
      pdDelivery(fields),
    );
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining(reason) as unknown,
    });
    expect(endpoint.requests).toHaveLength(0);
  });

  it('makes an invalid event final, quoting PagerDuty, and refuses unknown recipients', async () => {
    endpoint.answer(eventsApi());
    const shortKey = settingsOf(
      pagerDutyV2Service.parseSettings({
        serviceKeys: { 'checkout-oncall': 'short' },
        apiURL: endpoint.url,
      }),
    );
    const outcome = await pagerDutyV2Service.send(aServiceContext(), shortKey, pdDelivery());
    expect(outcome).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('invalid event') as unknown,
    });
    const unknown = await pagerDutyV2Service.send(aServiceContext(), settings(), {
      ...pdDelivery(),
      recipient: 'db-oncall',
    });
    expect(unknown).toMatchObject({
      ok: false,
      retryable: false,
      reason: expect.stringContaining('db-oncall') as unknown,
    });
  });
});
