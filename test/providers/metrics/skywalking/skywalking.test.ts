import { describe, expect, it } from 'vitest';
import {
  createSkyWalkingProvider,
  skywalking,
} from '../../../../src/providers/metrics/skywalking/index.js';
import { aContext, aMetric } from '../support/context.js';
import { aClosedAddress, useFakeService } from '../support/fake-service.js';

const svc = useFakeService();

const QUERY = `query queryData($duration: Duration!) {
  service_apdex: readMetricsValues(
    condition: { name: "service_apdex", entity: { scope: Service, serviceName: "checkout", normal: true } },
    duration: $duration) {
      label values { values { value } }
    }
}`;

const apdex = {
  service_apdex: {
    label: null,
    values: { values: [{ value: 9950 }, { value: 10000 }, { value: 9900 }] },
  },
};

function runSkyWalking(config: Record<string, unknown> = {}, provider = skywalking) {
  return provider.run(
    aContext(),
    aMetric('skywalking', { address: svc.url, query: QUERY, interval: '3m', ...config }),
  );
}

describe('skywalking provider', () => {
  it('POSTs the query to /graphql with $duration = now − interval .. now, step MINUTE; returns data', async () => {
    svc.answer(() => ({ body: { data: apdex } }));
    expect(await runSkyWalking()).toEqual({
      kind: 'value',
      result: apdex,
      value:
        '{"service_apdex":{"label":null,"values":{"values":[{"value":9950},{"value":10000},{"value":9900}]}}}',
    });
    const [req] = svc.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/graphql' });
    expect(req?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      query: QUERY,
      variables: { duration: { start: '2023-11-14 2210', end: '2023-11-14 2213', step: 'MINUTE' } },
    });
  });

  it.each([
    {
      name: 'GraphQL errors',
      reply: {
        body: {
          data: null,
          errors: [
            {
              message:
                'Exception while fetching data (/readMetricsValues) : metric service_apdx not found',
            },
          ],
        },
      },
      message:
        'graphql: Exception while fetching data (/readMetricsValues) : metric service_apdx not found',
    },
    {
      name: 'a GraphQL validation error with 400',
      reply: {
        status: 400,
        body: {
          errors: [
            {
              message:
                "Validation error of type FieldUndefined: Field 'readMetric' in type 'Query' is undefined",
              locations: [{ line: 2, column: 3 }],
            },
          ],
        },
      },
      message:
        "graphql: Validation error of type FieldUndefined: Field 'readMetric' in type 'Query' is undefined",
    },
    {
      name: 'null data',
      reply: { body: { data: null } },
      message: 'no results returned from SkyWalking query',
    },
    {
      name: 'a 502 from a proxy',
      reply: { status: 502, body: '<html>502 Bad Gateway</html>' },
      message: 'SkyWalking query failed: HTTP 502 (body: "<html>502 Bad Gateway</html>")',
    },
    {
      name: 'a 500 with a JSON body but no errors',
      reply: { status: 500, body: { message: 'oap overloaded' } },
      message: 'SkyWalking query failed: HTTP 500 (body: "{\\"message\\":\\"oap overloaded\\"}")',
    },
    {
      name: 'a garbage body',
      reply: { body: '}{' },
      message: 'SkyWalking returned a body that is not a JSON object: "}{"',
    },
  ])('reports $name', async ({ reply, message }) => {
    svc.answer(() => reply);
    expect(await runSkyWalking()).toEqual({ kind: 'error', message });
  });

  it.each([
    {
      config: { interval: undefined },
      message: 'invalid skywalking provider configuration: interval is required',
    },
    {
      config: { interval: '3 minutes', address: 'oap:12800' },
      message:
        'invalid skywalking provider configuration: address "oap:12800" is not an http(s) URL; interval "3 minutes" is not a positive duration',
    },
  ])('rejects bad configuration: $message', async ({ config, message }) => {
    expect(await runSkyWalking(config)).toEqual({ kind: 'error', message });
  });

  it('times out', async () => {
    svc.answer(() => ({ delayMs: 1000, body: { data: apdex } }));
    expect(await runSkyWalking({}, createSkyWalkingProvider({ timeoutMs: 200 }))).toEqual({
      kind: 'error',
      message: `SkyWalking query to ${svc.url}/graphql timed out after 200ms`,
    });
  });

  it('reports a refused connection', async () => {
    const address = await aClosedAddress();
    const outcome = await runSkyWalking({ address });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^SkyWalking query to ${address}/graphql failed: .*ECONNREFUSED`),
    );
  });
});
