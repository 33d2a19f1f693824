import { describe, expect, it } from 'vitest';
import { datadog } from '../../../../src/providers/metrics/datadog/index.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';
import { aVendorContext as aContext } from '../support/context.js';
import { useFakeService } from '../support/fake-service.js';

const vendor = useFakeService({ json: { status: 'ok', series: [{ pointlist: [[1, 7]] }] } });

const keys = (prefix: string) => ({
  address: vendor.url,
  'api-key': `${prefix}-api-key`,
  'app-key': `${prefix}-app-key`,
});
const run = (ctx: ProviderContext, config: Record<string, unknown>) =>
  datadog.run(ctx, { name: 'm', provider: { datadog: config } });
const sentKey = () => vendor.requests[0]?.headers['dd-api-key'];

describe('datadog configuration', () => {
  it.each([
    [{}, 'query is required'],
    [{ apiVersion: 'v3', query: 'q' }, 'apiVersion "v3" must be v1 or v2'],
    [{ query: 'q', queries: { a: 'q' } }, 'queries and formula need apiVersion v2'],
    [{ apiVersion: 'v2' }, 'queries or query is required'],
    [{ apiVersion: 'v2', query: 'q', queries: { a: 'q' } }, 'query and queries cannot both be set'],
    [
      { apiVersion: 'v2', queries: { a: 'q1', b: 'q2' } },
      'formula is required when more than one query is given',
    ],
    [
      { apiVersion: 'v2', queries: ['q1'] },
      'queries must map names to query strings; queries or query is required',
    ],
    [
      { query: 'q', interval: '5 minutes' },
      'interval "5 minutes" is not a duration of at least 1s',
    ],
    [{ query: 'q', requestTimeout: '0s' }, 'requestTimeout "0s" is not a duration of at least 1s'],
    [
      { apiVersion: 'v2', query: 'q', aggregator: 'median' },
      'aggregator "median" must be one of avg, min, max, sum, last, percentile, mean, l2norm, area',
    ],
    [{ query: 42 }, 'query must be a string; query is required'],
  ])('rejects %j', async (config, problem) => {
    expect(await run(aContext({ secrets: { datadog: keys('dd') } }), config)).toEqual({
      kind: 'error',
      message: `invalid datadog provider configuration: ${problem}`,
    });
    expect(vendor.requests).toHaveLength(0);
  });

  it('lists every problem at once', async () => {
    const outcome = await run(aContext(), { apiVersion: 'v2', interval: 'later', aggregator: 'x' });
    expect(outcome).toEqual({
      kind: 'error',
      message:
        'invalid datadog provider configuration: interval "later" is not a duration of at least 1s; aggregator "x" must be one of avg, min, max, sum, last, percentile, mean, l2norm, area; queries or query is required',
    });
  });
});

describe('datadog credentials', () => {
  it('reads the secret named by secretRef', async () => {
    const ctx = aContext({ secrets: { datadog: keys('default'), 'team-dd': keys('team') } });
    expect(
      await run(ctx, { query: 'q', secretRef: { name: 'team-dd', namespaced: true } }),
    ).toMatchObject({ kind: 'value', result: 7 });
    expect(sentKey()).toBe('team-api-key');
  });

  it('prefers DD_* settings over the secret unless the ref is namespaced', async () => {
    const settings = {
      DD_API_KEY: 'env-api-key',
      DD_APP_KEY: 'env-app-key',
      DD_ADDRESS: vendor.url,
    };
    const ctx = aContext({ secrets: { datadog: keys('secret') }, settings });
    await run(ctx, { query: 'q' });
    expect(sentKey()).toBe('env-api-key');
    vendor.requests.length = 0;
    await run(ctx, { query: 'q', secretRef: { name: 'datadog', namespaced: true } });
    expect(sentKey()).toBe('secret-api-key');
  });

  it('falls back to the settings when a namespaced secret is missing', async () => {
    const ctx = aContext({
      settings: { DD_API_KEY: 'env-api-key', DD_APP_KEY: 'env-app-key', DD_ADDRESS: vendor.url },
    });
    expect(
      await run(ctx, { query: 'q', secretRef: { name: 'absent', namespaced: true } }),
    ).toMatchObject({ kind: 'value' });
    expect(sentKey()).toBe('env-api-key');
  });

  it.each([
    [
      'no secret',
      {},
      'Datadog API or app key not found: secret "datadog" needs keys api-key and app-key',
    ],
    [
      'no app key',
      { datadog: { 'api-key': 'only-the-api-key' } },
      'Datadog API or app key not found: secret "datadog" needs keys api-key and app-key',
    ],
    [
      'a bad address',
      { datadog: { address: 'api.datadoghq.com', 'api-key': 'k1k1k1', 'app-key': 'k2k2k2' } },
      'Datadog address "api.datadoghq.com" is not an http(s) URL',
    ],
  ])('reports %s', async (_why, secrets, message) => {
    expect(await run(aContext({ secrets }), { query: 'q' })).toEqual({ kind: 'error', message });
  });

  it('turns a failing secret read into an error without the secret values', async () => {
    const ctx: ProviderContext = {
      ...aContext(),
      secret: () => Promise.reject(new Error('secrets "datadog" is forbidden')),
    };
    expect(await run(ctx, { query: 'q' })).toEqual({
      kind: 'error',
      message: 'datadog provider failed unexpectedly: secrets "datadog" is forbidden',
    });
  });

  it('says so when there is no secret access at all', async () => {
    const { secret: _none, ...ctx } = aContext();
    expect(await run(ctx, { query: 'q' })).toEqual({
      kind: 'error',
      message: 'cannot read secret "datadog": no secret access configured',
    });
  });

  it('defaults the address to api.datadoghq.com', async () => {
    let called = '';
    const ctx: ProviderContext = {
      ...aContext({ secrets: { datadog: { 'api-key': 'k1k1k1', 'app-key': 'k2k2k2' } } }),
      fetch: (url) => {
        called = url;
        return Promise.resolve(new Response('{"series":[]}', { status: 200 }));
      },
    };
    expect(await run(ctx, { query: 'q' })).toEqual({ kind: 'value', result: null, value: 'null' });
    expect(called).toMatch(/^https:\/\/api\.datadoghq\.com\/api\/v1\/query\?/);
  });
});
