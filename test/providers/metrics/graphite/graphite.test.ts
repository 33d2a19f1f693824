import { describe, expect, it } from 'vitest';
import {
  createGraphiteProvider,
  graphite,
} from '../../../../src/providers/metrics/graphite/index.js';
import { aContext, aMetric } from '../support/context.js';
import { aClosedAddress, useFakeService } from '../support/fake-service.js';

const svc = useFakeService();

const QUERY = `target=summarize(
  asPercent(
    sumSeries(stats.timers.app.checkout.outcome.SUCCESS.count),
    sumSeries(stats.timers.app.checkout.outcome.*.count)
  ),
  '5min',
  'avg'
)&from=-15min`;
const TARGET =
  "summarize( asPercent( sumSeries(stats.timers.app.checkout.outcome.SUCCESS.count), sumSeries(stats.timers.app.checkout.outcome.*.count) ), '5min', 'avg' )";

const series = (datapoints: unknown[], target = TARGET) => ({
  target,
  tags: { aggregatedBy: 'avg', name: target },
  datapoints,
});

function runGraphite(config: Record<string, unknown> = {}, provider = graphite) {
  return provider.run(
    aContext(),
    aMetric('graphite', { address: svc.url, query: QUERY, ...config }),
  );
}

describe('graphite provider', () => {
  it('GETs /render with the query, format=json and parameters sorted; reads the first series skipping nulls', async () => {
    svc.answer(() => ({
      body: [
        series([
          [99.2, 1700000000],
          [null, 1700000300],
          [98.7, 1700000600],
        ]),
        series([[1, 1700000000]], 'other'),
      ],
    }));
    expect(await runGraphite()).toEqual({
      kind: 'value',
      result: [99.2, 98.7],
      value: '[99.200000,98.700000]',
    });
    const [req] = svc.requests;
    expect(req).toMatchObject({ method: 'GET', path: '/render' });
    expect([...(req?.query.keys() ?? [])]).toEqual(['format', 'from', 'target']);
    expect(req?.query.get('target')).toBe(TARGET);
    expect(req?.query.get('from')).toBe('-15min');
    expect(req?.query.get('format')).toBe('json');
  });

  it.each([
    {
      name: 'string values and timestamps',
      points: [
        ['100', '1700000000'],
        ['0.5', 1700000060],
      ],
      result: [100, 0.5],
      value: '[100.000000,0.500000]',
    },
    {
      name: 'only nulls',
      points: [
        [null, 1700000000],
        [null, 1700000060],
      ],
      result: [],
      value: '[]',
    },
  ])('reads $name', async ({ points, result, value }) => {
    svc.answer(() => ({ body: [series(points)] }));
    expect(await runGraphite()).toEqual({ kind: 'value', result, value });
  });

  it('keeps the address path prefix', async () => {
    svc.answer(() => ({ body: [series([[1, 1]])] }));
    await runGraphite({ address: `${svc.url}/graphite` });
    expect(svc.requests[0]?.path).toBe('/graphite/render');
  });

  it.each([
    { name: 'no datapoints', reply: { body: [series([])] }, message: 'no values found' },
    {
      name: 'no series',
      reply: { body: [] },
      message: 'no values found: the query matched no series',
    },
    {
      name: 'a 400',
      reply: { status: 400, body: 'Invalid target: sumSeries(' },
      message: 'Graphite returned HTTP 400: "Invalid target: sumSeries("',
    },
    {
      name: 'a 500 traceback',
      reply: {
        status: 500,
        body: 'Traceback (most recent call last):\n  File "render/views.py"\nValueError: boom',
      },
      message:
        'Graphite returned HTTP 500: "Traceback (most recent call last): File \\"render/views.py\\" ValueError: boom"',
    },
    {
      name: 'a body that is not JSON',
      reply: { body: 'invalid JSON' },
      message: 'Graphite returned a body that is not JSON: "invalid JSON"',
    },
    {
      name: 'an object instead of a list',
      reply: { body: { error: 'x' } },
      message: 'unexpected Graphite response: expected a list of series',
    },
    {
      name: 'a series without datapoints',
      reply: { body: [{ target: 'x' }] },
      message: 'unexpected Graphite response: the first series has no datapoints list',
    },
    {
      name: 'a one-item datapoint',
      reply: { body: [series([[10]])] },
      message: 'error unmarshaling data point: [10]',
    },
    {
      name: 'a bad timestamp',
      reply: { body: [series([[100, 'f']])] },
      message: 'error unmarshaling timestamp: "f"',
    },
    {
      name: 'a bad value',
      reply: { body: [series([[[], 1700000000]])] },
      message: 'error unmarshaling value: []',
    },
  ])('reports $name', async ({ reply, message }) => {
    svc.answer(() => reply);
    expect(await runGraphite()).toEqual({ kind: 'error', message });
  });

  it.each([
    {
      config: { query: 'sumSeries(app.*.count)' },
      message:
        'graphite query must be a render query string with a target, as in "target=sumSeries(app.*.count)&from=-5min"; got "sumSeries(app.*.count)"',
    },
    {
      config: { address: '', query: '' },
      message: 'invalid graphite provider configuration: address is required; query is required',
    },
    {
      config: { address: ':::' },
      message: 'invalid graphite provider configuration: address ":::" is not an http(s) URL',
    },
  ])('rejects bad configuration: $message', async ({ config, message }) => {
    svc.answer(() => ({ body: [] }));
    expect(await runGraphite(config)).toEqual({ kind: 'error', message });
    expect(svc.requests).toHaveLength(0);
  });

  it('times out', async () => {
    svc.answer(() => ({ delayMs: 1000, body: [series([[1, 1]])] }));
    const outcome = await runGraphite({}, createGraphiteProvider({ timeoutMs: 200 }));
    expect(outcome).toEqual({
      kind: 'error',
      message: `Graphite query to ${svc.url}/render timed out after 200ms`,
    });
  });

  it('reports a refused connection', async () => {
    const address = await aClosedAddress();
    const outcome = await runGraphite({ address });
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^Graphite query to ${address}/render failed: .*ECONNREFUSED`),
    );
  });
});
