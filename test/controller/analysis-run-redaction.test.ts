import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcileAnalysisRun } from '../../src/controller/reconcile-analysis-run.js';
import type { MetricProvider, ProviderOutcome } from '../../src/providers/metrics/types.js';
import { leaksIn } from '../support/secret-leaks.js';
import { startWorld, type World } from './world.js';

// The boundary in reconcileAnalysisRun, whatever the provider: every outcome it records, and the
// status it writes, are masked with the values of the run's secretKeyRef args and of the Secrets a
// provider read itself through ctx.secret.
const ARG_SECRET = 'arg-s3cret "quoted" & spaced';
const PROVIDER_SECRET = 'pr0vider/key+42';
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  const secret = (name: string, value: string) =>
    w.h.req('POST', '/api/v1/namespaces/default/secrets', {
      metadata: { name },
      data: { key: Buffer.from(value).toString('base64') },
    });
  await secret('arg', ARG_SECRET);
  await secret('provider', PROVIDER_SECRET);
});
afterEach(() => w.close());

/**
 * A stand-in for the `web` provider (the CRD keeps only known provider keys) that answers
 * `outcome(token, own)`: token is the substituted arg, own a Secret it read itself.
 */
function echoing(outcome: (token: string, own: string) => ProviderOutcome): MetricProvider {
  return {
    type: 'web',
    async run(ctx, metric) {
      const own = (await ctx.secret?.('provider', 'key')) ?? '';
      return outcome(
        String((metric.provider.web as { url: string }).url).replace('http://echo/', ''),
        own,
      );
    },
  };
}

async function measureOnce(provider: MetricProvider, status?: unknown) {
  await w.h.req('POST', AR, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: { name: 'run', namespace: 'default' },
    spec: {
      args: [{ name: 'token', valueFrom: { secretKeyRef: { name: 'arg', key: 'key' } } }],
      metrics: [{ name: 'echo', provider: { web: { url: 'http://echo/{{args.token}}' } } }],
    },
    ...(status ? { status } : {}),
  });
  const deps = {
    kube: w.kube,
    now: () => w.h.clock.now(),
    providers: new Map([['web', provider]]),
    fetch: () => Promise.reject(new Error('no network')),
  };
  await reconcileAnalysisRun(deps, { kind: 'AnalysisRun', namespace: 'default', name: 'run' });
  return (await w.h.req('GET', `${AR}/run`)).body;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('reconcileAnalysisRun masks secrets at the boundary', () => {
  it.each<[string, (token: string, own: string) => ProviderOutcome]>([
    [
      'a value and the result conditions see',
      (t, o) => ({
        kind: 'value',
        result: { echo: t, [o]: o },
        value: JSON.stringify({ echo: t, own: o }),
      }),
    ],
    [
      'an error message',
      (t, o) => ({
        kind: 'error',
        message: `HTTP 500: /x?t=${encodeURIComponent(t)} auth=Basic ${b64(`u:${o}`)}`,
      }),
    ],
    [
      'a decided message',
      (t, o) => ({
        kind: 'decided',
        phase: 'Failed',
        message: `job said ${JSON.stringify({ t, o })}`,
      }),
    ],
    [
      'pending metadata',
      (t, o) => ({
        kind: 'pending',
        resumeAt: 10_000,
        metadata: { [`k-${t}`]: t, own: new URLSearchParams({ o }).toString() },
      }),
    ],
    [
      'a thrown error',
      (t, o) => {
        throw new Error(`crashed on ${t} with ${o}`);
      },
    ],
  ])('in %s', async (_name, outcome) => {
    const run = await measureOnce(echoing(outcome));
    const measurement = run.status.metricResults[0].measurements[0];
    expect(JSON.stringify(measurement)).toContain('*****');
    expect(leaksIn(JSON.stringify(run), ARG_SECRET)).toEqual([]);
    expect(leaksIn(JSON.stringify(run), PROVIDER_SECRET)).toEqual([]);
  });

  it('cleans a status written before masking covered every shape', async () => {
    const leaked = {
      phase: 'Failed',
      message: `Metric "echo" assessed Failed: ${encodeURIComponent(ARG_SECRET)}`,
      metricResults: [
        { name: 'echo', phase: 'Failed', measurements: [{ phase: 'Failed', value: ARG_SECRET }] },
      ],
    };
    const run = await measureOnce(
      echoing(() => ({ kind: 'error', message: 'unused' })),
      leaked,
    );
    expect(run.status.phase).toBe('Failed');
    expect(run.status.message).toBe('Metric "echo" assessed Failed: *****');
    expect(leaksIn(JSON.stringify(run), ARG_SECRET)).toEqual([]);
  });
});
