import { describe, expect, it } from 'vitest';
import { webhookService } from '../../../../src/providers/notifications/webhook/index.js';
import {
  type RecordedRequest,
  type Reply,
  useFakeService,
} from '../../metrics/support/fake-service.js';
import { runServiceConformance } from '../conformance.case.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';

const PASSWORD = 'hunter2-s3cr3t-basic-pass';
const API_TOKEN = 'wh-tok-9f8e7d6c5b4a';

/** A receiving service that wants basic auth and its token header, as a typical one does. */
function receiver(req: RecordedRequest): Reply {
  const basic = `Basic ${Buffer.from(`rollouts:${PASSWORD}`).toString('base64')}`;
  if (req.headers.authorization !== basic) return { status: 401, json: { error: 'unauthorized' } };
  if (req.headers['x-api-token'] !== API_TOKEN)
    return { status: 403, json: { error: 'bad token' } };
  return { status: 204 };
}

const settingsFor = (url: string) => ({
  url: `${url}/hooks`,
  headers: [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'X-Api-Token', value: API_TOKEN },
  ],
  basicAuth: { username: 'rollouts', password: PASSWORD },
});

const ops = (sections: Record<string, unknown> = {}) =>
  aDelivery({ service: { type: 'webhook', name: 'ops' }, sections });

runServiceConformance({
  service: webhookService,
  settings: settingsFor,
  delivery: ops({ webhook: { ops: { method: 'POST', body: '{"state":"paused"}' } } }),
  accepted: receiver,
  secrets: [PASSWORD, API_TOKEN],
  brokenSettings: [
    { settings: {}, problem: '`url` is required' },
    {
      settings: { url: 'ftp://files.example/s3cr3t-drop-box' },
      problem: '`url` must be an absolute',
    },
    {
      settings: { url: 'https://hooks.example', headers: [{ name: 'bad name', value: API_TOKEN }] },
      problem: '`headers[0].name`',
    },
    {
      settings: { url: 'https://hooks.example', basicAuth: { username: 'x' } },
      problem: '`basicAuth`',
    },
  ],
});

describe('webhook', () => {
  const endpoint = useFakeService(receiver);
  const settings = () => settingsOf(webhookService.parseSettings(settingsFor(endpoint.url)));

  it('sends the section of its own name: method, path appended to the url, body, headers', async () => {
    const delivery = ops({
      webhook: {
        ops: {
          method: 'PUT',
          path: '/rollouts/checkout',
          body: '{"rollout":"checkout","phase":"Paused"}',
        },
        other: { method: 'DELETE', path: '/nope', body: 'not ours' },
      },
    });
    await expect(webhookService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(endpoint.requests).toHaveLength(1);
    expect(endpoint.requests[0]).toMatchObject({
      method: 'PUT',
      path: '/hooks/rollouts/checkout',
      body: '{"rollout":"checkout","phase":"Paused"}',
      headers: expect.objectContaining({ 'content-type': 'application/json' }) as unknown,
    });
  });

  it('POSTs the message as text when the template has no section for it (upstream: a bodiless GET)', async () => {
    await expect(webhookService.send(aServiceContext(), settings(), ops())).resolves.toEqual({
      ok: true,
    });
    const [request] = endpoint.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/hooks' });
    expect(request?.body).not.toBe('');
    // The configured Content-Type header wins over the text/plain default.
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it("keeps upstream's GET when a section names no method", async () => {
    const delivery = ops({ webhook: { ops: { path: '/ping' } } });
    await expect(webhookService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    expect(endpoint.requests[0]).toMatchObject({ method: 'GET', path: '/hooks/ping', body: '' });
  });

  it("sends the section's empty body, not the message, as upstream replaces one with the other", async () => {
    const delivery = ops({ webhook: { ops: { method: 'POST', body: '' } } });
    await expect(webhookService.send(aServiceContext(), settings(), delivery)).resolves.toEqual({
      ok: true,
    });
    // Upstream replaces the body with the section's, even when empty.
    expect(endpoint.requests[0]?.body).toBe('');
  });

  it('makes a refusal of the receiver final, quoting its answer', async () => {
    const wrong = settingsOf(
      webhookService.parseSettings({
        ...settingsFor(endpoint.url),
        basicAuth: { username: 'rollouts', password: 'wrong' },
      }),
    );
    const outcome = await webhookService.send(aServiceContext(), wrong, ops());
    expect(outcome).toEqual({
      ok: false,
      retryable: false,
      reason: 'HTTP 401: {"error":"unauthorized"}',
    });
  });
});
