import { describe, expect, it } from 'vitest';
import { web } from '../../../../src/providers/metrics/web/index.js';
import { aContext, aMetric } from '../support/context.js';
import { aClosedAddress, useFakeService } from '../support/fake-service.js';

const svc = useFakeService();

const measurement = {
  data: { ok: true, successPercent: 0.95 },
  items: [{ 'p99-ms': 120 }, { 'p99-ms': 250 }],
  service: 'checkout',
};

function runWeb(config: Record<string, unknown>) {
  return web.run(aContext(), aMetric('web', config));
}

describe('web provider: values', () => {
  it.each([
    {
      jsonPath: undefined,
      result: measurement,
      value:
        '{"data":{"ok":true,"successPercent":0.95},"items":[{"p99-ms":120},{"p99-ms":250}],"service":"checkout"}',
    },
    { jsonPath: '{$.data.ok}', result: true, value: 'true' },
    {
      jsonPath: '{$.data}',
      result: { ok: true, successPercent: 0.95 },
      value: '{"ok":true,"successPercent":0.95}',
    },
    { jsonPath: "{$.items[1]['p99-ms']}", result: 250, value: '250' },
    { jsonPath: '{.items[-1]["p99-ms"]}', result: 250, value: '250' },
    { jsonPath: '{$.service}', result: 'checkout', value: '"checkout"' },
  ])('selects $jsonPath from a JSON body', async ({ jsonPath, result, value }) => {
    svc.answer(() => ({ body: measurement }));
    const outcome = await runWeb({
      url: `${svc.url}/api/v1/measurement?service=checkout`,
      ...(jsonPath ? { jsonPath } : {}),
    });
    expect(outcome).toEqual({ kind: 'value', result, value });
  });

  it('sends a GET with the configured headers and query string', async () => {
    svc.answer(() => ({ body: measurement }));
    await runWeb({
      url: `${svc.url}/api/v1/measurement?service=checkout`,
      headers: [
        { key: 'X-Tenant', value: 'team-a' },
        { key: 'Authorization', value: 'Bearer abc' },
      ],
    });
    const [req] = svc.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/api/v1/measurement', body: '' });
    expect(req?.query.get('service')).toBe('checkout');
    expect(req?.headers['x-tenant']).toBe('team-a');
    expect(req?.headers.authorization).toBe('Bearer abc');
  });

  it('returns a body that is not JSON as a raw string', async () => {
    svc.answer(() => ({ body: 'healthy: 99.5%\n' }));
    expect(await runWeb({ url: `${svc.url}/status`, jsonPath: '{$.data.ok}' })).toEqual({
      kind: 'value',
      result: 'healthy: 99.5%\n',
      value: 'healthy: 99.5%\n',
    });
  });

  it('POSTs a string body as given', async () => {
    svc.answer(() => ({ body: { data: { ok: false } } }));
    const outcome = await runWeb({
      url: `${svc.url}/check`,
      method: 'POST',
      headers: [{ key: 'Content-Type', value: 'text/plain' }],
      body: 'service=checkout',
      jsonPath: '{$.data.ok}',
    });
    expect(outcome).toEqual({ kind: 'value', result: false, value: 'false' });
    expect(svc.requests[0]).toMatchObject({ method: 'POST', body: 'service=checkout' });
    expect(svc.requests[0]?.headers['content-type']).toBe('text/plain');
  });

  it('PUTs a jsonBody serialised, with Content-Type application/json', async () => {
    svc.answer(() => ({ body: { accepted: 3 } }));
    const outcome = await runWeb({
      url: `${svc.url}/check`,
      method: 'PUT',
      jsonBody: { service: 'checkout', window: '5m', weights: [1, 2] },
      jsonPath: '{$.accepted}',
    });
    expect(outcome).toEqual({ kind: 'value', result: 3, value: '3' });
    expect(svc.requests[0]?.method).toBe('PUT');
    expect(JSON.parse(svc.requests[0]?.body ?? '')).toEqual({
      service: 'checkout',
      window: '5m',
      weights: [1, 2],
    });
    expect(svc.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('accepts insecure: true (TLS verification cannot be switched off through fetch; it is a no-op)', async () => {
    svc.answer(() => ({ body: { ok: 1 } }));
    expect(await runWeb({ url: `${svc.url}/x`, insecure: true, jsonPath: '{$.ok}' })).toEqual({
      kind: 'value',
      result: 1,
      value: '1',
    });
  });
});

describe('web provider: errors', () => {
  it('reports a non-2xx status with the start of the body', async () => {
    svc.answer(() => ({
      status: 503,
      body: 'upstream connect error or disconnect/reset before headers.\n  reset reason: overflow',
    }));
    expect(await runWeb({ url: `${svc.url}/x` })).toEqual({
      kind: 'error',
      message:
        'received non 2xx response code: 503 (body: "upstream connect error or disconnect/reset before headers. reset reason: overflow")',
    });
  });

  it('cuts long error bodies short', async () => {
    svc.answer(() => ({ status: 500, body: 'x'.repeat(1000) }));
    const outcome = await runWeb({ url: `${svc.url}/x` });
    expect(outcome).toEqual({
      kind: 'error',
      message: `received non 2xx response code: 500 (body: "${'x'.repeat(200)}…")`,
    });
  });

  it.each([
    {
      jsonPath: '{$.data.missing}',
      message: 'Could not find JSONPath in body: missing is not found',
    },
    {
      jsonPath: '{$.items[5]}',
      message: 'Could not find JSONPath in body: array index out of bounds: index 5, length 2',
    },
    {
      jsonPath: '{$.service[0]}',
      message: 'Could not find JSONPath in body: index [0] applied to a string, not an array',
    },
  ])('reports a jsonPath that selects nothing: $jsonPath', async ({ jsonPath, message }) => {
    svc.answer(() => ({ body: measurement }));
    expect(await runWeb({ url: `${svc.url}/x`, jsonPath })).toEqual({ kind: 'error', message });
  });

  it('times out after timeoutSeconds', async () => {
    svc.answer(() => ({ delayMs: 5000, body: { ok: true } }));
    const started = Date.now();
    const outcome = await runWeb({ url: `${svc.url}/slow?token=do-not-show`, timeoutSeconds: 1 });
    expect(outcome).toEqual({
      kind: 'error',
      message: `web metric request to ${svc.url}/slow timed out after 1s`,
    });
    // Gave up at the timeout, not when the answer came (5 s); the margin is for a loaded machine.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('reports a refused connection', async () => {
    const address = await aClosedAddress();
    const outcome = await runWeb({ url: `${address}/x` });
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^web metric request to ${address}/x failed: .*ECONNREFUSED`),
    );
  });

  it.each([
    { config: {}, message: 'invalid web provider configuration: url is required' },
    {
      config: { url: 'ftp://example.com/x', method: 'DELETE' },
      message:
        'invalid web provider configuration: url "ftp://example.com/x" is not an http(s) URL; method must be one of GET, POST, PUT',
    },
    {
      config: { url: 'http://x', jsonPath: '{$.items[*].p99}' },
      message:
        'invalid web provider configuration: jsonPath "{$.items[*].p99}": "[*].p99" at position 7 is not supported (use $, .field, [\'key\'] or [n])',
    },
    {
      config: { url: 'http://x', jsonPath: '$.data' },
      message:
        'invalid web provider configuration: jsonPath "$.data" must be a single {…} expression',
    },
    {
      config: { url: 'http://x', headers: [{ value: 'v' }], timeoutSeconds: 'soon' },
      message:
        'invalid web provider configuration: headers[0] must be {key: string, value: string}; timeoutSeconds must be a number',
    },
    {
      config: { url: 'http://x', authentication: { sigv4: { region: 'eu-west-1' } } },
      message:
        'invalid web provider configuration: authentication.sigv4 is not supported (AWS SigV4 signing is not implemented)',
    },
    {
      config: { url: 'http://x', body: '{}' },
      message: 'Body/JSONBody can only be used with POST or PUT WebMetric Method types',
    },
    {
      config: { url: 'http://x', method: 'POST', body: '{}', jsonBody: {} },
      message: 'use either Body or JSONBody; both cannot exists for WebMetric payload',
    },
  ])('rejects bad configuration before any request: $message', async ({ config, message }) => {
    svc.answer(() => ({ body: {} }));
    expect(await runWeb(config)).toEqual({ kind: 'error', message });
    expect(svc.requests).toHaveLength(0);
  });

  it('reports a metric without web configuration', async () => {
    expect(await web.run(aContext(), { name: 'm', provider: { prometheus: {} } })).toEqual({
      kind: 'error',
      message: 'metric "m" has no web provider configuration',
    });
  });

  it('never lets a credential header echoed by the server into the message', async () => {
    svc.answer((req) => ({
      status: 401,
      body: `token ${String(req.headers.authorization)} rejected`,
    }));
    const outcome = await runWeb({
      url: `${svc.url}/x`,
      headers: [{ key: 'Authorization', value: 'Bearer s3cr3t-token' }],
    });
    expect(outcome).toEqual({
      kind: 'error',
      message: 'received non 2xx response code: 401 (body: "token ***** rejected")',
    });
  });
});

describe('web provider: OAuth2 client credentials', () => {
  const oauth2 = (tokenUrl: string) => ({
    tokenUrl,
    clientId: 'rollouts',
    clientSecret: 'cl!ent:secret',
    scopes: ['metrics.read', 'openid'],
  });

  it('gets a token, then calls the metric with Authorization: Bearer', async () => {
    svc.answer((req) =>
      req.path === '/oauth/token'
        ? { body: { access_token: 'tok-123', token_type: 'bearer', expires_in: 3600 } }
        : { body: { ok: req.headers.authorization === 'Bearer tok-123' } },
    );
    const outcome = await runWeb({
      url: `${svc.url}/metric`,
      jsonPath: '{$.ok}',
      authentication: { oauth2: oauth2(`${svc.url}/oauth/token`) },
    });
    expect(outcome).toEqual({ kind: 'value', result: true, value: 'true' });
    const [token, metric] = svc.requests;
    expect(token).toMatchObject({
      method: 'POST',
      path: '/oauth/token',
      body: 'grant_type=client_credentials&scope=metrics.read+openid',
    });
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token?.headers.authorization).toBe(
      `Basic ${Buffer.from('rollouts:cl%21ent%3Asecret').toString('base64')}`,
    );
    expect(metric?.headers.authorization).toBe('Bearer tok-123');
  });

  it('retries with the credentials in the form when the server refuses the Basic header', async () => {
    svc.answer((req) => {
      if (req.path !== '/oauth/token') return { body: { auth: req.headers.authorization } };
      return req.headers.authorization
        ? { status: 401, body: { error: 'invalid_client' } }
        : { body: { access_token: 'tok-form', token_type: 'Bearer' } };
    });
    const outcome = await runWeb({
      url: `${svc.url}/metric`,
      jsonPath: '{$.auth}',
      authentication: { oauth2: oauth2(`${svc.url}/oauth/token`) },
    });
    // The access token is a credential: echoed into the value, it is masked there.
    expect(outcome).toEqual({ kind: 'value', result: '*****', value: '"*****"' });
    expect(svc.requests[2]?.headers.authorization).toBe('Bearer tok-form');
    expect(svc.requests[1]?.body).toBe(
      'grant_type=client_credentials&scope=metrics.read+openid&client_id=rollouts&client_secret=cl%21ent%3Asecret',
    );
  });

  it('reports a refused token request without the client secret', async () => {
    svc.answer((req) => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: `bad secret ${new URLSearchParams(req.body).get('client_secret') ?? ''}`,
      },
    }));
    const outcome = await runWeb({
      url: `${svc.url}/metric`,
      authentication: { oauth2: oauth2(`${svc.url}/oauth/token`) },
    });
    expect(outcome).toEqual({
      kind: 'error',
      message: `OAuth2 token request to ${svc.url}/oauth/token failed with HTTP 401: {"error":"invalid_client","error_description":"bad secret *****"}`,
    });
    expect(svc.requests.map((r) => r.path)).toEqual(['/oauth/token', '/oauth/token']);
  });

  it('reports a token response without access_token', async () => {
    svc.answer(() => ({ body: { token_type: 'bearer' } }));
    const outcome = await runWeb({
      url: `${svc.url}/metric`,
      authentication: { oauth2: oauth2(`${svc.url}/oauth/token`) },
    });
    expect(outcome).toEqual({
      kind: 'error',
      message: `OAuth2 token request to ${svc.url}/oauth/token: server response missing access_token`,
    });
  });
});
