import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { apiApp, call } from '../http/api/support.js';
import { leaksIn } from '../support/secret-leaks.js';
import { RO, aCanaryRollout, startWorld, type World } from './world.js';

// Issue 15, deliverable 2: a secretKeyRef arg sent in the URL, headers (one of them sensitive by
// name) and body to an endpoint that echoes the whole request back, as the measured value and in
// a 500's error body. The secret must appear, in none of its shapes, anywhere a user can look.
const SECRET = 's3cr3t/tok+en=&"x" y';
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';

let w: World;
let server: Server;
let base = '';

async function echoOf(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const request = { method: req.method, url: req.url, headers: req.headers, body };
  const text = JSON.stringify(request);
  // The same request again, base64'd and form-encoded, as some services log or forward it.
  return JSON.stringify({
    ...request,
    b64: Buffer.from(text).toString('base64'),
    form: new URLSearchParams({ request: text }).toString(),
  });
}

beforeEach(async () => {
  server = createServer((req, res) => {
    void echoOf(req).then((echo) => {
      const failing = req.url?.startsWith('/fail') === true;
      res.writeHead(failing ? 500 : 200, {
        'content-type': failing ? 'text/plain' : 'application/json',
      });
      res.end(failing ? `cannot serve ${req.url ?? ''}: ${echo}` : echo);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  w = await startWorld('shop');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await w.close();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A web metric sending the token everywhere a request can carry it. */
function echoMetric(name: string, path: string) {
  return {
    name,
    successCondition: 'result.method == "POST"',
    provider: {
      web: {
        url: `{{args.base}}${path}?token={{args.token}}&user=me`,
        method: 'POST',
        headers: [
          { key: 'Authorization', value: 'Bearer {{args.token}}' },
          { key: 'X-Client', value: '{{args.token}}' },
          { key: 'X-Trace', value: 'trace {{args.token}} end' },
        ],
        jsonBody: { token: '{{args.token}}', nested: { note: 'with {{args.token}} inside' } },
      },
    },
  };
}

/** Everything printed while `run` runs: console and the process streams. */
async function capturingLogs(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(keep);
  const write = (chunk: unknown) => (lines.push(String(chunk)), true);
  vi.spyOn(process.stdout, 'write').mockImplementation(write);
  vi.spyOn(process.stderr, 'write').mockImplementation(write);
  console.info('capture on');
  await run();
  vi.restoreAllMocks();
  return lines.join('\n');
}

describe('secrets never leave the measurement', () => {
  it('keeps a secretKeyRef arg echoed back by the endpoint out of every object, API answer, stream, log and metric', async () => {
    await w.h.req('POST', '/api/v1/namespaces/default/secrets', {
      metadata: { name: 'api' },
      data: { token: Buffer.from(SECRET).toString('base64') },
    });
    const args = [
      { name: 'base' },
      { name: 'token', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ];
    const template = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'echo' },
      spec: { args, metrics: [echoMetric('echo-ok', '/ok'), echoMetric('echo-fail', '/fail')] },
    };
    await w.h.req(
      'POST',
      '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates',
      template,
    );
    const analysis = {
      templates: [{ templateName: 'echo' }],
      args: [{ name: 'base', value: base }],
    };
    await w.h.req(
      'POST',
      RO,
      aCanaryRollout('shop', { steps: [{ setWeight: 20 }, { analysis }, { pause: {} }] }),
    );

    const logs = await capturingLogs(async () => {
      await w.settle();
      await w.advance(2000, 1000);
      await w.setImage('registry.example/shop:v2');
      // The failing metric errs every 10 s; the fifth error exceeds consecutiveErrorLimit (4).
      await w.advance(60_000, 1000);
    });

    const runs = (await w.h.req('GET', AR)).body.items;
    expect(runs).toHaveLength(1);
    const [ok, failed] = runs[0].status.metricResults;
    // The measurements really carried the echo: the value and the error body, with masks in them.
    expect(ok).toMatchObject({ name: 'echo-ok', phase: 'Successful' });
    expect(ok.measurements[0].value).toContain('*****');
    expect(ok.measurements[0].value).toContain('user=me');
    expect(failed.measurements.at(-1)).toMatchObject({
      phase: 'Error',
      message: expect.stringContaining('received non 2xx response code: 500'),
    });
    expect(failed.measurements.at(-1).message).toContain('*****');
    const rollout = await w.rollout();
    expect(rollout.status?.phase).toBe('Degraded');
    expect(rollout.status?.message).toContain('*****');

    const app = apiApp(w, w.kube, { watchIntervalMs: 1, watchMaxPolls: 1 });
    const metrics = buildApp({ runtime: 'node', version: '9.9.9', metrics: { kube: w.kube } });
    const events = [
      ...(await w.h.req('GET', '/api/v1/namespaces/default/events')).body.items,
      ...((await w.h.req('GET', '/apis/events.k8s.io/v1/namespaces/default/events')).body.items ??
        []),
    ];
    expect(JSON.stringify(events)).toContain('*****');
    const seen: Record<string, string> = {
      analysisRuns: JSON.stringify(runs),
      rollout: JSON.stringify(rollout),
      events: JSON.stringify(events),
      info: JSON.stringify((await call(app, 'GET', '/api/v1/rollouts/default/shop/info')).body),
      detail: JSON.stringify((await call(app, 'GET', '/api/v1/rollouts/default/shop/detail')).body),
      allInfo: JSON.stringify((await call(app, 'GET', '/api/v1/rollouts/_all/info')).body),
      namespaceInfo: JSON.stringify((await call(app, 'GET', '/api/v1/rollouts/default/info')).body),
      watch: String((await call(app, 'GET', '/api/v1/rollouts/default/shop/info/watch')).body),
      watchAll: String((await call(app, 'GET', '/api/v1/rollouts/_all/info/watch')).body),
      metrics: await (await metrics.request('/metrics')).text(),
      logs,
    };
    // The answers are the real ones: the abort message travels to the info tree and the stream.
    expect(seen.info).toContain('*****');
    expect(seen.watch).toMatch(/^data: /m);
    expect(seen.watch).toContain('*****');
    expect(seen.metrics).toContain('analysis_run_info');
    expect(seen.logs).toContain('capture on');
    const leaks = Object.entries(seen).flatMap(([where, text]) =>
      leaksIn(text, SECRET).map((shape) => `${where}: ${shape}`),
    );
    expect(leaks).toEqual([]);
  });
});
