import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RO, aCanaryRollout, startWorld, type World } from './world.js';

// A canary gated on a web metric served locally: good while the endpoint says so, aborted
// within one measurement interval after it turns bad (issue 5 acceptance).
let w: World;
let server: Server;
let healthy = true;
let url = '';
beforeEach(async () => {
  healthy = true;
  server = createServer((req, res) => {
    if (req.url === '/echo') {
      // A broken endpoint that echoes the credentials it received into its error body.
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`bad gateway for ${req.headers.authorization ?? ''}`);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { successRate: healthy ? 0.99 : 0.42 } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  w = await startWorld('shop');
  await w.h.req('POST', '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates', {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: 'success-rate' },
    spec: {
      args: [{ name: 'url' }],
      metrics: [
        {
          name: 'success-rate',
          interval: '5s',
          successCondition: 'result >= 0.95',
          failureLimit: 0,
          provider: { web: { url: '{{args.url}}', jsonPath: '{$.data.successRate}' } },
        },
      ],
    },
  });
});
afterEach(async () => {
  await w.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('background analysis on a web metric', () => {
  it('advances while the metric is good and aborts within one interval after it turns bad', async () => {
    const ro = aCanaryRollout('shop', {
      steps: [
        { setWeight: 20 },
        { pause: { duration: 30 } },
        { setWeight: 60 },
        { pause: { duration: 600 } },
      ],
    });
    Object.assign(ro.spec.strategy.canary, {
      analysis: {
        templates: [{ templateName: 'success-rate' }],
        args: [{ name: 'url', value: url }],
      },
    });
    await w.h.req('POST', RO, ro);
    await w.settle();
    await w.advance(2000, 1000);
    await w.setImage('registry.example/shop:v2');
    await w.advance(40_000, 1000);
    let status = (await w.rollout()).status;
    expect(status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    const runName = status?.canary?.currentBackgroundAnalysisRunStatus as { name: string };
    let run = (
      await w.h.req(
        'GET',
        `/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns/${runName.name}`,
      )
    ).body;
    expect(run.status.phase).toBe('Running');
    const good = run.status.metricResults[0];
    expect(good.successful).toBeGreaterThanOrEqual(7);
    expect(good.failed ?? 0).toBe(0);
    expect(good.measurements.at(-1)).toMatchObject({ phase: 'Successful', value: '0.99' });

    healthy = false;
    await w.advance(6000, 1000);
    status = (await w.rollout()).status;
    expect(status?.phase).toBe('Degraded');
    expect(status?.message).toMatch(
      /^RolloutAborted: Rollout aborted update to revision 2: Background analysis phase error\/failed: Metric "success-rate" assessed Failed due to failed \(1\) > failureLimit \(0\)/,
    );
    run = (
      await w.h.req(
        'GET',
        `/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns/${runName.name}`,
      )
    ).body;
    expect(run.status.phase).toBe('Failed');
    expect(run.status.metricResults[0].measurements.at(-1)).toMatchObject({
      phase: 'Failed',
      value: '0.42',
    });
    await w.advance(3000, 1000);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('resolves secretKeyRef args at measurement time and never shows the secret', async () => {
    await w.h.req('POST', '/api/v1/namespaces/default/secrets', {
      metadata: { name: 'api' },
      data: { token: Buffer.from('s3cr3t-token').toString('base64') },
    });
    await w.h.req('POST', '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 'with-secret' },
      spec: {
        args: [
          { name: 'url' },
          { name: 'token', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
        ],
        metrics: [
          {
            name: 'echo',
            provider: {
              web: {
                url: '{{args.url}}',
                headers: [{ key: 'Authorization', value: 'Bearer {{args.token}}' }],
              },
            },
          },
        ],
      },
    });
    const ro = aCanaryRollout('shop', {
      steps: [
        { setWeight: 20 },
        {
          analysis: {
            templates: [{ templateName: 'with-secret' }],
            args: [{ name: 'url', value: url.replace('/metrics', '/echo') }],
          },
        },
      ],
    });
    await w.h.req('POST', RO, ro);
    await w.settle();
    await w.advance(2000, 1000);
    await w.setImage('registry.example/shop:v2');
    // Errors are retried every 10 s: the fifth one comes about 40 s after the first.
    await w.advance(60_000, 1000);
    const runs = (
      await w.h.req('GET', '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns')
    ).body.items;
    const text = JSON.stringify(runs);
    expect(text).not.toContain('s3cr3t-token');
    expect(runs[0].spec.args).toEqual(
      expect.arrayContaining([
        { name: 'token', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
      ]),
    );
    const m = runs[0].status.metricResults[0].measurements[0];
    expect(m.phase).toBe('Error');
    expect(m.message).toContain('*****');
    // Five consecutive errors exceed the default consecutiveErrorLimit (4): the run errs, the Rollout aborts.
    expect(runs[0].status.phase).toBe('Error');
    expect((await w.rollout()).status?.phase).toBe('Degraded');
  });
});
