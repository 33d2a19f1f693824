import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient, pdbPath, podPath } from '../../../src/adapters/kube/index.js';
import { startDevCluster, type DevCluster } from '../../../src/devcluster/index.js';
import { failure } from '../../support/kube-failure.js';

interface ConfigMap {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  data?: Record<string, string>;
}

const CM = '/api/v1/namespaces/default/configmaps';
let cluster: DevCluster;
let kube: KubeClient;

beforeAll(async () => {
  cluster = await startDevCluster({ simulate: false });
  kube = new KubeClient({ server: cluster.url });
});
afterAll(() => cluster.close());

function aConfigMap(
  name: string,
  overrides: { labels?: Record<string, string>; data?: Record<string, string> } = {},
): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ...(overrides.labels ? { labels: overrides.labels } : {}) },
    data: overrides.data ?? { k: 'v' },
  };
}

describe('KubeClient CRUD against the devcluster', () => {
  it('creates, reads, replaces and deletes a ConfigMap', async () => {
    const created = await kube.create<ConfigMap>(CM, aConfigMap('crud'));
    expect(created.metadata.resourceVersion).toBeTruthy();
    const read = await kube.get<ConfigMap>(`${CM}/crud`);
    expect(read.data).toEqual({ k: 'v' });
    const replaced = await kube.replace<ConfigMap>(`${CM}/crud`, { ...read, data: { k: 'w' } });
    expect(replaced.data).toEqual({ k: 'w' });
    expect(await kube.delete(`${CM}/crud`)).toBe(true);
    expect((await failure(kube.get(`${CM}/crud`))).isNotFound).toBe(true);
  });

  it('answers false when deleting what does not exist', async () => {
    expect(await kube.delete(`${CM}/never-there`)).toBe(false);
  });

  it('sends delete preconditions: a stale uid is a conflict', async () => {
    await kube.create(CM, aConfigMap('guarded'));
    const e = await failure(
      kube.delete(`${CM}/guarded`, {
        preconditions: { uid: 'not-the-uid' },
        propagationPolicy: 'Background',
      }),
    );
    expect(e.isConflict).toBe(true);
    expect(await kube.delete(`${CM}/guarded`, { propagationPolicy: 'Background' })).toBe(true);
  });

  it('lists with a label selector and follows continue pages past the limit', async () => {
    for (let i = 0; i < 7; i++)
      await kube.create(
        CM,
        aConfigMap(`page-${i}`, { labels: { set: i % 2 === 0 ? 'even' : 'odd' } }),
      );
    const before = { ...kube.stats };
    const all = await kube.list<ConfigMap>(CM, { labelSelector: 'set', limit: 3 });
    expect(all.items.map((c) => c.metadata.name).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => `page-${i}`),
    );
    expect(kube.stats.reads - before.reads).toBe(3);
    expect(all.resourceVersion).toMatch(/^\d+$/);
    expect(all).toMatchObject({ kind: 'ConfigMapList', apiVersion: 'v1' });
    const even = await kube.list<ConfigMap>(CM, { labelSelector: 'set=even', limit: 2 });
    expect(even.items.map((c) => c.metadata.name).sort()).toEqual([
      'page-0',
      'page-2',
      'page-4',
      'page-6',
    ]);
    const byName = await kube.list<ConfigMap>(CM, { fieldSelector: 'metadata.name=page-5' });
    expect(byName.items).toHaveLength(1);
  });

  it('applies merge, JSON and strategic merge patches', async () => {
    await kube.create(CM, aConfigMap('patched', { data: { a: '1', b: '2' } }));
    const merged = await kube.mergePatch<ConfigMap>(`${CM}/patched`, { data: { b: null, c: '3' } });
    expect(merged.data).toEqual({ a: '1', c: '3' });
    const json = await kube.jsonPatch<ConfigMap>(`${CM}/patched`, [
      { op: 'test', path: '/data/a', value: '1' },
      { op: 'replace', path: '/data/a', value: 'one' },
    ]);
    expect(json.data).toEqual({ a: 'one', c: '3' });
    const strategic = await kube.strategicPatch<ConfigMap>(`${CM}/patched`, {
      metadata: { labels: { patched: 'yes' } },
    });
    expect(strategic.metadata.labels).toEqual({ patched: 'yes' });
    expect(strategic.data).toEqual({ a: 'one', c: '3' });
  });

  it('reports a stale resourceVersion as a retry-free conflict and a taken name as AlreadyExists', async () => {
    const cm = await kube.create<ConfigMap>(CM, aConfigMap('raced'));
    await kube.mergePatch(`${CM}/raced`, { data: { k: 'other writer' } });
    const stale = await failure(kube.replace(`${CM}/raced`, { ...cm, data: { k: 'mine' } }));
    expect(stale).toMatchObject({
      status: 409,
      reason: 'Conflict',
      retryable: false,
      isConflict: true,
      isNotFound: false,
    });
    const taken = await failure(kube.create(CM, aConfigMap('raced')));
    expect(taken).toMatchObject({
      status: 409,
      reason: 'AlreadyExists',
      isAlreadyExists: true,
      isConflict: false,
    });
  });

  it('turns a Status body into the error fields', async () => {
    const e = await failure(kube.get('/api/v1/namespaces/default/configmaps/absent'));
    expect(e).toMatchObject({
      code: 'KubeApiError',
      status: 404,
      reason: 'NotFound',
      retryable: false,
      isNotFound: true,
      isGone: false,
    });
    expect(e.message).toContain('configmaps "absent" not found');
  });
});

describe('KubeClient eviction', () => {
  const aPod = (name: string, app: string) => ({
    metadata: { name, labels: { app } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
  });

  it('reports a disruption budget refusal as an outcome, and evicts an unguarded pod', async () => {
    await kube.create(podPath('default'), aPod('guarded-0', 'guarded'));
    await kube.create(podPath('default'), aPod('free-0', 'free'));
    await kube.create(pdbPath('default'), {
      metadata: { name: 'guard' },
      spec: { minAvailable: 1, selector: { matchLabels: { app: 'guarded' } } },
    });

    const refused = await kube.evict('default', 'guarded-0');
    expect(refused.evicted).toBe(false);
    expect(refused.evicted === false && refused.reason).toContain('guard');
    expect(await kube.get(podPath('default', 'guarded-0'))).toBeTruthy();

    expect(await kube.evict('default', 'free-0')).toEqual({ evicted: true });
    expect((await failure(kube.get(podPath('default', 'free-0')))).isNotFound).toBe(true);
  });

  it('still throws when the pod does not exist', async () => {
    expect((await failure(kube.evict('default', 'ghost'))).isNotFound).toBe(true);
  });
});

describe('KubeClient request accounting', () => {
  it('counts GETs as reads and every other verb as a write', async () => {
    const client = new KubeClient({ server: `${cluster.url}/` });
    await client.create(CM, aConfigMap('counted'));
    await client.get(`${CM}/counted`);
    await client.mergePatch(`${CM}/counted`, { data: { k: 'x' } });
    await client.list(CM, { limit: 1000 });
    await client.delete(`${CM}/counted`);
    await client.delete(`${CM}/counted`);
    expect(client.stats).toEqual({ reads: 2, writes: 4 });
  });
});
