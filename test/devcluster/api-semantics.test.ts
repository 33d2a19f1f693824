import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPS,
  aReplicaSet,
  type Harness,
  NS,
  startHarness,
  WIDGET_CRD,
  WIDGETS,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ watchWindow: 200 });
  const crd = await h.req(
    'POST',
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    WIDGET_CRD,
  );
  expect(crd.status).toBe(201);
});
afterAll(() => h.close());

const aWidget = (name: string, spec: Record<string, unknown> = { replicas: 1 }) => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { name },
  spec,
});

describe('discovery', () => {
  it('serves version, core and group resource lists with subresources', async () => {
    expect((await h.req('GET', '/version')).body).toMatchObject({
      major: '1',
      gitVersion: expect.stringMatching(/^v1\./),
    });
    expect((await h.req('GET', '/api')).body).toMatchObject({
      kind: 'APIVersions',
      versions: ['v1'],
    });
    const core = (await h.req('GET', '/api/v1')).body;
    const names = core.resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'pods',
        'pods/status',
        'pods/eviction',
        'services',
        'endpoints',
        'configmaps',
        'secrets',
        'events',
        'serviceaccounts',
        'namespaces',
      ]),
    );
    const groups = (await h.req('GET', '/apis')).body.groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining([
        'apps',
        'batch',
        'networking.k8s.io',
        'policy',
        'coordination.k8s.io',
        'apiextensions.k8s.io',
        'example.com',
      ]),
    );
    const apps = (await h.req('GET', '/apis/apps/v1')).body.resources;
    expect(apps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'replicasets/scale', kind: 'Scale', group: 'autoscaling' }),
      ]),
    );
  });

  it('serves a registered CRD with its short names and subresources', async () => {
    const list = (await h.req('GET', '/apis/example.com/v1')).body;
    expect(list.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'widgets',
          kind: 'Widget',
          namespaced: true,
          shortNames: ['wd'],
        }),
        expect.objectContaining({ name: 'widgets/status' }),
        expect.objectContaining({ name: 'widgets/scale' }),
      ]),
    );
    const crd = (
      await h.req(
        'GET',
        '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
      )
    ).body;
    expect(crd.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Established', status: 'True' })]),
    );
  });
});

describe('object lifecycle', () => {
  it('stamps uid, creationTimestamp, generation and a monotonic resourceVersion', async () => {
    const a = await h.req('POST', `${NS}/configmaps`, {
      metadata: { name: 'cm-a' },
      data: { k: 'v' },
    });
    const b = await h.req('POST', `${NS}/configmaps`, {
      metadata: { generateName: 'cm-' },
      data: {},
    });
    expect(a.status).toBe(201);
    expect(a.body.metadata).toMatchObject({
      name: 'cm-a',
      namespace: 'default',
      uid: expect.any(String),
      creationTimestamp: expect.stringMatching(/Z$/),
    });
    expect(b.body.metadata.name).toMatch(/^cm-[a-z0-9]{5}$/);
    expect(Number(b.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(a.body.metadata.resourceVersion),
    );
  });

  it('answers 409 AlreadyExists and 409 Conflict on a stale resourceVersion', async () => {
    const dup = await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'cm-a' } });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 });
    const cur = (await h.req('GET', `${NS}/configmaps/cm-a`)).body;
    const ok = await h.req('PUT', `${NS}/configmaps/cm-a`, { ...cur, data: { k: 'v2' } });
    expect(ok.status).toBe(200);
    const stale = await h.req('PUT', `${NS}/configmaps/cm-a`, { ...cur, data: { k: 'v3' } });
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('Conflict');
    expect((await h.req('GET', `${NS}/configmaps/cm-a`)).body.data).toEqual({ k: 'v2' });
  });

  it('does not bump resourceVersion for a no-op update', async () => {
    const cur = (await h.req('GET', `${NS}/configmaps/cm-a`)).body;
    const same = await h.req('PUT', `${NS}/configmaps/cm-a`, cur);
    expect(same.body.metadata.resourceVersion).toBe(cur.metadata.resourceVersion);
  });

  it('bumps generation only for spec changes and isolates status', async () => {
    const created = (
      await h.req('POST', WIDGETS, { ...aWidget('gen'), status: { phase: 'Ignored' } })
    ).body;
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toBeUndefined();
    const labelled = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      { metadata: { labels: { a: 'b' } } },
      'application/merge-patch+json',
    );
    expect(labelled.body.metadata.generation).toBe(1);
    const status = await h.req(
      'PATCH',
      `${WIDGETS}/gen/status`,
      { status: { phase: 'Ready' }, spec: { replicas: 9 } },
      'application/merge-patch+json',
    );
    expect(status.body).toMatchObject({
      status: { phase: 'Ready' },
      spec: { replicas: 1 },
      metadata: { generation: 1 },
    });
    const spec = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      { spec: { replicas: 3 }, status: { phase: 'Hacked' } },
      'application/merge-patch+json',
    );
    expect(spec.body).toMatchObject({
      spec: { replicas: 3 },
      status: { phase: 'Ready' },
      metadata: { generation: 2 },
    });
  });

  it('requires a resourceVersion to PUT a custom resource', async () => {
    const cur = (await h.req('GET', `${WIDGETS}/gen`)).body;
    const { resourceVersion: _rv, ...meta } = cur.metadata;
    const res = await h.req('PUT', `${WIDGETS}/gen`, { ...cur, metadata: meta });
    expect(res.status).toBe(422);
    expect(res.body.message).toContain('metadata.resourceVersion');
  });

  it('validates and prunes custom resources against the CRD schema', async () => {
    const bad = await h.req('POST', WIDGETS, aWidget('bad', { replicas: 'three', color: 'green' }));
    expect(bad.status).toBe(422);
    expect(bad.body.reason).toBe('Invalid');
    expect(bad.body.message).toContain('spec.replicas');
    expect(bad.body.message).toContain('spec.color');
    // As the API server: each cause names its field once, its message is the error body alone.
    for (const cause of bad.body.details.causes as Array<{ field: string; message: string }>) {
      expect(cause.message.startsWith(cause.field)).toBe(false);
      expect(bad.body.message).toContain(`${cause.field}: ${cause.message}`);
    }
    expect((await h.req('GET', `${WIDGETS}/bad`)).status).toBe(404);
    const pruned = await h.req(
      'POST',
      WIDGETS,
      aWidget('pruned', { replicas: 1, unknown: true, extra: { kept: 1 }, size: '10%' }),
    );
    expect(pruned.status).toBe(201);
    expect(pruned.body.spec).toEqual({ replicas: 1, extra: { kept: 1 }, size: '10%' });
    const status = await h.req(
      'PATCH',
      `${WIDGETS}/pruned/status`,
      { status: { phase: 'x', invented: 1 } },
      'application/merge-patch+json',
    );
    expect(status.body.status).toEqual({ phase: 'x' });
  });
});

describe('patch types', () => {
  it('applies strategic merge patches to built-in lists by merge key', async () => {
    const rs = aReplicaSet('smp', { replicas: 0 });
    rs.spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox:1' });
    expect((await h.req('POST', `${APPS}/replicasets`, rs)).status).toBe(201);
    const patch = {
      spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox:2' }] } } },
    };
    const res = await h.req(
      'PATCH',
      `${APPS}/replicasets/smp`,
      patch,
      'application/strategic-merge-patch+json',
    );
    expect(res.status).toBe(200);
    expect(
      res.body.spec.template.spec.containers.map(
        (c: { name: string; image: string }) => `${c.name}=${c.image}`,
      ),
    ).toEqual(['app=nginx:1.25', 'sidecar=busybox:2']);
  });

  it('applies JSON patch and JSON merge patch, and refuses SMP on custom resources', async () => {
    const jp = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      [
        { op: 'replace', path: '/spec/replicas', value: 5 },
        { op: 'add', path: '/metadata/labels/x', value: 'y' },
      ],
      'application/json-patch+json',
    );
    expect(jp.body.spec.replicas).toBe(5);
    expect(jp.body.metadata.labels).toEqual({ a: 'b', x: 'y' });
    const failedTest = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      [{ op: 'test', path: '/spec/replicas', value: 1 }],
      'application/json-patch+json',
    );
    expect(failedTest.status).toBe(422);
    const smp = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      { spec: { replicas: 1 } },
      'application/strategic-merge-patch+json',
    );
    expect(smp.status).toBe(415);
    expect((await h.req('GET', `${WIDGETS}/gen`)).body.spec.replicas).toBe(5);
  });

  it('rejects a patch carrying a stale resourceVersion', async () => {
    const res = await h.req(
      'PATCH',
      `${WIDGETS}/gen`,
      { metadata: { resourceVersion: '1' }, spec: { replicas: 2 } },
      'application/merge-patch+json',
    );
    expect(res.status).toBe(409);
  });

  it('server-side apply creates, then merges another manager’s configuration', async () => {
    const yaml =
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: applied\nspec:\n  replicas: 2\n';
    const created = await h.req(
      'PATCH',
      `${WIDGETS}/applied?fieldManager=test`,
      yaml,
      'application/apply-patch+yaml',
    );
    expect(created.status).toBe(201);
    const merged = await h.req(
      'PATCH',
      `${WIDGETS}/applied?fieldManager=other`,
      yaml.replace('replicas: 2', 'color: red'),
      'application/apply-patch+yaml',
    );
    expect(merged.body.spec).toEqual({ replicas: 2, color: 'red' });
  });
});

describe('scale subresource', () => {
  it('reads and writes replicas through autoscaling/v1 Scale for CRDs and ReplicaSets', async () => {
    await h.req(
      'PATCH',
      `${WIDGETS}/gen/status`,
      { status: { replicas: 4, selector: 'app=w' } },
      'application/merge-patch+json',
    );
    const scale = (await h.req('GET', `${WIDGETS}/gen/scale`)).body;
    expect(scale).toMatchObject({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      spec: { replicas: 5 },
      status: { replicas: 4, selector: 'app=w' },
    });
    const patched = await h.req(
      'PATCH',
      `${WIDGETS}/gen/scale`,
      { spec: { replicas: 7 } },
      'application/merge-patch+json',
    );
    expect(patched.body.spec.replicas).toBe(7);
    expect((await h.req('GET', `${WIDGETS}/gen`)).body.spec.replicas).toBe(7);
    const rsScale = (await h.req('GET', `${APPS}/replicasets/smp/scale`)).body;
    expect(rsScale.status.selector).toBe('app=smp');
  });
});

describe('lists, selectors and watches', () => {
  it('filters by label and field selectors and rejects bad ones with 400', async () => {
    for (const [name, tier] of [
      ['l1', 'web'],
      ['l2', 'web'],
      ['l3', 'db'],
    ]) {
      await h.req('POST', `${NS}/configmaps`, { metadata: { name, labels: { tier } } });
    }
    const web = (await h.req('GET', `${NS}/configmaps?labelSelector=tier%3Dweb`)).body;
    expect(web.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'l1',
      'l2',
    ]);
    const notWeb = (await h.req('GET', `${NS}/configmaps?labelSelector=tier,tier!%3Dweb`)).body;
    expect(notWeb.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'l3',
    ]);
    const byName = (await h.req('GET', `${NS}/configmaps?fieldSelector=metadata.name%3Dl2`)).body;
    expect(byName.items).toHaveLength(1);
    expect((await h.req('GET', `${NS}/configmaps?labelSelector=tier%3D%3D%3D`)).status).toBe(400);
    const unsupported = await h.req('GET', `${NS}/configmaps?fieldSelector=data.k%3Dv`);
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.message).toContain('field label not supported');
  });

  it('pages lists with limit and continue', async () => {
    const first = (await h.req('GET', `${NS}/configmaps?limit=2`)).body;
    expect(first.items).toHaveLength(2);
    expect(first.metadata.continue).toBeTruthy();
    const rest = (
      await h.req('GET', `${NS}/configmaps?limit=100&continue=${first.metadata.continue}`)
    ).body;
    const all = (await h.req('GET', `${NS}/configmaps`)).body;
    expect(
      [...first.items, ...rest.items].map((i: { metadata: { name: string } }) => i.metadata.name),
    ).toEqual(all.items.map((i: { metadata: { name: string } }) => i.metadata.name));
  });

  it('resumes a watch from a resourceVersion and sees selector transitions', async () => {
    const start = (await h.req('GET', `${NS}/configmaps`)).body.metadata.resourceVersion;
    await h.req(
      'PATCH',
      `${NS}/configmaps/l3`,
      { metadata: { labels: { tier: 'web' } } },
      'application/merge-patch+json',
    );
    await h.req('DELETE', `${NS}/configmaps/l1`);
    const res = await fetch(
      `${h.url}${NS}/configmaps?watch=true&labelSelector=tier%3Dweb&resourceVersion=${start}&timeoutSeconds=1`,
    );
    const events = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string } } });
    expect(events.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED l3',
      'DELETED l1',
    ]);
  });

  it('streams live events to a watcher', async () => {
    const res = await fetch(
      `${h.url}${NS}/configmaps?watch=true&resourceVersion=${h.cluster.api.store.currentRevision}&timeoutSeconds=5`,
    );
    const reader = res.body!.getReader();
    await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'live' } });
    const { value } = await reader.read();
    await reader.cancel();
    expect(JSON.parse(new TextDecoder().decode(value).split('\n')[0]!)).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'live' } },
    });
  });

  it('answers a watch from a compacted resourceVersion with a 410 ERROR event', async () => {
    for (let i = 0; i < 210; i++)
      h.cluster.api.create(h.cluster.api.resource('', 'v1', 'configmaps'), 'default', {
        metadata: { name: `churn-${i}` },
      });
    const res = await fetch(`${h.url}${NS}/configmaps?watch=true&resourceVersion=1001`);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; object: { code: number; reason: string } });
    expect(lines).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({ kind: 'Status', code: 410, reason: 'Expired' }),
      },
    ]);
  });
});

describe('tables', () => {
  it('returns CRD printer columns as a meta.k8s.io Table', async () => {
    const res = await h.req('GET', WIDGETS, undefined, undefined, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    expect(res.body.kind).toBe('Table');
    expect(res.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual([
      'Name',
      'Desired',
      'Phase',
      'Age',
    ]);
    const row = res.body.rows.find((r: { cells: unknown[] }) => r.cells[0] === 'gen');
    expect(row.cells.slice(0, 3)).toEqual(['gen', 7, 'Ready']);
  });
});

describe('deletion', () => {
  it('holds an object with finalizers until they are removed', async () => {
    await h.req('POST', `${NS}/configmaps`, {
      metadata: { name: 'held', finalizers: ['example.com/hold'] },
    });
    const del = await h.req('DELETE', `${NS}/configmaps/held`);
    expect(del.body.metadata.deletionTimestamp).toBeTruthy();
    const still = await h.req('GET', `${NS}/configmaps/held`);
    expect(still.status).toBe(200);
    const addMore = await h.req(
      'PATCH',
      `${NS}/configmaps/held`,
      { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } },
      'application/merge-patch+json',
    );
    expect(addMore.status).toBe(422);
    await h.req(
      'PATCH',
      `${NS}/configmaps/held`,
      { metadata: { finalizers: null } },
      'application/merge-patch+json',
    );
    expect((await h.req('GET', `${NS}/configmaps/held`)).status).toBe(404);
  });

  it('garbage-collects dependents by ownerReference, or orphans them', async () => {
    const owner = (await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'owner' } })).body;
    const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata.uid };
    await h.req('POST', `${NS}/secrets`, { metadata: { name: 'dep', ownerReferences: [ref] } });
    await h.req('DELETE', `${NS}/configmaps/owner`);
    expect((await h.req('GET', `${NS}/secrets/dep`)).status).toBe(404);

    const owner2 = (await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'owner2' } })).body;
    await h.req('POST', `${NS}/secrets`, {
      metadata: {
        name: 'dep2',
        ownerReferences: [{ ...ref, name: 'owner2', uid: owner2.metadata.uid }],
      },
    });
    await h.req('DELETE', `${NS}/configmaps/owner2`, { propagationPolicy: 'Orphan' });
    const orphan = await h.req('GET', `${NS}/secrets/dep2`);
    expect(orphan.status).toBe(200);
    expect(orphan.body.metadata.ownerReferences).toBeUndefined();
  });

  it('empties a namespace before removing it and refuses new content meanwhile', async () => {
    await h.req('POST', '/api/v1/namespaces', { metadata: { name: 'doomed' } });
    await h.req('POST', '/api/v1/namespaces/doomed/configmaps', {
      metadata: { name: 'x', finalizers: ['example.com/hold'] },
    });
    await h.req('DELETE', '/api/v1/namespaces/doomed');
    expect((await h.req('GET', '/api/v1/namespaces/doomed')).body.status.phase).toBe('Terminating');
    expect(
      (await h.req('POST', '/api/v1/namespaces/doomed/configmaps', { metadata: { name: 'y' } }))
        .status,
    ).toBe(403);
    await h.req(
      'PATCH',
      '/api/v1/namespaces/doomed/configmaps/x',
      { metadata: { finalizers: [] } },
      'application/merge-patch+json',
    );
    expect((await h.req('GET', '/api/v1/namespaces/doomed')).status).toBe(404);
  });
});

describe('bad input', () => {
  it.each([
    ['malformed JSON', 'POST', `${NS}/configmaps`, '{"metadata":', 'application/json', 400],
    [
      'garbled protobuf body',
      'POST',
      `${NS}/configmaps`,
      'xx',
      'application/vnd.kubernetes.protobuf',
      400,
    ],
    ['CBOR body', 'POST', `${NS}/configmaps`, 'xx', 'application/cbor', 415],
    ['unknown patch type', 'PATCH', `${NS}/configmaps/cm-a`, '{}', 'text/plain', 415],
    [
      'unknown resource',
      'GET',
      '/apis/example.com/v1/namespaces/default/gadgets',
      undefined,
      'application/json',
      404,
    ],
    ['unknown group', 'GET', '/apis/nope.io/v1', undefined, 'application/json', 404],
    [
      'wrong kind in body',
      'POST',
      `${NS}/configmaps`,
      JSON.stringify({ kind: 'Secret', metadata: { name: 'k' } }),
      'application/json',
      400,
    ],
    [
      'invalid name',
      'POST',
      `${NS}/configmaps`,
      JSON.stringify({ metadata: { name: 'Bad_Name' } }),
      'application/json',
      422,
    ],
    [
      'missing namespace',
      'POST',
      '/api/v1/namespaces/nowhere/configmaps',
      JSON.stringify({ metadata: { name: 'n' } }),
      'application/json',
      404,
    ],
    ['array body', 'POST', `${NS}/configmaps`, '[]', 'application/json', 400],
    [
      'finalizers not a list',
      'POST',
      `${NS}/configmaps`,
      JSON.stringify({ metadata: { name: 'f', finalizers: 'x' } }),
      'application/json',
      400,
    ],
    [
      'label value not a string',
      'POST',
      `${NS}/configmaps`,
      JSON.stringify({ metadata: { name: 'l', labels: { a: 1 } } }),
      'application/json',
      400,
    ],
    [
      'malformed percent-encoding',
      'GET',
      `${NS}/configmaps/%E0%A4%A`,
      undefined,
      'application/json',
      404,
    ],
  ])('%s answers a Status with code %#', async (_label, method, path, body, type, code) => {
    const res = await h.req(method, path, body, type);
    expect(res.status).toBe(code);
    expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure', code });
  });

  it('names the unknown resource in the 404', async () => {
    const res = await h.req('GET', '/apis/batch/v1/namespaces/default/cronjobs');
    expect(res.status).toBe(404);
    expect(res.body.message).toContain('cronjobs');
  });

  it('refuses bodies over 3 MiB with 413', async () => {
    const res = await h.req(
      'POST',
      `${NS}/configmaps`,
      JSON.stringify({ metadata: { name: 'big' }, data: { x: 'a'.repeat(3 * 1024 * 1024) } }),
    );
    expect(res.status).toBe(413);
  });
});
