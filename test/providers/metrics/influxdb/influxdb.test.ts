import { describe, expect, it } from 'vitest';
import {
  createInfluxdbProvider,
  influxdb,
} from '../../../../src/providers/metrics/influxdb/index.js';
import type { ProviderContext } from '../../../../src/providers/metrics/types.js';
import { aContext, aMetric, secretsFrom } from '../support/context.js';
import { aClosedAddress, useFakeService } from '../support/fake-service.js';

const svc = useFakeService();

const FLUX = `from(bucket: "app_istio")
  |> range(start: -15m)
  |> filter(fn: (r) => r["destination_workload"] == "checkout")`;

const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** Two tables with different schemas, as InfluxDB 2.x streams them. */
const TWO_TABLES = csv(
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string',
  '#group,false,false,true,true,false,false,true,true,true',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,destination_workload',
  ',,0,2023-11-14T21:58:20Z,2023-11-14T22:13:20Z,2023-11-14T22:05:00Z,0.004,value,istio:istio_requests_errors_percentage:rate1m:5xx,checkout',
  ',,0,2023-11-14T21:58:20Z,2023-11-14T22:13:20Z,2023-11-14T22:10:00Z,1e-05,value,istio:istio_requests_errors_percentage:rate1m:5xx,checkout',
  '',
  '#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,long,string,string,string',
  '#group,false,false,true,true,false,false,true,true,true',
  '#default,_result,,,,,,,,',
  ',result,table,_start,_stop,_time,_value,_field,_measurement,host',
  ',,1,2023-11-14T21:58:20Z,2023-11-14T22:13:20Z,2023-11-14T22:10:00Z,42,requests,http,"web-1,eu"',
);

const PROFILE = { address: '', authToken: 'influx-t0ken==', org: 'my-org' };

function ctxWith(profile: typeof PROFILE = PROFILE, name = 'influxdb'): ProviderContext {
  return aContext({
    secret: secretsFrom({
      [name]: { ...profile, address: profile.address === '' ? svc.url : profile.address },
    }),
  });
}

function runInflux(ctx = ctxWith(), config: Record<string, unknown> = {}, provider = influxdb) {
  return provider.run(ctx, aMetric('influxdb', { query: FLUX, ...config }));
}

describe('influxdb provider', () => {
  it('POSTs the Flux query to /api/v2/query?org= with a Token header and returns every _value', async () => {
    svc.answer(() => ({
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
      body: TWO_TABLES,
    }));
    expect(await runInflux()).toEqual({
      kind: 'value',
      result: [0.004, 0.00001, 42],
      value: '[0.004 1e-05 42]',
    });
    const [req] = svc.requests;
    expect(req).toMatchObject({ method: 'POST', path: '/api/v2/query' });
    expect(req?.query.get('org')).toBe('my-org');
    expect(req?.headers.authorization).toBe('Token influx-t0ken==');
    expect(req?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req?.body ?? '')).toEqual({
      dialect: { annotations: ['datatype', 'group', 'default'], delimiter: ',', header: true },
      query: FLUX,
      type: 'flux',
    });
  });

  it('reads the secret named by profile', async () => {
    svc.answer(() => ({ body: TWO_TABLES }));
    const outcome = await runInflux(ctxWith({ ...PROFILE, org: 'other-org' }, 'influx-eu'), {
      profile: 'influx-eu',
    });
    expect(outcome.kind).toBe('value');
    expect(svc.requests[0]?.query.get('org')).toBe('other-org');
  });

  it('types values by #datatype and applies #default', async () => {
    svc.answer(() => ({
      body: csv(
        '#datatype,string,long,string,boolean',
        '#group,false,false,true,false',
        '#default,_result,,,true',
        ',result,table,_field,_value',
        ',,0,healthy,false',
        ',,0,healthy,',
        '',
        '#datatype,string,long,string',
        '#group,false,false,false',
        '#default,_result,,',
        ',result,table,_value',
        ',,1,"said ""ok"", then left"',
        ',,1,',
      ),
    }));
    expect(await runInflux()).toEqual({
      kind: 'value',
      result: [false, true, 'said "ok", then left', null],
      value: '[false true said "ok", then left <nil>]',
    });
  });

  it.each([
    { name: 'an empty result', body: '\r\n', message: 'no results returned from flux query' },
    {
      name: 'a query error table',
      body: csv(
        '#datatype,string,string',
        '#group,true,true',
        '#default,,',
        ',error,reference',
        ',"failed to initialize execute state: could not find bucket ""app_istio""",',
      ),
      message:
        'InfluxDB query failed: failed to initialize execute state: could not find bucket "app_istio"',
    },
    {
      name: 'an error table with a reference',
      body: csv(
        '#datatype,string,string',
        '#group,true,true',
        '#default,,',
        ',error,reference',
        ',panic: runtime error,897',
      ),
      message: 'InfluxDB query failed: panic: runtime error,897',
    },
    {
      name: 'a body without annotations',
      body: 'hello, world\n',
      message: 'InfluxDB query failed: parsing error, annotations not found',
    },
    {
      name: 'a ragged row',
      body: csv(
        '#datatype,string,double',
        '#group,false,false',
        '#default,,',
        ',result,_value',
        ',,1.5,extra',
      ),
      message:
        'InfluxDB query failed: parsing error, row has different number of columns than the table: 3 vs 2',
    },
    {
      name: 'a double that is not',
      body: csv(
        '#datatype,string,double',
        '#group,false,false',
        '#default,,',
        ',result,_value',
        ',,fast',
      ),
      message: 'InfluxDB query failed: _value "fast" is not a double',
    },
    {
      name: 'a missing #datatype',
      body: csv('#group,false,false', ',result,_value', ',,1'),
      message: 'InfluxDB query failed: parsing error, datatype annotation not found',
    },
  ])('reports $name', async ({ body, message }) => {
    svc.answer(() => ({ body }));
    expect(await runInflux()).toEqual({ kind: 'error', message });
  });

  it.each([
    {
      name: 'a 401',
      reply: { status: 401, body: { code: 'unauthorized', message: 'unauthorized access' } },
      message: 'InfluxDB query failed: HTTP 401: unauthorized: unauthorized access',
    },
    {
      name: 'a compile error',
      reply: {
        status: 400,
        body: {
          code: 'invalid',
          message: 'compilation failed: error @2:6-2:7: undefined identifier x',
        },
      },
      message:
        'InfluxDB query failed: HTTP 400: invalid: compilation failed: error @2:6-2:7: undefined identifier x',
    },
    {
      name: 'a 502 from a proxy',
      reply: { status: 502, body: 'Bad Gateway' },
      message: 'InfluxDB query failed: HTTP 502: "Bad Gateway"',
    },
    {
      name: 'a token echoed back',
      reply: {
        status: 403,
        body: {
          code: 'forbidden',
          message: 'token influx-t0ken== has no read access to org my-org',
        },
      },
      message:
        'InfluxDB query failed: HTTP 403: forbidden: token ***** has no read access to org my-org',
    },
  ])('reports $name', async ({ reply, message }) => {
    svc.answer(() => reply);
    expect(await runInflux()).toEqual({ kind: 'error', message });
  });

  it.each([
    {
      name: 'missing keys',
      ctx: () => aContext({ secret: secretsFrom({ influxdb: { address: 'http://influx:8086' } }) }),
      message: 'InfluxDB profile secret "influxdb" is missing authToken, org',
    },
    {
      name: 'no secret at all',
      ctx: () => aContext({ secret: secretsFrom({}) }),
      message: 'InfluxDB profile secret "influxdb" is missing address, authToken, org',
    },
    {
      name: 'no secret access',
      ctx: () => aContext(),
      message:
        'InfluxDB profile secret "influxdb" cannot be read: no Secret access in this runtime',
    },
    {
      name: 'a failing secret read',
      ctx: () =>
        aContext({ secret: () => Promise.reject(new Error('secrets "influxdb" is forbidden')) }),
      message: 'could not read InfluxDB profile secret "influxdb": secrets "influxdb" is forbidden',
    },
    {
      name: 'a bad address',
      ctx: () => ctxWith({ ...PROFILE, address: 'influx:8086' }),
      message: 'InfluxDB profile secret "influxdb": address "influx:8086" is not an http(s) URL',
    },
  ])('reports a bad profile: $name', async ({ ctx, message }) => {
    expect(await runInflux(ctx())).toEqual({ kind: 'error', message });
  });

  it('reports a missing query', async () => {
    expect(await runInflux(ctxWith(), { query: '' })).toEqual({
      kind: 'error',
      message: 'invalid influxdb provider configuration: query is required',
    });
  });

  it('times out', async () => {
    svc.answer(() => ({ delayMs: 1000, body: TWO_TABLES }));
    const outcome = await runInflux(ctxWith(), {}, createInfluxdbProvider({ timeoutMs: 200 }));
    expect(outcome).toEqual({
      kind: 'error',
      message: `InfluxDB query to ${svc.url}/api/v2/query timed out after 200ms`,
    });
  });

  it('reports a refused connection', async () => {
    const address = await aClosedAddress();
    const outcome = await runInflux(ctxWith({ ...PROFILE, address }));
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^InfluxDB query to ${address}/api/v2/query failed: .*ECONNREFUSED`),
    );
  });
});
