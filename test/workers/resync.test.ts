import {
  createScheduledController,
  env,
  runDurableObjectAlarm,
  runInDurableObject,
} from 'cloudflare:test';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import worker from '../../functions/worker.js';
import { applyMergePatch } from '../../src/devcluster/patch/json-merge-patch.js';

// The cron sweep in workerd wakes Experiments, not only Rollouts: an Experiment whose Durable
// Object lost its alarm is found by the sweep, and its object reconciles it. A small in-memory
// Kubernetes API behind the global fetch serves the collections, GET, POST and merge PATCH.
const KUBE = 'https://kube.test';
const GROUP = '/apis/argoproj.io/v1alpha1';
const EXPERIMENT = `${GROUP}/namespaces/shop/experiments/banner`;

type Json = Record<string, unknown>;

const objects = new Map<string, Json>();
let version = 1;

/** Collections as the sweep and the reconcile read them: every stored object under the path. */
function collection(path: string): Json[] {
  const segments = path.split('/').filter(Boolean);
  const resource = segments[segments.length - 1] ?? '';
  const ns = segments.includes('namespaces') ? segments[segments.indexOf('namespaces') + 1] : '';
  return [...objects.entries()]
    .filter(([p]) => p.split('/').slice(-2, -1)[0] === resource)
    .filter(([p]) => !ns || p.includes(`/namespaces/${ns}/`))
    .map(([, o]) => o);
}

async function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const req = new Request(input, init);
  const url = new URL(req.url);
  if (url.origin !== KUBE) throw new Error(`unexpected fetch ${req.url}`);
  const path = url.pathname;
  const stored = objects.get(path);
  if (
    req.method === 'GET' &&
    !stored &&
    /\/(rollouts|experiments|analysisruns|replicasets|services)$/.test(path)
  )
    return Response.json({
      items: collection(path),
      metadata: { resourceVersion: String(version) },
    });
  if (req.method === 'POST') {
    const body = (await req.json()) as Json;
    const meta = body.metadata as Json;
    const at = `${path}/${String(meta.name)}`;
    const created = {
      ...body,
      metadata: { ...meta, uid: `uid-${String(meta.name)}`, resourceVersion: String(++version) },
    };
    objects.set(at, created);
    return Response.json(created, { status: 201 });
  }
  const key = path.replace(/\/status$/, '');
  const obj = objects.get(key);
  if (!obj)
    return Response.json(
      { kind: 'Status', status: 'Failure', reason: 'NotFound', code: 404, message: 'not found' },
      { status: 404 },
    );
  if (req.method === 'PATCH') {
    const { metadata, ...rest } = (await req.json()) as Json;
    const next = applyMergePatch(obj, rest) as Json;
    next.metadata = applyMergePatch(obj.metadata, {
      ...(metadata as Json),
      resourceVersion: String(++version),
    });
    objects.set(key, next);
    return Response.json(next);
  }
  return Response.json(obj);
}

const anExperiment = (name: string, status?: Json): Json => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Experiment',
  metadata: { name, namespace: 'shop', uid: `uid-${name}`, generation: 1, resourceVersion: '1' },
  spec: {
    templates: [
      {
        name: 'a',
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: 'web', image: 'registry.example/banner:v2' }] },
        },
      },
    ],
  },
  ...(status ? { status } : {}),
});

const stubFor = (key: string) => env.RECONCILER.get(env.RECONCILER.idFromName(key));
const storedHint = (key: string) =>
  runInDurableObject(stubFor(key), (_o, state) => state.storage.get('hint'));
const alarmOf = (key: string) =>
  runInDurableObject(stubFor(key), (_o, state) => state.storage.getAlarm());

beforeAll(() => {
  vi.stubGlobal('fetch', fakeFetch);
});

describe('Workers resync sweep: Experiments', () => {
  it('wakes a running Experiment whose alarm was lost, and its object reconciles it', async () => {
    // Running, but no object holds a hint or an alarm for it: its timer was lost.
    objects.set(EXPERIMENT, anExperiment('banner', { phase: 'Pending' }));
    // Finished and scaled down: nothing left to do, so the sweep leaves it alone.
    objects.set(
      `${GROUP}/namespaces/shop/experiments/old`,
      anExperiment('old', {
        phase: 'Successful',
        templateStatuses: [{ name: 'a', replicas: 0, updatedReplicas: 0, readyReplicas: 0 }],
      }),
    );
    expect(await storedHint('Experiment/shop/banner')).toBeUndefined();
    expect(await alarmOf('Experiment/shop/banner')).toBeNull();

    await worker.scheduled(
      createScheduledController({ cron: '*/5 * * * *', scheduledTime: Date.now() }),
      env,
    );

    expect(await storedHint('Experiment/shop/banner')).toEqual({
      kind: 'Experiment',
      namespace: 'shop',
      name: 'banner',
    });
    expect(await storedHint('Experiment/shop/old')).toBeUndefined();

    // The alarm (due at once; it may already have fired) runs the Experiment reconcile, which
    // creates the template's ReplicaSet.
    const replicaSets = () => collection('/apis/apps/v1/namespaces/shop/replicasets');
    for (let i = 0; i < 20 && replicaSets().length === 0; i++)
      if (!(await runDurableObjectAlarm(stubFor('Experiment/shop/banner'))))
        await new Promise((r) => setTimeout(r, 25));
    const [rs] = replicaSets() as Array<{
      metadata: { name: string; ownerReferences?: Array<{ kind: string; name: string }> };
    }>;
    expect(rs?.metadata.name).toBe('banner-a');
    expect(rs?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Experiment', name: 'banner' });
  });
});
