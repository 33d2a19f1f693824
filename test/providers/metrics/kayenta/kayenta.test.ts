import { afterEach, describe, expect, it, vi } from 'vitest';
import { kayenta } from '../../../../src/providers/metrics/kayenta/index.js';
import type { Metric } from '../../../../src/domain/analysis.js';
import { aVendorContext as aContext, VENDOR_NOW as NOW } from '../support/context.js';
import {
  aClosedAddress as refusedUrl,
  useFakeService,
  type Reply,
  type RecordedRequest as SeenRequest,
} from '../support/fake-service.js';

const CONFIG_ID = 'f1c3d1f0-6b1e-4a4e-9a2e-1b2c3d4e5f60';
const EXECUTION_ID = '01HWQ8Z3K7M2D5R9T4V6X8Y0AB';

const vendor = useFakeService();
afterEach(() => {
  vi.restoreAllMocks();
});

const scope = (hash: string) => ({
  scope: `app=checkout,rollouts-pod-template-hash=${hash}`,
  region: 'us-east-1',
  step: 60,
  start: '2024-05-01T11:45:00Z',
  end: '2024-05-01T12:00:00Z',
});

function aKayentaMetric(overrides: Record<string, unknown> = {}, address = vendor.url): Metric {
  return {
    name: 'kayenta',
    provider: {
      kayenta: {
        address,
        application: 'checkout',
        canaryConfigName: 'checkout-canary',
        metricsAccountName: 'prometheus-account',
        configurationAccountName: 'gcs-config',
        storageAccountName: 'gcs-storage',
        threshold: { pass: 80, marginal: 60 },
        scopes: [
          { name: 'default', controlScope: scope('5b9f6c7d'), experimentScope: scope('7c8d9e0f') },
        ],
        ...overrides,
      },
    },
  };
}

const CONFIG_LIST = [
  {
    id: '0a0a0a0a-1111-2222-3333-444444444444',
    name: 'payments-canary',
    updatedTimestamp: 1714550000000,
    updatedTimestampIso: '2024-05-01T07:53:20Z',
    applications: ['payments'],
  },
  {
    id: CONFIG_ID,
    name: 'checkout-canary',
    updatedTimestamp: 1714560000000,
    updatedTimestampIso: '2024-05-01T10:40:00Z',
    applications: ['checkout'],
  },
];

/** Answers as a Kayenta server would, with overridable replies per endpoint. */
function kayentaServer(overrides: { list?: Reply; start?: Reply; status?: Reply } = {}) {
  return (req: SeenRequest): Reply => {
    if (req.method === 'GET' && req.path === '/canaryConfig')
      return overrides.list ?? { json: CONFIG_LIST };
    if (req.method === 'POST' && req.path === `/canary/${CONFIG_ID}`)
      return overrides.start ?? { json: { canaryExecutionId: EXECUTION_ID } };
    if (req.method === 'GET' && req.path === `/canary/${EXECUTION_ID}`)
      return overrides.status ?? { json: running };
    return { status: 404, json: { error: 'Not Found', path: req.path } };
  };
}

const running = {
  application: 'checkout',
  pipelineId: EXECUTION_ID,
  stageStatus: {
    fetchControl0: 'succeeded',
    fetchExperiment0: 'running',
    mixMetrics: 'not_started',
    judge: 'not_started',
  },
  complete: false,
  status: 'running',
};

function judged(score: number) {
  return {
    application: 'checkout',
    pipelineId: EXECUTION_ID,
    complete: true,
    status: 'succeeded',
    result: {
      judgeResult: {
        judgeName: 'NetflixACAJudge-v1.0',
        groupScores: [{ name: 'errors', score, classification: '', classificationReason: '' }],
        score: { score, classification: score >= 80 ? 'Pass' : 'Fail', classificationReason: '' },
      },
      canaryDuration: 'PT15M',
    },
  };
}

const resume = (
  metadata: Record<string, string> = { canaryExecutionId: EXECUTION_ID },
  metric = aKayentaMetric(),
) => kayenta.resume?.(aContext(), metric, metadata);

describe('kayenta run', () => {
  it('finds the canary config by name, starts an execution and waits 15s', async () => {
    vendor.answer(kayentaServer());
    expect(await kayenta.run(aContext(), aKayentaMetric())).toEqual({
      kind: 'pending',
      resumeAt: NOW + 15_000,
      metadata: { canaryExecutionId: EXECUTION_ID },
    });
    const [list, start] = vendor.requests;
    expect(list?.path).toBe('/canaryConfig');
    expect(Object.fromEntries(list?.query ?? [])).toEqual({
      application: 'checkout',
      configurationAccountName: 'gcs-config',
    });
    expect(start?.method).toBe('POST');
    expect(start?.path).toBe(`/canary/${CONFIG_ID}`);
    expect(Object.fromEntries(start?.query ?? [])).toEqual({
      application: 'checkout',
      metricsAccountName: 'prometheus-account',
      configurationAccountName: 'gcs-config',
      storageAccountName: 'gcs-storage',
    });
    expect(start?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(start?.body ?? '')).toEqual({
      scopes: { default: { controlScope: scope('5b9f6c7d'), experimentScope: scope('7c8d9e0f') } },
      thresholds: { pass: 80, marginal: 60 },
    });
  });

  it.each([
    [
      'an unknown config name',
      { list: { json: CONFIG_LIST.slice(0, 1) } },
      'canary config "checkout-canary" not found for application "checkout"',
    ],
    [
      'a failing config listing',
      { list: { status: 500, text: 'java.lang.NullPointerException' } },
      'Kayenta canaryConfig answered HTTP 500: java.lang.NullPointerException',
    ],
    [
      'a listing that is not a list',
      { list: { json: { configs: CONFIG_LIST } } },
      'unexpected Kayenta canaryConfig response: not a list',
    ],
    [
      'a rejected execution',
      {
        start: {
          status: 400,
          json: { error: 'Bad Request', message: 'No metrics account named prometheus-account' },
        },
      },
      'Kayenta canary answered HTTP 400: {"error":"Bad Request","message":"No metrics account named prometheus-account"}',
    ],
    [
      'an execution without an id',
      { start: { json: { status: 'ok' } } },
      'Kayenta did not return a canaryExecutionId',
    ],
  ])('reports %s as an error', async (_why, overrides, message) => {
    vendor.answer(kayentaServer(overrides));
    expect(await kayenta.run(aContext(), aKayentaMetric())).toEqual({ kind: 'error', message });
  });

  it('reports garbage from the server', async () => {
    vendor.answer(kayentaServer({ list: { text: '<html>oops</html>' } }));
    const outcome = await kayenta.run(aContext(), aKayentaMetric());
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      /^could not parse Kayenta canaryConfig response: /,
    );
  });

  it('gives up after 15s', async () => {
    const realTimeout = AbortSignal.timeout.bind(AbortSignal);
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => realTimeout(200));
    vendor.answer(kayentaServer({ list: { json: CONFIG_LIST, delayMs: 2000 } }));
    expect(await kayenta.run(aContext(), aKayentaMetric())).toEqual({
      kind: 'error',
      message: `Kayenta canaryConfig ${vendor.url}/canaryConfig timed out after 15s`,
    });
  });

  it('reports a refused connection', async () => {
    const url = await refusedUrl();
    const outcome = await kayenta.run(aContext(), aKayentaMetric({}, url));
    expect(outcome.kind === 'error' && outcome.message).toMatch(
      new RegExp(`^Kayenta canaryConfig ${url}/canaryConfig failed: .*ECONNREFUSED`),
    );
  });

  it('lists every configuration problem at once', async () => {
    const outcome = await kayenta.run(
      aContext(),
      aKayentaMetric({
        application: '',
        threshold: { pass: 80 },
        scopes: [{ name: 'default', controlScope: { scope: 's' } }],
      }),
    );
    expect(outcome).toEqual({
      kind: 'error',
      message:
        'invalid kayenta provider configuration: application is required; threshold.marginal is required; scopes[0].controlScope.region is required; scopes[0].controlScope.step must be a whole number of seconds; scopes[0].experimentScope is required',
    });
    expect(vendor.requests).toHaveLength(0);
  });
});

describe('kayenta resume', () => {
  it('waits another 15s while the execution runs', async () => {
    vendor.answer(kayentaServer());
    expect(await resume()).toEqual({
      kind: 'pending',
      resumeAt: NOW + 15_000,
      metadata: { canaryExecutionId: EXECUTION_ID },
    });
    expect(vendor.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /canary/${EXECUTION_ID}`,
    ]);
  });

  it.each([
    [87.5, 'Successful', '87'],
    [80, 'Successful', '80'],
    [79.9, 'Inconclusive', '79'],
    [60, 'Inconclusive', '60'],
    [59.99, 'Failed', '59'],
    [0, 'Failed', '0'],
  ])('decides score %d as %s (pass 80, marginal 60)', async (score, phase, value) => {
    vendor.answer(kayentaServer({ status: { json: judged(score) } }));
    expect(await resume()).toEqual({
      kind: 'decided',
      phase,
      value,
      metadata: { canaryExecutionId: EXECUTION_ID },
    });
  });

  it.each([
    [
      'a terminal execution',
      {
        json: {
          complete: true,
          status: 'terminal',
          exception: { details: { error: 'Unable to fetch metrics' } },
        },
      },
      `canary execution ${EXECUTION_ID} completed without a score (status terminal): {"details":{"error":"Unable to fetch metrics"}}`,
    ],
    [
      'no complete flag',
      { json: { status: 'running' } },
      `unexpected Kayenta response for canary execution ${EXECUTION_ID}: complete is missing`,
    ],
    [
      'an unknown execution',
      { status: 404, json: { error: 'Not Found' } },
      'Kayenta canary execution answered HTTP 404: {"error":"Not Found"}',
    ],
  ])('reports %s as an error, keeping the execution id', async (_why, status, message) => {
    vendor.answer(kayentaServer({ status }));
    expect(await resume()).toEqual({
      kind: 'error',
      message,
      metadata: { canaryExecutionId: EXECUTION_ID },
    });
  });

  it('needs the execution id from the pending measurement', async () => {
    expect(await resume({})).toEqual({
      kind: 'error',
      message: 'measurement metadata has no canaryExecutionId',
    });
    expect(vendor.requests).toHaveLength(0);
  });
});
