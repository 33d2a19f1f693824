import { describe, expect, it } from 'vitest';
import { datadog } from '../../../../src/providers/metrics/datadog/index.js';
import { aVendorContext as aContext, VENDOR_NOW as NOW } from '../support/context.js';
import { useFakeService } from '../support/fake-service.js';

const API_KEY = '0123456789abcdef0123456789abcdef';
const APP_KEY = '0123456789abcdef0123456789abcdef01234567';
const NOW_MS = NOW;

const vendor = useFakeService();

function measure(config: Record<string, unknown>) {
  const ctx = aContext({
    secrets: { datadog: { address: vendor.url, 'api-key': API_KEY, 'app-key': APP_KEY } },
  });
  return datadog.run(ctx, {
    name: 'errors',
    provider: { datadog: { apiVersion: 'v2', ...config } },
  });
}

const UNIT = {
  unit: [
    {
      family: 'percentage',
      name: 'percent',
      plural: 'percent',
      scale_factor: 1,
      short_name: '%',
      id: 17,
    },
    null,
  ],
};

/** A `/api/v2/query/scalar` answer shaped like Datadog's. */
function scalarBody(columns: unknown[]) {
  return { data: { type: 'scalar_response', attributes: { columns } } };
}
const number = (name: string, values: Array<number | null>) => ({
  name,
  type: 'number',
  values,
  meta: UNIT,
});
const group = (name: string, values: string[][]) => ({ name, type: 'group', values });

describe('datadog v2 (/api/v2/query/scalar)', () => {
  it('posts one scalar query reduced by `last` and answers its number', async () => {
    vendor.answer({ json: scalarBody([number('query', [0.0003332881882246533])]) });
    expect(await measure({ query: 'sum:requests.error.rate{service:checkout}' })).toEqual({
      kind: 'value',
      result: 0.0003332881882246533,
      value: '0.0003332881882246533',
    });
    const [req] = vendor.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/api/v2/query/scalar');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['dd-api-key']).toBe(API_KEY);
    expect(req?.headers['dd-application-key']).toBe(APP_KEY);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      data: {
        type: 'scalar_request',
        attributes: {
          from: NOW_MS - 300_000,
          to: NOW_MS,
          queries: [
            {
              data_source: 'metrics',
              name: 'query',
              query: 'sum:requests.error.rate{service:checkout}',
              aggregator: 'last',
            },
          ],
        },
      },
    });
  });

  it('sends named queries, the formula, the aggregator and the window', async () => {
    vendor.answer({
      json: scalarBody([
        number("moving_rollup(a, 300, 'sum') / moving_rollup(b, 300, 'sum') * 100", [2.5]),
      ]),
    });
    const outcome = await measure({
      interval: '10m',
      aggregator: 'sum',
      queries: {
        a: 'count:requests.errors{service:checkout}.as_count()',
        b: 'count:requests{service:checkout}.as_count()',
      },
      formula: "moving_rollup(a, 300, 'sum') / moving_rollup(b, 300, 'sum') * 100",
    });
    expect(outcome).toEqual({ kind: 'value', result: 2.5, value: '2.5' });
    expect(JSON.parse(vendor.requests[0]?.body ?? '')).toEqual({
      data: {
        type: 'scalar_request',
        attributes: {
          from: NOW_MS - 600_000,
          to: NOW_MS,
          queries: [
            {
              data_source: 'metrics',
              name: 'a',
              query: 'count:requests.errors{service:checkout}.as_count()',
              aggregator: 'sum',
            },
            {
              data_source: 'metrics',
              name: 'b',
              query: 'count:requests{service:checkout}.as_count()',
              aggregator: 'sum',
            },
          ],
          formulas: [
            { formula: "moving_rollup(a, 300, 'sum') / moving_rollup(b, 300, 'sum') * 100" },
          ],
        },
      },
    });
  });

  it('answers a grouped query with one value per group and lists the groups, highest first', async () => {
    vendor.answer({
      json: scalarBody([
        group('resource_name', [['GET /cart'], ['POST /pay'], ['GET /health']]),
        number('query', [0.01, 0.2, null]),
      ]),
    });
    expect(
      await measure({
        query: 'sum:trace.http.request.errors{service:checkout} by {resource_name}.as_count()',
      }),
    ).toEqual({
      kind: 'value',
      result: [0.01, 0.2],
      value: '[0.01,0.2]',
      metadata: { groups: '[{"name":"POST /pay","value":0.2},{"name":"GET /cart","value":0.01}]' },
    });
  });

  it('keeps a single group a list and joins several tags per group', async () => {
    vendor.answer({
      json: scalarBody([
        group('env', [['prod']]),
        group('resource_name', [['GET /a']]),
        number('query', [3]),
      ]),
    });
    expect(await measure({ query: 'sum:hits{*} by {env,resource_name}' })).toEqual({
      kind: 'value',
      result: [3],
      value: '[3]',
      metadata: { groups: '[{"name":"prod,GET /a","value":3}]' },
    });
  });

  it('lists at most 100 groups and says so, while the result keeps them all', async () => {
    const names = Array.from({ length: 120 }, (_, i) => [`host-${i}`]);
    vendor.answer({
      json: scalarBody([
        group('host', names),
        number(
          'query',
          names.map((_, i) => i),
        ),
      ]),
    });
    const outcome = await measure({ query: 'max:latency{*} by {host}' });
    expect(outcome.kind === 'value' && (outcome.result as number[]).length).toBe(120);
    const listed = JSON.parse(outcome.metadata?.['groups'] ?? '[]') as Array<{
      name: string;
      value: number;
    }>;
    expect(listed).toHaveLength(100);
    expect(listed[0]).toEqual({ name: 'host-119', value: 119 });
    expect(outcome.metadata?.['groups_truncated']).toBe('true');
  });

  it.each([
    ['an empty number column', scalarBody([number('query', [])])],
    ['a null value', scalarBody([number('query', [null])])],
    ['no columns', scalarBody([])],
    ['no attributes', { data: { type: 'scalar_response' } }],
  ])('answers null for %s', async (_why, body) => {
    vendor.answer({ json: body });
    expect(await measure({ query: 'avg:kubernetes.cpu.user.total{*}' })).toEqual({
      kind: 'value',
      result: null,
      value: 'null',
    });
  });

  it.each([
    [
      'query errors',
      { json: { data: scalarBody([]).data, errors: 'Query parse error: unknown function foo' } },
      'There were errors in your query: Query parse error: unknown function foo',
    ],
    [
      '403',
      { status: 403, text: '{"errors":["Forbidden"]}' },
      'received authentication error response code: 403 {"errors":["Forbidden"]}',
    ],
    [
      '429',
      { status: 429, text: '{"errors":["Too many requests"]}' },
      'received non 2xx response code: 429 {"errors":["Too many requests"]}',
    ],
    ['no data', { json: { meta: {} } }, 'unexpected Datadog v2 response: data is missing'],
    [
      'columns not a list',
      { json: { data: { attributes: { columns: 'invalid' } } } },
      'unexpected Datadog v2 response: columns is not a list',
    ],
    [
      'a string value',
      { json: scalarBody([number('query', [])].map((c) => ({ ...c, values: ['1'] }))) },
      'unexpected Datadog v2 response: a number column holds something else',
    ],
  ])('reports %s as an error', async (_why, reply, message) => {
    vendor.answer(reply);
    expect(await measure({ query: 'avg:kubernetes.cpu.user.total{*}' })).toEqual({
      kind: 'error',
      message,
    });
  });

  it('times out when the body stalls after the headers', async () => {
    vendor.answer({ json: scalarBody([number('query', [1])]), stallBodyMs: 3000 });
    expect(
      await measure({ query: 'avg:kubernetes.cpu.user.total{*}', requestTimeout: '1s' }),
    ).toEqual({
      kind: 'error',
      message: `Datadog query to ${vendor.url}/api/v2/query/scalar timed out after 1s`,
    });
  });
});
