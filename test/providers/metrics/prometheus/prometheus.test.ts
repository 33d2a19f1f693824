import { describe, expect, it } from 'vitest';
import { prometheus } from '../../../../src/providers/metrics/prometheus/index.js';
import { aContext, aMetric, NOW } from '../support/context.js';
import { aClosedAddress, useFakeService, type Reply } from '../support/fake-service.js';

const svc = useFakeService();

const QUERY =
  'sum(rate(http_requests_total{code!~"5.."}[5m])) / sum(rate(http_requests_total[5m]))';

function runProm(config: Record<string, unknown>, settings?: Record<string, string>) {
  return prometheus.run(
    aContext(settings ? { settings } : {}),
    aMetric('prometheus', { query: QUERY, ...config }),
  );
}

const success = (data: unknown, extra: Record<string, unknown> = {}): Reply => ({
  body: { status: 'success', data, ...extra },
});
const vector = (...values: string[]) => ({
  resultType: 'vector',
  result: values.map((v, i) => ({ metric: { service: `svc-${i}` }, value: [NOW / 1000, v] })),
});

describe('prometheus provider: instant queries', () => {
  it('POSTs query and time as a form to /api/v1/query and returns a vector as number[]', async () => {
    svc.answer(() => success(vector('0.95', '1')));
    expect(await runProm({ address: svc.url })).toEqual({
      kind: 'value',
      result: [0.95, 1],
      value: '[0.95,1]',
    });
    const [req] = svc.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/v1/query' });
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req?.body))).toEqual({
      query: QUERY,
      time: '1700000000',
    });
  });

  it.each([
    {
      name: 'scalar',
      data: { resultType: 'scalar', result: [1700000000, '0.5'] },
      result: 0.5,
      value: '0.5',
    },
    { name: 'empty vector', data: { resultType: 'vector', result: [] }, result: [], value: '[]' },
    {
      name: 'NaN and infinities',
      data: vector('NaN', '+Inf', '-Inf'),
      result: [NaN, Infinity, -Infinity],
      value: '[NaN,+Inf,-Inf]',
    },
    {
      name: 'tiny and huge values without exponents',
      data: vector('1e-07', '1.5e+21', '-0.000123'),
      result: [1e-7, 1.5e21, -0.000123],
      value: '[0.0000001,1500000000000000000000,-0.000123]',
    },
    {
      name: 'scalar NaN',
      data: { resultType: 'scalar', result: [1700000000, 'NaN'] },
      result: NaN,
      value: 'NaN',
    },
  ])('reads a $name', async ({ data, result, value }) => {
    svc.answer(() => success(data));
    expect(await runProm({ address: svc.url })).toEqual({ kind: 'value', result, value });
  });

  it('puts warnings into the measurement metadata', async () => {
    svc.answer(() =>
      success(vector('0.99'), {
        warnings: ['PromQL info: metric might not be a counter', 'partial response'],
      }),
    );
    expect(await runProm({ address: svc.url })).toEqual({
      kind: 'value',
      result: [0.99],
      value: '[0.99]',
      metadata: { warnings: '"PromQL info: metric might not be a counter", "partial response"' },
    });
  });

  it('uses ARGO_ROLLOUTS_PROMETHEUS_ADDRESS when the metric has no address, keeping its path prefix', async () => {
    svc.answer(() => success(vector('1')));
    await runProm({}, { ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: `${svc.url}/prometheus/` });
    expect(svc.requests[0]?.path).toBe('/prometheus/api/v1/query');
  });

  it('sends custom headers and basic auth', async () => {
    svc.answer(() => success(vector('1')));
    await runProm({
      address: svc.url,
      headers: [{ key: 'X-Scope-OrgID', value: 'tenant_a' }],
      authentication: { basicAuth: { username: '12345', password: 'glc_pässword' } },
    });
    expect(svc.requests[0]?.headers['x-scope-orgid']).toBe('tenant_a');
    expect(svc.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('12345:glc_pässword', 'utf8').toString('base64')}`,
    );
  });

  it('gets an OAuth2 token first and sends it as a Bearer token', async () => {
    svc.answer((req) =>
      req.path === '/token'
        ? { body: { access_token: 'prom-token', token_type: 'Bearer' } }
        : success(vector(req.headers.authorization === 'Bearer prom-token' ? '1' : '0')),
    );
    const outcome = await runProm({
      address: svc.url,
      authentication: {
        oauth2: {
          tokenUrl: `${svc.url}/token`,
          clientId: 'id',
          clientSecret: 'sec',
          scopes: ['prom'],
        },
      },
    });
    expect(outcome).toEqual({ kind: 'value', result: [1], value: '[1]' });
  });

  it('falls back to GET when POST is not allowed', async () => {
    svc.answer((req) =>
      req.method === 'POST' ? { status: 405, body: 'Method Not Allowed' } : success(vector('0.5')),
    );
    expect(await runProm({ address: svc.url })).toEqual({
      kind: 'value',
      result: [0.5],
      value: '[0.5]',
    });
    expect(svc.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(svc.requests[1]?.query.get('query')).toBe(QUERY);
    expect(svc.requests[1]?.query.get('time')).toBe('1700000000');
  });
});

describe('prometheus provider: range queries', () => {
  it('queries /api/v1/query_range with start/end evaluated at now and the step in seconds; a matrix flattens', async () => {
    svc.answer(() =>
      success({
        resultType: 'matrix',
        result: [
          {
            metric: { pod: 'a' },
            values: [
              [1699996400, '120'],
              [1699996460, '130.5'],
            ],
          },
          { metric: { pod: 'b' }, values: [[1699996400, '99']] },
        ],
      }),
    );
    const outcome = await runProm({
      address: svc.url,
      rangeQuery: { start: 'now() - duration("1h")', end: 'now()', step: '1m' },
    });
    expect(outcome).toEqual({ kind: 'value', result: [120, 130.5, 99], value: '[120,130.5,99]' });
    expect(svc.requests[0]?.path).toBe('/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(svc.requests[0]?.body))).toEqual({
      query: QUERY,
      start: '1699996400',
      end: '1700000000',
      step: '60',
    });
  });

  it.each([
    {
      rangeQuery: { start: 'now() - 1h', end: 'now()', step: '1m' },
      message:
        'rangeQuery.start: cannot evaluate "now() - 1h": unsupported input at "1h" (only now(), duration("…"), + and - are supported)',
    },
    {
      rangeQuery: { start: 'now()', end: 'now() - duration("5m")', step: '1m' },
      message:
        'rangeQuery: end (2023-11-14T22:08:20.000Z) is before start (2023-11-14T22:13:20.000Z)',
    },
    {
      rangeQuery: { start: 'duration("5m")', end: 'now()', step: '1m' },
      message:
        'rangeQuery.start: "duration(\\"5m\\")" is a duration, not a time (use now() - duration("…"))',
    },
    {
      rangeQuery: { start: 'now()', end: 'now()', step: 'often' },
      message:
        'invalid prometheus provider configuration: rangeQuery.step "often" is not a positive duration',
    },
    {
      rangeQuery: { end: 'now()' },
      message:
        'invalid prometheus provider configuration: rangeQuery.start is required; rangeQuery.step is required',
    },
  ])('reports a bad range: $message', async ({ rangeQuery, message }) => {
    expect(await runProm({ address: svc.url, rangeQuery })).toEqual({ kind: 'error', message });
  });
});

describe('prometheus provider: errors', () => {
  it.each([
    {
      name: 'a bad_data error (400)',
      reply: {
        status: 400,
        body: {
          status: 'error',
          errorType: 'bad_data',
          error: 'invalid parameter "query": 1:5: parse error: unexpected end of input',
        },
      },
      message: 'bad_data: invalid parameter "query": 1:5: parse error: unexpected end of input',
    },
    {
      name: 'an execution error (422)',
      reply: {
        status: 422,
        body: {
          status: 'error',
          errorType: 'execution',
          error: 'expanding series: context canceled',
        },
      },
      message: 'execution: expanding series: context canceled',
    },
    {
      name: 'a query timeout (503)',
      reply: {
        status: 503,
        body: {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        },
      },
      message: 'timeout: query timed out in expression evaluation',
    },
    {
      name: 'a 500 from a proxy',
      reply: { status: 500, body: '<html><body>Internal Server Error</body></html>' },
      message:
        'Prometheus query failed: HTTP 500 (body: "<html><body>Internal Server Error</body></html>")',
    },
    {
      name: 'a 404 (wrong path prefix)',
      reply: { status: 404, body: '404 page not found\n' },
      message: 'Prometheus query failed: HTTP 404 (body: "404 page not found")',
    },
    {
      name: 'a garbage body',
      reply: { body: 'ok\x00\x01garbage' },
      message:
        'Prometheus returned a body that is not a JSON object (HTTP 200): "ok\\u0000\\u0001garbage"',
    },
    {
      name: 'a 503 without a JSON body',
      reply: { status: 503, body: 'no healthy upstream' },
      message:
        'Prometheus returned a body that is not a JSON object (HTTP 503): "no healthy upstream"',
    },
    {
      name: 'a string result',
      reply: success({ resultType: 'string', result: [1700000000, 'hello'] }),
      message: 'Prometheus metric type not supported: "string"',
    },
    {
      name: 'a sample without a value',
      reply: success({ resultType: 'vector', result: [{ metric: {} }] }),
      message:
        'unexpected Prometheus response: data.result[0].value is not a [timestamp, "value"] pair',
    },
    {
      name: 'a sample that is not a number',
      reply: success(vector('fast')),
      message:
        'unexpected Prometheus response: data.result[0].value has a value that is not a number: "fast"',
    },
    {
      name: 'a native histogram',
      reply: success({
        resultType: 'vector',
        result: [{ metric: {}, histogram: [1700000000, { count: '3' }] }],
      }),
      message: 'data.result[0]: native histogram samples are not supported',
    },
    {
      name: 'a missing data object',
      reply: { body: { status: 'success' } },
      message: 'unexpected Prometheus response: data is missing',
    },
  ])('reports $name', async ({ reply, message }) => {
    svc.answer(() => reply);
    expect(await runProm({ address: svc.url })).toEqual({ kind: 'error', message });
  });

  it('times out after `timeout` seconds', async () => {
    svc.answer(() => ({ ...success(vector('1')), delayMs: 1500 }));
    expect(await runProm({ address: svc.url, timeout: 1 })).toEqual({
      kind: 'error',
      message: `Prometheus query to ${svc.url}/api/v1/query timed out after 1s`,
    });
  });

  it('reports a refused connection', async () => {
    const address = await aClosedAddress();
    const outcome = await runProm({ address });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^Prometheus query to ${address}/api/v1/query failed: .*ECONNREFUSED`),
    );
  });

  it.each([
    {
      config: { address: undefined },
      message:
        'invalid prometheus provider configuration: address is not configured (set it on the metric or the ARGO_ROLLOUTS_PROMETHEUS_ADDRESS setting)',
    },
    {
      config: { address: 'prometheus:9090', query: '' },
      message:
        'invalid prometheus provider configuration: address "prometheus:9090" is not an http(s) URL; query is required',
    },
    {
      config: { address: 'http://p', timeout: -1 },
      message: 'invalid prometheus provider configuration: timeout should not be negative',
    },
    {
      config: {
        address: 'https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-1',
        authentication: { sigv4: { region: 'eu-west-1' } },
      },
      message:
        'invalid prometheus provider configuration: authentication.sigv4 is not supported (Amazon Managed Prometheus needs AWS SigV4 signing, which is not implemented)',
    },
  ])('rejects bad configuration: $message', async ({ config, message }) => {
    svc.answer(() => success(vector('1')));
    expect(await runProm(config)).toEqual({ kind: 'error', message });
    expect(svc.requests).toHaveLength(0);
  });

  it('keeps the basic-auth password and header out of messages even when the server echoes them', async () => {
    svc.answer((req) => ({
      status: 401,
      body: `bad credentials: ${String(req.headers.authorization)} (password hunter2!)`,
    }));
    const outcome = await runProm({
      address: svc.url,
      authentication: { basicAuth: { username: 'grafana', password: 'hunter2!' } },
    });
    expect(outcome).toEqual({
      kind: 'error',
      message:
        'Prometheus query failed: HTTP 401 (body: "bad credentials: ***** (password *****)")',
    });
  });
});
