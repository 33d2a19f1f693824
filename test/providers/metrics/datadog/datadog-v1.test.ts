import { describe, expect, it } from 'vitest';
import { datadog } from '../../../../src/providers/metrics/datadog/index.js';
import { aVendorContext as aContext, VENDOR_NOW as NOW } from '../support/context.js';
import { aClosedAddress as refusedUrl, useFakeService } from '../support/fake-service.js';

const API_KEY = '0123456789abcdef0123456789abcdef';
const APP_KEY = '0123456789abcdef0123456789abcdef01234567';
const QUERY = 'avg:kubernetes.cpu.user.total{service:checkout}';
const NOW_S = NOW / 1000;

const vendor = useFakeService();

function measure(config: Record<string, unknown> = {}, address = vendor.url) {
  const ctx = aContext({
    secrets: { datadog: { address, 'api-key': API_KEY, 'app-key': APP_KEY } },
  });
  return datadog.run(ctx, { name: 'cpu', provider: { datadog: { query: QUERY, ...config } } });
}

/** A `/api/v1/query` answer shaped like Datadog's (points are [ms, value|null]). */
function seriesBody(points: Array<[number, number | null]>) {
  return {
    status: 'ok',
    res_type: 'time_series',
    resp_version: 1,
    query: QUERY,
    from_date: (NOW_S - 300) * 1000,
    to_date: NOW_S * 1000,
    series: [
      {
        unit: null,
        query_index: 0,
        aggr: 'avg',
        metric: 'kubernetes.cpu.user.total',
        tag_set: [],
        expression: QUERY,
        scope: 'service:checkout',
        interval: 20,
        length: points.length,
        pointlist: points,
        display_name: 'kubernetes.cpu.user.total',
        attributes: {},
      },
    ],
    values: [],
    times: [],
    message: '',
    group_by: [],
  };
}

describe('datadog v1 (/api/v1/query)', () => {
  it('asks for the last 5 minutes with both keys and answers the last point of the first series', async () => {
    vendor.answer({
      json: seriesBody([
        [(NOW_S - 40) * 1000, 0.0020008318672513122],
        [(NOW_S - 20) * 1000, 0.0003332881882246533],
      ]),
    });
    expect(await measure()).toEqual({
      kind: 'value',
      result: 0.0003332881882246533,
      value: '0.0003332881882246533',
    });
    expect(vendor.requests).toHaveLength(1);
    const [req] = vendor.requests;
    expect(req?.method).toBe('GET');
    expect(req?.path).toBe('/api/v1/query');
    expect(Object.fromEntries(req?.query ?? [])).toEqual({
      query: QUERY,
      from: String(NOW_S - 300),
      to: String(NOW_S),
    });
    expect(req?.headers['dd-api-key']).toBe(API_KEY);
    expect(req?.headers['dd-application-key']).toBe(APP_KEY);
  });

  it('uses interval as the query window', async () => {
    vendor.answer({ json: seriesBody([[NOW_S * 1000, 4]]) });
    expect(await measure({ interval: '10m' })).toMatchObject({
      kind: 'value',
      result: 4,
      value: '4',
    });
    expect(vendor.requests[0]?.query.get('from')).toBe(String(NOW_S - 600));
  });

  it('skips trailing null points', async () => {
    vendor.answer({
      json: seriesBody([
        [(NOW_S - 40) * 1000, 0.5],
        [(NOW_S - 20) * 1000, null],
      ]),
    });
    expect(await measure()).toEqual({ kind: 'value', result: 0.5, value: '0.5' });
  });

  it.each([
    ['no series', { ...seriesBody([]), series: [] }],
    ['an empty pointlist', seriesBody([])],
    ['only null points', seriesBody([[NOW_S * 1000, null]])],
  ])('answers null for %s (no data: conditions use default(result, 0))', async (_why, body) => {
    vendor.answer({ json: body });
    expect(await measure()).toEqual({ kind: 'value', result: null, value: 'null' });
  });

  it.each([
    [
      401,
      '{"errors":["Unauthorized"]}',
      'received authentication error response code: 401 {"errors":["Unauthorized"]}',
    ],
    [
      403,
      '{"errors":["Forbidden"]}',
      'received authentication error response code: 403 {"errors":["Forbidden"]}',
    ],
    [
      400,
      '{"errors":["Error parsing query: unable to parse avg:: Rule \'scope_expr\' didn\'t match"]}',
      'received non 2xx response code: 400 {"errors":["Error parsing query: unable to parse avg:: Rule \'scope_expr\' didn\'t match"]}',
    ],
    [500, 'upstream connect error', 'received non 2xx response code: 500 upstream connect error'],
  ])('reports HTTP %i as an error', async (status, text, message) => {
    vendor.answer({ status, text });
    expect(await measure()).toEqual({ kind: 'error', message });
  });

  it.each([
    ['garbage', { text: '<html>Bad gateway</html>' }, /^could not parse JSON body: /],
    [
      'a query error',
      { json: { status: 'error', error: 'Rate limit of 100 requests in 3600 seconds reached' } },
      /^Datadog query failed: Rate limit of 100 requests/,
    ],
    [
      'no series field',
      { json: { status: 'ok' } },
      /^unexpected Datadog v1 response: series is missing$/,
    ],
    [
      'a one-element point',
      { json: { ...seriesBody([]), series: [{ pointlist: [[1]] }] } },
      /^unexpected Datadog v1 response: a datapoint does not have 2 values$/,
    ],
    [
      'a string value',
      { json: { ...seriesBody([]), series: [{ pointlist: [[1, '0.5']] }] } },
      /^unexpected Datadog v1 response: a datapoint value is not a number$/,
    ],
  ])('reports %s as an error', async (_why, reply, message) => {
    vendor.answer(reply);
    const outcome = await measure();
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.message).toMatch(message);
  });

  it('gives up after requestTimeout', async () => {
    vendor.answer({ json: seriesBody([[NOW_S * 1000, 1]]), delayMs: 3000 });
    expect(await measure({ requestTimeout: '1s' })).toEqual({
      kind: 'error',
      message: `Datadog query to ${vendor.url}/api/v1/query timed out after 1s`,
    });
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const outcome = await measure({}, url);
    expect(outcome).toMatchObject({ kind: 'error' });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^Datadog query to ${url}/api/v1/query failed: .*ECONNREFUSED`),
    );
  });

  it('never lets a key echoed by the server reach the message', async () => {
    vendor.answer({
      status: 403,
      text: `{"errors":["Forbidden"],"key":"${API_KEY}","app":"${APP_KEY}"}`,
    });
    expect(await measure()).toEqual({
      kind: 'error',
      message:
        'received authentication error response code: 403 {"errors":["Forbidden"],"key":"*****","app":"*****"}',
    });
  });
});
