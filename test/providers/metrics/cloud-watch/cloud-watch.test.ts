import { afterEach, describe, expect, it, vi } from 'vitest';
import { signSigV4 } from '../../../../src/providers/metrics/aws/sigv4.js';
import { cloudWatch } from '../../../../src/providers/metrics/cloud-watch/index.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';
import { aVendorContext as aContext, VENDOR_NOW as NOW } from '../support/context.js';
import {
  aClosedAddress as refusedUrl,
  useFakeService,
  type RecordedRequest as SeenRequest,
} from '../support/fake-service.js';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const NOW_S = NOW / 1000;

const vendor = useFakeService();
afterEach(() => {
  vi.restoreAllMocks();
});

const settings = (extra: Record<string, string> = {}) => ({
  AWS_ACCESS_KEY_ID: ACCESS_KEY,
  AWS_SECRET_ACCESS_KEY: SECRET_KEY,
  AWS_REGION: 'us-west-2',
  AWS_ENDPOINT_URL_CLOUDWATCH: vendor.url,
  ...extra,
});

const errorRate = {
  id: 'rate',
  expression: 'errors / requests',
  label: 'error rate',
  returnData: true,
};
const errors = {
  id: 'errors',
  metricStat: {
    metric: {
      namespace: 'AWS/ApplicationELB',
      metricName: 'HTTPCode_Target_5XX_Count',
      dimensions: [{ name: 'LoadBalancer', value: 'app/checkout/50dc6c495c0c9188' }],
    },
    period: 60,
    stat: 'Sum',
    unit: 'Count',
  },
  returnData: false,
};

function measure(config: Record<string, unknown> = {}, extraSettings: Record<string, string> = {}) {
  const ctx = aContext({ settings: settings(extraSettings) });
  return cloudWatch.run(ctx, {
    name: 'errors',
    provider: { cloudWatch: { metricDataQueries: [errors, errorRate], ...config } },
  });
}

const result = (id: string, stamps: number[], values: number[]) => ({
  Id: id,
  Label: id,
  Timestamps: stamps,
  Values: values,
  StatusCode: 'Complete',
});

/** Recomputes the signature over what arrived, as AWS does, and compares it with the one sent. */
async function expectValidSignature(req: SeenRequest | undefined, sessionToken?: string) {
  const signed =
    (req?.headers['authorization'] ?? '').match(/SignedHeaders=([^,]+)/)?.[1]?.split(';') ?? [];
  const headers = Object.fromEntries(
    signed
      .filter((h) => !['host', 'x-amz-date', 'x-amz-security-token'].includes(h))
      .map((h) => [h, String(req?.headers[h])]),
  );
  const expected = await signSigV4(
    {
      method: req?.method ?? '',
      url: `http://${req?.headers.host}${req?.path}`,
      headers,
      body: req?.body ?? '',
    },
    {
      credentials: {
        accessKeyId: ACCESS_KEY,
        secretAccessKey: SECRET_KEY,
        ...(sessionToken ? { sessionToken } : {}),
      },
      region: 'us-west-2',
      service: 'monitoring',
      now: NOW,
    },
  );
  expect(req?.headers['authorization']).toBe(expected['authorization']);
}

describe('cloudWatch (GetMetricData)', () => {
  it('posts a signed GetMetricData over the last 5 minutes and answers the list of results', async () => {
    vendor.answer({
      json: {
        MetricDataResults: [result('rate', [NOW_S - 60, NOW_S - 120], [0.0025, 0])],
        Messages: [],
      },
    });
    expect(await measure()).toEqual({
      kind: 'value',
      result: [
        {
          Id: 'rate',
          Label: 'rate',
          StatusCode: 'Complete',
          Timestamps: ['2024-05-01T11:59:00Z', '2024-05-01T11:58:00Z'],
          Values: [0.0025, 0],
          Messages: [],
        },
      ],
      value: '[[0.0025 0]]',
    });
    const [req] = vendor.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/');
    expect(req?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(req?.headers['x-amz-target']).toBe('GraniteServiceVersion20100801.GetMetricData');
    expect(req?.headers['x-amz-date']).toBe('20240501T120000Z');
    expect(req?.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20240501\/us-west-2\/monitoring\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    await expectValidSignature(req);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      StartTime: NOW_S - 300,
      EndTime: NOW_S,
      MetricDataQueries: [
        {
          Id: 'errors',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: [{ Name: 'LoadBalancer', Value: 'app/checkout/50dc6c495c0c9188' }],
            },
            Period: 60,
            Stat: 'Sum',
            Unit: 'Count',
          },
          ReturnData: false,
        },
        { Id: 'rate', Expression: 'errors / requests', Label: 'error rate', ReturnData: true },
      ],
    });
  });

  it('signs the session token and uses interval as the window', async () => {
    vendor.answer({ json: { MetricDataResults: [] } });
    expect(
      await measure({ interval: '15m' }, { AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2VjEXAMPLETOKEN' }),
    ).toEqual({ kind: 'value', result: [], value: '[]' });
    const [req] = vendor.requests;
    expect(req?.headers['x-amz-security-token']).toBe('IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    expect(req?.headers['authorization']).toContain(
      'SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target',
    );
    await expectValidSignature(req, 'IQoJb3JpZ2luX2VjEXAMPLETOKEN');
    expect(JSON.parse(req?.body ?? '')).toMatchObject({ StartTime: NOW_S - 900, EndTime: NOW_S });
  });

  it('follows NextToken and joins the pages per query id, keeping messages', async () => {
    vendor.answer((req) =>
      JSON.parse(req.body).NextToken === 'page-2'
        ? {
            json: {
              MetricDataResults: [result('rate', [NOW_S - 180], [0.5])],
              Messages: [{ Code: 'MaxMetricsExceeded', Value: 'Too many metrics' }],
            },
          }
        : {
            json: {
              MetricDataResults: [
                result('rate', [NOW_S - 60], [1]),
                result('errors', [NOW_S - 60], [3]),
              ],
              NextToken: 'page-2',
            },
          },
    );
    expect(await measure()).toEqual({
      kind: 'value',
      result: [
        {
          Id: 'rate',
          Label: 'rate',
          StatusCode: 'Complete',
          Timestamps: ['2024-05-01T11:59:00Z', '2024-05-01T11:57:00Z'],
          Values: [1, 0.5],
          Messages: [],
        },
        {
          Id: 'errors',
          Label: 'errors',
          StatusCode: 'Complete',
          Timestamps: ['2024-05-01T11:59:00Z'],
          Values: [3],
          Messages: [],
        },
      ],
      value: '[[1 0.5] [3]]',
      metadata: { messages: '[{"Code":"MaxMetricsExceeded","Value":"Too many metrics"}]' },
    });
    expect(vendor.requests).toHaveLength(2);
    await expectValidSignature(vendor.requests[1]);
  });

  it.each([
    [
      'an invalid parameter',
      {
        status: 400,
        json: {
          __type: 'com.amazonaws.cloudwatch#InvalidParameterValue',
          message:
            'The value 7 for parameter MetricDataQueries.member.1.MetricStat.Period is not a multiple of 60.',
        },
      },
      'CloudWatch GetMetricData failed with HTTP 400: InvalidParameterValue: The value 7 for parameter MetricDataQueries.member.1.MetricStat.Period is not a multiple of 60.',
    ],
    [
      'a bad signature',
      {
        status: 403,
        json: {
          __type: 'com.amazon.coral.service#InvalidSignatureException',
          Message: 'The request signature we calculated does not match the signature you provided.',
        },
      },
      'CloudWatch GetMetricData failed with HTTP 403: InvalidSignatureException: The request signature we calculated does not match the signature you provided.',
    ],
    [
      'a 503 page',
      { status: 503, text: 'Service Unavailable' },
      'CloudWatch GetMetricData failed with HTTP 503: Service Unavailable',
    ],
    [
      'a body without results',
      { json: { Messages: [] } },
      'unexpected CloudWatch response: MetricDataResults is missing',
    ],
    [
      'a malformed result',
      { json: { MetricDataResults: [{ Id: 'rate', Values: ['1'] }] } },
      'unexpected CloudWatch response: MetricDataResults[0] is malformed',
    ],
  ])('reports %s as an error', async (_why, reply, message) => {
    vendor.answer(reply);
    expect(await measure()).toEqual({ kind: 'error', message });
  });

  it('reports a body that is not JSON', async () => {
    vendor.answer({ text: '<UnknownOperationException/>' });
    const outcome = await measure();
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^could not parse CloudWatch response: /,
    );
  });

  it('gives up after 10s', async () => {
    const realTimeout = AbortSignal.timeout.bind(AbortSignal);
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => realTimeout(200));
    vendor.answer({ json: { MetricDataResults: [] }, delayMs: 2000 });
    expect(await measure()).toEqual({
      kind: 'error',
      message: `CloudWatch GetMetricData to ${vendor.url}/ timed out after 10s`,
    });
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const outcome = await measure({}, { AWS_ENDPOINT_URL_CLOUDWATCH: url });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^CloudWatch GetMetricData to ${url}/ failed: .*ECONNREFUSED`),
    );
  });

  it('never lets the secret key reach the message', async () => {
    vendor.answer({ status: 400, text: `secret was ${SECRET_KEY}` });
    expect(await measure()).toEqual({
      kind: 'error',
      message: 'CloudWatch GetMetricData failed with HTTP 400: secret was *****',
    });
  });

  it.each([
    ['us-west-2', 'https://monitoring.us-west-2.amazonaws.com/'],
    ['cn-north-1', 'https://monitoring.cn-north-1.amazonaws.com.cn/'],
  ])('talks to the regional endpoint for %s', async (region, endpoint) => {
    const calls: string[] = [];
    const ctx: ProviderContext = {
      ...aContext({
        settings: {
          AWS_ACCESS_KEY_ID: ACCESS_KEY,
          AWS_SECRET_ACCESS_KEY: SECRET_KEY,
          AWS_REGION: region,
        },
      }),
      fetch: (url) => {
        calls.push(url);
        return Promise.resolve(Response.json({ MetricDataResults: [] }));
      },
    };
    await cloudWatch.run(ctx, {
      name: 'm',
      provider: { cloudWatch: { metricDataQueries: [errorRate] } },
    });
    expect(calls).toEqual([endpoint]);
  });

  it.each([
    [
      { AWS_ACCESS_KEY_ID: '' },
      'AWS credentials not configured: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ],
    [
      { AWS_SECRET_ACCESS_KEY: '' },
      'AWS credentials not configured: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    ],
    [{ AWS_REGION: '' }, 'AWS region not configured: set AWS_REGION'],
    [
      { AWS_ENDPOINT_URL_CLOUDWATCH: 'monitoring.local' },
      'CloudWatch endpoint "monitoring.local" is not an http(s) URL',
    ],
  ])('reports missing AWS settings %j', async (override, message) => {
    expect(await measure({}, override)).toEqual({ kind: 'error', message });
    expect(vendor.requests).toHaveLength(0);
  });

  it.each([
    [{ metricDataQueries: [] }, 'metricDataQueries must list at least one query'],
    [{ interval: 'an hour' }, 'interval "an hour" is not a positive duration'],
    [
      { metricDataQueries: [{ label: 'x' }] },
      'metricDataQueries[0].id is required; metricDataQueries[0] needs metricStat or expression',
    ],
    [
      { metricDataQueries: [{ ...errors, metricStat: { ...errors.metricStat, period: '1m' } }] },
      'metricDataQueries[0].metricStat.period "1m" is not a whole number of seconds',
    ],
    [
      { metricDataQueries: [{ ...errorRate, returnData: 'yes' }] },
      'metricDataQueries[0].returnData must be a boolean',
    ],
  ])('rejects the configuration %j', async (config, problem) => {
    expect(await measure(config)).toEqual({
      kind: 'error',
      message: `invalid cloudWatch provider configuration: ${problem}`,
    });
  });

  it('takes string periods, as int-or-string allows', async () => {
    vendor.answer({ json: { MetricDataResults: [] } });
    await measure({
      metricDataQueries: [
        { ...errors, period: '300', metricStat: { ...errors.metricStat, period: '60' } },
      ],
    });
    expect(JSON.parse(vendor.requests[0]?.body ?? '').MetricDataQueries[0]).toMatchObject({
      Period: 300,
      MetricStat: { Period: 60 },
    });
  });
});
