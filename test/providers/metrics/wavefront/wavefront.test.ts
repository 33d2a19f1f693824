import { afterEach, describe, expect, it, vi } from 'vitest';
import { wavefront } from '../../../../src/providers/metrics/wavefront/index.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';
import { aVendorContext as aContext, VENDOR_NOW as NOW } from '../support/context.js';
import { aClosedAddress as refusedUrl, useFakeService } from '../support/fake-service.js';

const TOKEN = 'b6c7e2a1-0f4d-4c1e-9a55-3e8f0c2d1b7a';
const QUERY = 'avg(ts(http.requests.errors, service="checkout"))';
const NOW_S = NOW / 1000;

const vendor = useFakeService();
afterEach(() => {
  vi.restoreAllMocks();
});

function measure(
  config: Record<string, unknown> = {},
  address = vendor.url,
  tokens: Record<string, string> = { [address]: TOKEN },
) {
  const ctx = aContext({ secrets: { 'wavefront-api-tokens': tokens } });
  return wavefront.run(ctx, {
    name: 'errors',
    provider: { wavefront: { address, query: QUERY, ...config } },
  });
}

/** A chart API answer shaped like Wavefront's: one entry per series, points `[epoch s, value]`. */
function chart(
  series: Array<{ host: string; data: Array<[number, number]> }>,
  extra: Record<string, unknown> = {},
) {
  return {
    query: QUERY,
    name: QUERY,
    timeseries: series.map((s) => ({
      label: 'http.requests.errors',
      host: s.host,
      tags: { service: 'checkout' },
      data: s.data,
    })),
    granularity: 1,
    stats: {
      keys: 3,
      points: 3,
      summaries: 3,
      buffer_keys: 3,
      compacted_keys: 0,
      latency: 1,
      queries: 1,
      s3_keys: 0,
      cpu_ns: 412345,
    },
    ...extra,
  };
}

describe('wavefront (chart API)', () => {
  it('queries the instant now with the bearer token and answers the point closest to now', async () => {
    vendor.answer({
      json: chart([
        {
          host: 'web-1',
          data: [
            [NOW_S - 60, 0.07500000000000001],
            [NOW_S - 4, 0.049999999999999996],
            [NOW_S + 10, 0.5],
          ],
        },
      ]),
    });
    expect(await measure()).toEqual({
      kind: 'value',
      result: 0.049999999999999996,
      value: '0.05',
      metadata: { timestamps: String(NOW_S - 4), drift: '-4' },
    });
    const [req] = vendor.requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe('/api/v2/chart/api');
    expect(Object.fromEntries(req?.query ?? [])).toEqual({
      q: QUERY,
      s: String(NOW),
      e: String(NOW),
      g: 's',
      p: '1',
      i: 'true',
    });
    expect(req?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });

  it('answers a list for several series, with warnings in the metadata', async () => {
    vendor.answer({
      json: chart(
        [
          { host: 'web-1', data: [[NOW_S - 2, 0.125]] },
          { host: 'web-2', data: [[NOW_S + 3, 2]] },
        ],
        { warnings: 'The query exceeded the point limit' },
      ),
    });
    expect(await measure()).toEqual({
      kind: 'value',
      result: [0.125, 2],
      value: '[0.13,2.00]',
      metadata: {
        timestamps: `[${NOW_S - 2},${NOW_S + 3}]`,
        drift: '[-2,3]',
        warnings: 'The query exceeded the point limit',
      },
    });
  });

  it('reads the token keyed by the address and talks https to a bare host', async () => {
    const calls: string[] = [];
    const ctx: ProviderContext = {
      ...aContext({
        secrets: {
          'wavefront-api-tokens': { 'example.wavefront.com': TOKEN, 'other.wavefront.com': 'nope' },
        },
      }),
      fetch: (url, init) => {
        calls.push(`${url} ${new Headers(init?.headers).get('authorization') ?? ''}`);
        return Promise.resolve(Response.json(chart([{ host: 'h', data: [[NOW_S, 1]] }])));
      },
    };
    expect(
      await wavefront.run(ctx, {
        name: 'm',
        provider: { wavefront: { address: 'example.wavefront.com', query: 'ts(x)' } },
      }),
    ).toMatchObject({ kind: 'value', result: 1 });
    expect(calls).toEqual([
      `https://example.wavefront.com/api/v2/chart/api?q=ts%28x%29&s=${NOW}&e=${NOW}&g=s&p=1&i=true Bearer ${TOKEN}`,
    ]);
  });

  it.each([
    [
      'a query error',
      {
        json: {
          query: QUERY,
          errorType: 'QueryExecutionFailed',
          errorMessage: 'Terminating Query to save resources',
        },
      },
      'Wavefront query failed: QueryExecutionFailed: Terminating Query to save resources',
    ],
    ['no time series', { json: chart([]) }, 'No TimeSeries found in response from Wavefront'],
    [
      'a series without points',
      { json: chart([{ host: 'h', data: [] }]) },
      'unexpected Wavefront response: timeseries[0] has no data points',
    ],
    [
      'a malformed point',
      { json: { timeseries: [{ data: [['now', 1]] }] } },
      'unexpected Wavefront response: timeseries[0] has a point that is not [timestamp, value]',
    ],
    [
      'HTTP 401',
      {
        status: 401,
        text: '{"status":{"result":"ERROR","message":"401 Unauthorized","code":401}}',
      },
      'Wavefront answered HTTP 401: {"status":{"result":"ERROR","message":"401 Unauthorized","code":401}}',
    ],
    [
      'HTTP 500',
      { status: 500, text: 'Internal Server Error' },
      'Wavefront answered HTTP 500: Internal Server Error',
    ],
  ])('reports %s as an error', async (_why, reply, message) => {
    vendor.answer(reply);
    expect(await measure()).toEqual({ kind: 'error', message });
  });

  it('keeps the warnings of a failed query', async () => {
    vendor.answer({ json: { ...chart([]), warnings: 'Query timed out in shard 3' } });
    expect(await measure()).toEqual({
      kind: 'error',
      message: 'No TimeSeries found in response from Wavefront',
      metadata: { warnings: 'Query timed out in shard 3' },
    });
  });

  it('reports a body that is not JSON', async () => {
    vendor.answer({ text: 'Service temporarily unavailable' });
    const outcome = await measure();
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^could not parse Wavefront response: /,
    );
  });

  it('gives up after its deadline', async () => {
    const realTimeout = AbortSignal.timeout.bind(AbortSignal);
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => realTimeout(200));
    vendor.answer({ json: chart([{ host: 'h', data: [[NOW_S, 1]] }]), delayMs: 2000 });
    expect(await measure()).toEqual({
      kind: 'error',
      message: `Wavefront query to ${vendor.url}/api/v2/chart/api timed out after 30s`,
    });
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const outcome = await measure({}, url);
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^Wavefront query to ${url}/api/v2/chart/api failed: .*ECONNREFUSED`),
    );
  });

  it('never lets the token reach the message', async () => {
    vendor.answer({ status: 403, text: `token ${TOKEN} lacks query permission` });
    expect(await measure()).toEqual({
      kind: 'error',
      message: 'Wavefront answered HTTP 403: token ***** lacks query permission',
    });
  });

  it('needs a token for the address', async () => {
    expect(await measure({}, vendor.url, { 'elsewhere.wavefront.com': TOKEN })).toEqual({
      kind: 'error',
      message: `API token not found: secret "wavefront-api-tokens" has no key "${vendor.url}"`,
    });
    expect(vendor.requests).toHaveLength(0);
  });

  it.each([
    [{ query: '' }, 'query is required'],
    [{ address: '' }, 'address is required'],
    [{ address: 'http://' }, 'address "http://" is not a host or http(s) URL'],
  ])('rejects the configuration %j', async (config, problem) => {
    expect(await measure(config)).toEqual({
      kind: 'error',
      message: `invalid wavefront provider configuration: ${problem}`,
    });
  });
});
