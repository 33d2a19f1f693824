import {
  createExecutionContext,
  createScheduledController,
  env,
  runDurableObjectAlarm,
  runInDurableObject,
  SELF,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/worker.js';
import { signDelivery, SIGNATURE_HEADER } from '../../src/http/hooks/index.js';

// No devcluster in workerd: a tiny in-memory Kubernetes API behind the global fetch (the Worker and
// its Durable Objects share the test isolate, so the stub reaches them). It serves what these
// paths need: GET/merge-PATCH of objects, paged Rollout lists, and a metrics endpoint.
const KUBE = 'https://kube.test';
const RUNS = '/apis/argoproj.io/v1alpha1/namespaces/shop/analysisruns';
const ROLLOUTS = '/apis/argoproj.io/v1alpha1/rollouts';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Json = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

let objects: Map<string, Json>;
/** Rollouts the list answers with (not served by GET: a poked object finds them gone and forgets). */
let listed: Json[];
let requests: Array<{ method: string; path: string; auth: string | null }>;
let version = 1;

function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  if (url.origin === 'https://metrics.test') return Promise.resolve(Response.json({ value: 1 }));
  if (url.origin === 'https://prometheus.test' && url.pathname === '/api/v1/query') {
    return Promise.resolve(
      Response.json({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: {}, value: [1765000000, '0.99'] }] },
      }),
    );
  }
  if (url.origin !== KUBE) return Promise.reject(new Error(`unexpected fetch ${req.url}`));
  requests.push({
    method: req.method,
    path: url.pathname + url.search,
    auth: req.headers.get('authorization'),
  });
  if (url.pathname === ROLLOUTS) {
    const all = listed;
    const from = Number(url.searchParams.get('continue') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? all.length);
    const next = from + limit < all.length ? String(from + limit) : undefined;
    return Promise.resolve(
      Response.json({
        kind: 'RolloutList',
        items: all.slice(from, from + limit),
        metadata: { resourceVersion: String(version), continue: next },
      }),
    );
  }
  const obj = objects.get(url.pathname);
  if (!obj)
    return Promise.resolve(
      Response.json(
        { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' },
        { status: 404 },
      ),
    );
  if (req.method === 'PATCH') {
    return req.json().then((patch) => {
      const { metadata, ...rest } = patch as Json;
      void metadata;
      const next = mergePatch(obj, rest) as Json;
      next.metadata = { ...(obj.metadata as Json), resourceVersion: String(++version) };
      objects.set(url.pathname, next);
      return Response.json(next);
    });
  }
  return Promise.resolve(Response.json(obj));
}

const anAnalysisRun = (name: string): Json => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AnalysisRun',
  metadata: { name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: String(version) },
  spec: {
    metrics: [
      {
        name: 'ok',
        interval: '1m',
        count: 3,
        successCondition: 'result == 1',
        provider: { web: { url: 'https://metrics.test/value', jsonPath: '{$.value}' } },
      },
    ],
  },
});

const aRollout = (namespace: string, name: string, phase: string): Json => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name, namespace, generation: 3 },
  spec: {},
  status: { observedGeneration: '3', phase },
});

async function deliver(body: unknown): Promise<Response> {
  const raw = JSON.stringify(body);
  const signed = await signDelivery('test-hook-secret', raw, {
    timestamp: Math.floor(Date.now() / 1000),
    deliveryId: `d-${crypto.randomUUID()}`,
  });
  return SELF.fetch('https://rollouts.test/hooks/kube', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed },
    body: raw,
  });
}

const stubFor = (key: string) => env.RECONCILER.get(env.RECONCILER.idFromName(key));

/** Runs the object's due alarms (they may also fire on their own) until `done` holds. */
async function settle(
  key: string,
  done: (alarm: number | null) => boolean,
): Promise<number | null> {
  const stub = stubFor(key);
  for (let i = 0; i < 20; i++) {
    const alarm = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    if (done(alarm)) return alarm;
    if (!(await runDurableObjectAlarm(stub))) await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${key} did not settle`);
}

// Stubbed for the whole file (its own isolate): alarms may still fire between and after tests.
beforeAll(() => {
  vi.stubGlobal('fetch', fakeFetch);
});
beforeEach(() => {
  objects = new Map();
  listed = [];
  requests = [];
});

describe('Workers runtime: hook → Durable Object → alarm, and the cron sweep', () => {
  it('routes a signed delivery to the object, which reconciles and arms its alarm at nextReconcileAt', async () => {
    objects.set(`${RUNS}/checks`, anAnalysisRun('checks'));
    const res = await deliver({ type: 'ADDED', object: anAnalysisRun('checks') });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 1, events: 1 });

    const key = 'AnalysisRun/shop/checks';
    expect(
      await runInDurableObject(stubFor(key), (_o, state) => state.storage.get('hint')),
    ).toEqual({ kind: 'AnalysisRun', namespace: 'shop', name: 'checks' });

    // First alarm measures and commits (look again at once); the next finds nothing due and arms the interval.
    const alarm = await settle(key, (at) => at !== null && at > Date.now() + 30_000);
    const run = objects.get(`${RUNS}/checks`) as {
      status?: {
        metricResults?: Array<{ count?: number; measurements?: Array<{ finishedAt?: string }> }>;
      };
    };
    const measured = run.status?.metricResults?.[0];
    expect(measured?.count).toBe(1);
    expect(alarm).toBe(Date.parse(measured?.measurements?.[0]?.finishedAt ?? '') + 60_000);
    expect(requests.every((r) => r.auth === 'Bearer test-token')).toBe(true);
  });

  it('measures a Prometheus metric without an address at the bound ARGO_ROLLOUTS_PROMETHEUS_ADDRESS', async () => {
    const run = anAnalysisRun('latency');
    run.spec = {
      metrics: [
        {
          name: 'p99',
          successCondition: 'result[0] > 0.9',
          provider: { prometheus: { query: 'up' } },
        },
      ],
    };
    objects.set(`${RUNS}/latency`, run);
    expect((await deliver({ type: 'ADDED', object: run })).status).toBe(202);
    await settle(
      'AnalysisRun/shop/latency',
      () =>
        (objects.get(`${RUNS}/latency`) as { status?: { phase?: string } }).status?.phase ===
        'Successful',
    );
    const status = (
      objects.get(`${RUNS}/latency`) as {
        status: { metricResults: Array<{ measurements: Array<{ value?: string }> }> };
      }
    ).status;
    expect(status.metricResults[0]?.measurements[0]?.value).toBe('[0.99]');
  });

  it('answers 401 to a delivery with a bad signature', async () => {
    const res = await SELF.fetch('https://rollouts.test/hooks/kube', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: `sha256=${'0'.repeat(64)}`,
      },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('sweeps Rollouts page by page on the cron and pokes only the unsettled ones', async () => {
    for (let i = 0; i < 300; i++) listed.push(aRollout('default', `ok-${i}`, 'Healthy'));
    listed.push(aRollout('shop', 'paused', 'Paused'));
    // What `GET /__scheduled` does under `wrangler dev --test-scheduled`: the module's scheduled handler.
    const ctx = createExecutionContext();
    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.now() }),
      env,
    );
    await waitOnExecutionContext(ctx);
    expect(requests.filter((r) => r.path.startsWith(`${ROLLOUTS}?`))).toHaveLength(2);

    // The poked object re-reads its Rollout when its alarm runs; the stub answers 404, so it forgets itself.
    const key = 'Rollout/shop/paused';
    await settle(
      key,
      (at) =>
        at === null &&
        requests.some(
          (r) =>
            r.method === 'GET' &&
            r.path === '/apis/argoproj.io/v1alpha1/namespaces/shop/rollouts/paused',
        ),
    );
    expect(
      await runInDurableObject(stubFor(key), (_o, state) => state.storage.get('hint')),
    ).toBeUndefined();
    expect(requests.some((r) => r.path.includes('/rollouts/ok-'))).toBe(false);
  });
});
