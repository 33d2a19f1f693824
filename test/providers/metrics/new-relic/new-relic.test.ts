import { describe, expect, it } from 'vitest';
import { newRelic } from '../../../../src/providers/metrics/new-relic/index.js';
import { NRQL_DOCUMENT } from '../../../../src/providers/metrics/new-relic/request.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';
import { aVendorContext as aContext } from '../support/context.js';
import { aClosedAddress as refusedUrl, useFakeService } from '../support/fake-service.js';

const API_KEY = 'NRAK-4Q8ZP2EXAMPLEKEY0000000000';
const QUERY =
  "SELECT average(duration) FROM Transaction WHERE appName = 'checkout' SINCE 5 minutes ago";

const vendor = useFakeService();

function profile(overrides: Record<string, string> = {}) {
  return {
    'personal-api-key': API_KEY,
    'account-id': '1234567',
    region: 'us',
    'base-url-nerdgraph': `${vendor.url}/graphql`,
    ...overrides,
  };
}

function measure(
  config: Record<string, unknown> = {},
  secrets: Record<string, Record<string, string>> = { newrelic: profile() },
) {
  return newRelic.run(aContext({ secrets }), {
    name: 'latency',
    provider: { newRelic: { query: QUERY, ...config } },
  });
}

const nrql = (results: unknown) => ({ data: { actor: { account: { nrql: { results } } } } });
const resolved = { ResolvedNewRelicQuery: QUERY };

describe('newRelic (NerdGraph NRQL)', () => {
  it('posts the NRQL as GraphQL variables with the personal key and answers the single row', async () => {
    vendor.answer({ json: nrql([{ 'average.duration': 0.0123 }]) });
    expect(await measure()).toEqual({
      kind: 'value',
      result: { 'average.duration': 0.0123 },
      value: '{"average.duration":0.0123}',
      metadata: resolved,
    });
    const [req] = vendor.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/graphql');
    expect(req?.headers['api-key']).toBe(API_KEY);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.headers['user-agent']).toMatch(/^serverless-rollouts\//);
    expect(JSON.parse(req?.body ?? '')).toEqual({
      query: NRQL_DOCUMENT,
      variables: { accountId: 1234567, query: QUERY, timeout: 5 },
    });
  });

  it('answers every row of a FACET query as a list', async () => {
    const rows = [
      { facet: 'GET /cart', 'average.duration': 0.2, count: 120 },
      { facet: 'POST /pay', 'average.duration': 0.4, count: 30 },
    ];
    vendor.answer({ json: nrql(rows) });
    expect(await measure({ query: `${QUERY} FACET name` })).toEqual({
      kind: 'value',
      result: rows,
      value:
        '[{"average.duration":0.2,"count":120,"facet":"GET /cart"},{"average.duration":0.4,"count":30,"facet":"POST /pay"}]',
      metadata: { ResolvedNewRelicQuery: `${QUERY} FACET name` },
    });
  });

  it('reads the named profile and passes the timeout to NRDB', async () => {
    vendor.answer({ json: nrql([{ count: 3 }]) });
    const secrets = { 'nr-eu': profile({ region: 'EU', 'account-id': '42' }) };
    expect(await measure({ profile: 'nr-eu', timeout: 30 }, secrets)).toMatchObject({
      kind: 'value',
      result: { count: 3 },
    });
    expect(JSON.parse(vendor.requests[0]?.body ?? '')).toMatchObject({
      variables: { accountId: 42, timeout: 30 },
    });
  });

  it.each([
    ['us', 'https://api.newrelic.com/graphql'],
    ['eu', 'https://api.eu.newrelic.com/graphql'],
    [undefined, 'https://api.newrelic.com/graphql'],
  ])('sends region %s to %s', async (region, endpoint) => {
    const calls: string[] = [];
    const { region: _r, 'base-url-nerdgraph': _b, ...plain } = profile();
    const ctx: ProviderContext = {
      ...aContext({ secrets: { newrelic: region ? { ...plain, region } : plain } }),
      fetch: (url) => {
        calls.push(url);
        return Promise.resolve(Response.json(nrql([{ count: 1 }])));
      },
    };
    expect(
      await newRelic.run(ctx, { name: 'm', provider: { newRelic: { query: QUERY } } }),
    ).toMatchObject({ kind: 'value' });
    expect(calls).toEqual([endpoint]);
  });

  it.each([
    [
      'an NRQL syntax error',
      {
        json: {
          data: { actor: { account: { nrql: null } } },
          errors: [
            {
              extensions: { errorClass: 'INVALID_INPUT' },
              message: "NRQL Syntax Error: Error at line 1 position 32, unexpected 'FORM'",
              path: ['actor', 'account', 'nrql'],
            },
          ],
        },
      },
      "NerdGraph query failed: NRQL Syntax Error: Error at line 1 position 32, unexpected 'FORM'",
    ],
    [
      'an NRDB timeout',
      {
        json: {
          data: { actor: { account: { nrql: null } } },
          errors: [
            {
              extensions: { errorClass: 'TIMEOUT' },
              message: 'NRDB query duration exceeded the timeout of 5 seconds.',
            },
            { message: 'second' },
          ],
        },
      },
      'NerdGraph query failed: NRDB query duration exceeded the timeout of 5 seconds.; second',
    ],
    [
      'HTTP 401',
      { status: 401, text: '{"errors":[{"message":"Invalid API key"}]}' },
      'NerdGraph answered HTTP 401: {"errors":[{"message":"Invalid API key"}]}',
    ],
    [
      'HTTP 503',
      { status: 503, text: 'Service Unavailable' },
      'NerdGraph answered HTTP 503: Service Unavailable',
    ],
    ['no rows', { json: nrql([]) }, 'no results returned from NRQL query'],
    ['an empty row', { json: nrql([{}]) }, 'no results returned from NRQL query'],
    [
      'no results field',
      { json: { data: { actor: { account: null } } } },
      'unexpected NerdGraph response: data.actor.account.nrql.results is missing',
    ],
    [
      'a JSON array body',
      { json: [1, 2] },
      'unexpected NerdGraph response: the body is not an object',
    ],
  ])('reports %s as an error', async (_why, reply, message) => {
    vendor.answer(reply);
    expect(await measure()).toEqual({ kind: 'error', message, metadata: resolved });
  });

  it('reports a body that is not JSON', async () => {
    vendor.answer({ text: '<html><body>502 Bad Gateway</body></html>' });
    const outcome = await measure();
    expect(outcome).toMatchObject({ kind: 'error', metadata: resolved });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^could not parse NerdGraph response: /,
    );
  });

  it('cuts the line two seconds after the NRQL timeout', async () => {
    vendor.answer({ json: nrql([{ count: 1 }]), delayMs: 5000 });
    expect(await measure({ timeout: 1 })).toEqual({
      kind: 'error',
      message: `NerdGraph query to ${vendor.url}/graphql timed out after 3s`,
      metadata: resolved,
    });
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const outcome = await measure(
      {},
      { newrelic: profile({ 'base-url-nerdgraph': `${url}/graphql` }) },
    );
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^NerdGraph query to ${url}/graphql failed: .*ECONNREFUSED`),
    );
  });

  it('never lets the key reach the message, even when the server echoes it', async () => {
    vendor.answer({ status: 400, text: `bad key ${API_KEY}` });
    expect(await measure()).toEqual({
      kind: 'error',
      message: 'NerdGraph answered HTTP 400: bad key *****',
      metadata: resolved,
    });
  });

  it.each([
    [
      'no profile secret',
      () => ({}),
      'account ID or personal API key not found: secret "newrelic" needs keys personal-api-key and account-id',
    ],
    [
      'a bad account id',
      () => ({ newrelic: profile({ 'account-id': '12ab' }) }),
      'could not parse account ID "12ab" from secret "newrelic"',
    ],
    [
      'an unknown region',
      () => ({ newrelic: profile({ region: 'ap' }) }),
      'unknown New Relic region "ap" in secret "newrelic": use us or eu',
    ],
    [
      'a bad NerdGraph URL',
      () => ({ newrelic: profile({ 'base-url-nerdgraph': 'nerdgraph.internal' }) }),
      'base-url-nerdgraph "nerdgraph.internal" in secret "newrelic" is not an http(s) URL',
    ],
  ])('reports %s', async (_why, secrets, message) => {
    expect(await measure({}, secrets())).toEqual({ kind: 'error', message, metadata: resolved });
    expect(vendor.requests).toHaveLength(0);
  });

  it.each([
    [{ query: '' }, 'query is required'],
    [{ timeout: 0 }, 'timeout 0 must be a positive whole number of seconds'],
    [{ timeout: 'soon' }, 'timeout must be a number'],
  ])('rejects the configuration %j', async (config, problem) => {
    expect(await measure(config)).toEqual({
      kind: 'error',
      message: `invalid newRelic provider configuration: ${problem}`,
    });
  });
});
