import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeconfigFor } from '../../src/devcluster/index.js';
import { aReplicaSet, type Harness, startHarness, WIDGET_CRD } from './harness.js';

// @kubernetes/client-node is what the Node runtime uses: it must work against the devcluster unchanged.
let h: Harness;
let kc: KubeConfig;
beforeAll(async () => {
  h = await startHarness();
  kc = new KubeConfig();
  kc.loadFromString(kubeconfigFor(h.url));
  await h.req('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', WIDGET_CRD);
});
afterAll(() => h.close());

describe('@kubernetes/client-node against the devcluster', () => {
  it('creates and lists with a label selector', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'cn-1', labels: { via: 'client-node' } }, data: { a: '1' } },
    });
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'cn-2' } },
    });
    const list = await core.listNamespacedConfigMap({
      namespace: 'default',
      labelSelector: 'via=client-node',
    });
    expect(list.items.map((i) => i.metadata?.name)).toEqual(['cn-1']);
    expect(Number(list.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('surfaces a 409 on a stale replace as an ApiException', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const cm = await core.readNamespacedConfigMap({ name: 'cn-1', namespace: 'default' });
    await core.replaceNamespacedConfigMap({
      name: 'cn-1',
      namespace: 'default',
      body: { ...cm, data: { a: '2' } },
    });
    await expect(
      core.replaceNamespacedConfigMap({
        name: 'cn-1',
        namespace: 'default',
        body: { ...cm, data: { a: '3' } },
      }),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('patches with merge, JSON and strategic merge patch', async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedReplicaSet({
      namespace: 'default',
      body: aReplicaSet('cn-rs', { replicas: 0 }) as never,
    });
    const merge = await apps.patchNamespacedReplicaSet(
      {
        name: 'cn-rs',
        namespace: 'default',
        body: { metadata: { labels: { app: 'cn-rs', patched: 'yes' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(merge.metadata?.labels?.patched).toBe('yes');
    const json = await apps.patchNamespacedReplicaSet(
      {
        name: 'cn-rs',
        namespace: 'default',
        body: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
      },
      setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
    );
    expect(json.spec?.replicas).toBe(1);
    const smp = await apps.patchNamespacedReplicaSet(
      {
        name: 'cn-rs',
        namespace: 'default',
        body: {
          spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } },
        },
      },
      setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
    );
    expect(smp.spec?.template?.spec?.containers.map((c) => c.image)).toEqual(['nginx:1.27']);
  });

  it('writes a custom resource status through the status subresource only', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const base = { group: 'example.com', version: 'v1', namespace: 'default', plural: 'widgets' };
    await custom.createNamespacedCustomObject({
      ...base,
      body: {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w1' },
        spec: { replicas: 1 },
      },
    });
    const patched = await custom.patchNamespacedCustomObjectStatus(
      { ...base, name: 'w1', body: { status: { phase: 'Ready' }, spec: { replicas: 5 } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched).toMatchObject({
      status: { phase: 'Ready' },
      spec: { replicas: 1 },
      metadata: { generation: 1 },
    });
    const read = (await custom.getNamespacedCustomObject({ ...base, name: 'w1' })) as {
      status: { phase: string };
    };
    expect(read.status.phase).toBe('Ready');
  });

  it('watches from a resourceVersion and receives changes', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const rv = (await core.listNamespacedConfigMap({ namespace: 'default' })).metadata
      ?.resourceVersion;
    const seen: string[] = [];
    let resolveSeen: () => void = () => undefined;
    const gotTwo = new Promise<void>((r) => (resolveSeen = r));
    const watch = new Watch(kc);
    const ctrl = await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: rv },
      (type, obj: { metadata: { name: string } }) => {
        seen.push(`${type} ${obj.metadata.name}`);
        if (seen.length === 2) resolveSeen();
      },
      () => undefined,
    );
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'cn-watched' } },
    });
    await core.deleteNamespacedConfigMap({ name: 'cn-watched', namespace: 'default' });
    await gotTwo;
    ctrl.abort();
    expect(seen).toEqual(['ADDED cn-watched', 'DELETED cn-watched']);
  });
});
