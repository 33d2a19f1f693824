import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_NESTING_DEPTH } from '../../src/devcluster/api/nesting.js';
import {
  APPS,
  aReplicaSet,
  type Harness,
  NS,
  startHarness,
  WIDGET_CRD,
  WIDGETS,
} from './harness.js';

// The probes of issue 15 against the devcluster: each gets its 4xx, then the server still answers
// an ordinary request.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ watchWindowBytes: 400_000 });
  await h.req('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', WIDGET_CRD);
  await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'target' }, data: { a: 'b' } });
});
afterAll(() => h.close());

const nested = (depth: number, leaf = '{}') => '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);

async function expectHealthy(): Promise<void> {
  const res = await h.req('POST', `${NS}/configmaps`, {
    metadata: { generateName: 'after-' },
    data: { ok: 'yes' },
  });
  expect(res.status).toBe(201);
  expect((await h.req('GET', `${NS}/configmaps/target`)).body.data).toEqual({ a: 'b' });
}

describe('deeply nested bodies', () => {
  it.each<[string, string, string, string, string]>([
    [
      'a create',
      'POST',
      `${NS}/configmaps`,
      `{"metadata":{"name":"deep"},"data":${nested(3000)}}`,
      'application/json',
    ],
    [
      'an update',
      'PUT',
      `${NS}/configmaps/target`,
      `{"metadata":{"name":"target"},"data":${nested(3000)}}`,
      'application/json',
    ],
    [
      'a custom resource',
      'POST',
      WIDGETS,
      `{"metadata":{"name":"deep"},"spec":{"extra":${nested(3000)}}}`,
      'application/json',
    ],
    [
      'arrays',
      'POST',
      WIDGETS,
      `{"metadata":{"name":"deep"},"spec":{"extra":{"x":${'['.repeat(3000)}${']'.repeat(3000)}}}}`,
      'application/json',
    ],
    [
      'a YAML create',
      'POST',
      `${NS}/configmaps`,
      `{"metadata":{"name":"deep"},"data":${nested(3000)}}`,
      'application/yaml',
    ],
    [
      'a merge patch',
      'PATCH',
      `${NS}/configmaps/target`,
      `{"data":${nested(3000)}}`,
      'application/merge-patch+json',
    ],
    [
      'a strategic merge patch',
      'PATCH',
      `${NS}/configmaps/target`,
      `{"data":${nested(3000)}}`,
      'application/strategic-merge-patch+json',
    ],
    [
      'a JSON patch',
      'PATCH',
      `${NS}/configmaps/target`,
      `[{"op":"add","path":"/data","value":${nested(3000)}}]`,
      'application/json-patch+json',
    ],
    [
      'an apply patch',
      'PATCH',
      `${NS}/configmaps/target?fieldManager=t`,
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"target"},"data":${nested(3000)}}`,
      'application/apply-patch+yaml',
    ],
  ])('refuses %s 3,000 levels deep with a 400', async (_name, method, path, body, type) => {
    const res = await h.req(method, path, body, type);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      kind: 'Status',
      reason: 'BadRequest',
      message: expect.stringContaining('exceeded max depth'),
    });
    await expectHealthy();
  });

  it('words a too-deep create as the API server does, naming the kind', async () => {
    const res = await h.req(
      'POST',
      `${NS}/configmaps`,
      `{"metadata":{"name":"deep"},"data":${nested(MAX_NESTING_DEPTH + 1)}}`,
    );
    expect(res.body.message).toBe(
      `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character '{' exceeded max depth (the devcluster allows ${MAX_NESTING_DEPTH} levels of nesting)`,
    );
  });

  it('accepts nesting up to the limit', async () => {
    const depth = MAX_NESTING_DEPTH - 3; // widget → spec → extra → …
    const res = await h.req(
      'POST',
      WIDGETS,
      `{"metadata":{"name":"deep-ok"},"spec":{"extra":${nested(depth)}}}`,
    );
    expect(res.status).toBe(201);
    expect((await h.req('DELETE', `${WIDGETS}/deep-ok`)).status).toBe(200);
  });

  it('refuses a JSON patch whose copies nest the object past the limit', async () => {
    const depth = 600;
    await h.req('POST', WIDGETS, `{"metadata":{"name":"grow"},"spec":{"extra":${nested(depth)}}}`);
    const deepPath = `/spec/extra${'/a'.repeat(depth - 1)}`;
    const res = await h.req(
      'PATCH',
      `${WIDGETS}/grow`,
      [{ op: 'copy', from: '/spec/extra', path: `${deepPath}/b` }],
      'application/json-patch+json',
    );
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('exceeded max depth');
    await expectHealthy();
  });
});

/** A raw request with a chosen Host header (fetch does not let a caller set it). */
function rawRequest(
  host: string,
  method = 'GET',
  path = '/api/v1/namespaces/default/configmaps',
): Promise<{ status: number; body: string }> {
  const url = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { host, accept: 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('Host header (DNS rebinding)', () => {
  it.each([
    'evil.example',
    'evil.example:8080',
    '127.0.0.1.nip.io',
    'localhost.evil.example',
    '[::2]:80',
  ])('refuses Host %s with a 403', async (host) => {
    const res = await rawRequest(host);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({
      kind: 'Status',
      reason: 'Forbidden',
      message: expect.stringContaining('DNS rebinding'),
    });
    await expectHealthy();
  });

  it.each(['localhost', 'LOCALHOST:1234', '127.0.0.1', '127.0.0.1:9999', '[::1]', '[::1]:6443'])(
    'serves Host %s',
    async (host) => {
      expect((await rawRequest(host)).status).toBe(200);
    },
  );
});

describe('content types of writes (CSRF)', () => {
  const body = JSON.stringify({ metadata: { generateName: 'csrf-' }, data: { a: 'b' } });
  const WRITE_TYPES = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';

  it.each<[string, Record<string, string>]>([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['a patch type', { 'content-type': 'application/merge-patch+json' }],
  ])('refuses a create with %s: 415', async (_name, headers) => {
    // Bytes, not a string: fetch labels a string body text/plain itself.
    const res = await fetch(`${h.url}${NS}/configmaps`, {
      method: 'POST',
      headers,
      body: new TextEncoder().encode(body),
    });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      reason: 'UnsupportedMediaType',
      message: `the body of the request was in an unknown format - accepted media types include: ${WRITE_TYPES}`,
    });
    await expectHealthy();
  });

  it('refuses an update and a patch without a content type', async () => {
    const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
    const put = await fetch(`${h.url}${NS}/configmaps/target`, {
      method: 'PUT',
      body: bytes({ metadata: { name: 'target' }, data: { a: 'x' } }),
    });
    expect(put.status).toBe(415);
    const patch = await fetch(`${h.url}${NS}/configmaps/target`, {
      method: 'PATCH',
      body: bytes({ data: { a: 'x' } }),
    });
    expect(patch.status).toBe(415);
    expect(((await patch.json()) as { message: string }).message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    );
    await expectHealthy();
  });

  it('offers custom resources no strategic merge patch', async () => {
    const res = await h.req('PATCH', `${WIDGETS}/grow`, { spec: { replicas: 2 } }, 'text/plain');
    expect(res.status).toBe(415);
    expect(res.body.message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });

  it('still reads a DELETE body without a content type, as the API server does', async () => {
    await h.req('POST', `${NS}/configmaps`, { metadata: { name: 'doomed' } });
    const res = await fetch(`${h.url}${NS}/configmaps/doomed`, {
      method: 'DELETE',
      body: new TextEncoder().encode(JSON.stringify({ propagationPolicy: 'Background' })),
    });
    expect(res.status).toBe(200);
  });
});

describe('watch log bounded in bytes', () => {
  it('evicts by size and answers 410 Gone for a version it no longer holds', async () => {
    const cms = h.cluster.api.resource('', 'v1', 'configmaps');
    const start = h.cluster.api.store.currentRevision;
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 8; i++)
      h.cluster.api.create(cms, 'default', { metadata: { name: `big-${i}` }, data: { big } });
    const usage = h.cluster.api.store.logUsage;
    expect(usage.bytes).toBeLessThanOrEqual(400_000);
    expect(usage.events).toBeLessThan(8);

    const res = await fetch(`${h.url}${NS}/configmaps?watch=true&resourceVersion=${start}`);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            object: { code: number; reason: string; message: string };
          },
      );
    expect(lines).toEqual([
      {
        type: 'ERROR',
        object: expect.objectContaining({
          kind: 'Status',
          code: 410,
          reason: 'Expired',
          message: expect.stringMatching(/^too old resource version: \d+ \(\d+\)$/),
        }),
      },
    ]);

    // A recent version still resumes.
    const recent = h.cluster.api.store.currentRevision;
    h.cluster.api.create(cms, 'default', { metadata: { name: 'small-after' } });
    const resumed = await fetch(
      `${h.url}${NS}/configmaps?watch=true&resourceVersion=${recent}&timeoutSeconds=1`,
    );
    expect(
      (await resumed.text())
        .trim()
        .split('\n')
        .map(
          (l) => (JSON.parse(l) as { object: { metadata: { name: string } } }).object.metadata.name,
        ),
    ).toEqual(['small-after']);
    await expectHealthy();
  });
});

describe('a watcher that stops reading', () => {
  it('is dropped once it falls 32 MiB behind, instead of buffering for it', async () => {
    const url = new URL(h.url);
    const baseline = h.cluster.api.store.watcherCount();
    const closed = new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: `${NS}/configmaps?watch=true&resourceVersion=${h.cluster.api.store.currentRevision}`,
        },
        (res) => {
          res.pause(); // never reads
          res.on('close', () => resolve());
          res.on('error', () => resolve());
        },
      );
      req.on('error', reject);
      req.end();
    });
    while (h.cluster.api.store.watcherCount() === baseline)
      await new Promise((r) => setTimeout(r, 5));
    const cms = h.cluster.api.resource('', 'v1', 'configmaps');
    const mib = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 48 && h.cluster.api.store.watcherCount() > baseline; i++)
      h.cluster.api.create(cms, 'default', { metadata: { name: `flood-${i}` }, data: { mib } });
    expect(h.cluster.api.store.watcherCount()).toBe(baseline);
    await closed;
    await expectHealthy();
  });
});

describe('pod limit', () => {
  it('creates the pods other ReplicaSets are short of once a hog is deleted', async () => {
    const small = await startHarness({ maxPods: 10 });
    try {
      await small.req('POST', `${APPS}/replicasets`, aReplicaSet('hog', { replicas: 1_000_000 }));
      await small.req('POST', `${APPS}/replicasets`, aReplicaSet('other', { replicas: 3 }));
      const pods = async (app: string) =>
        (await small.req('GET', `${NS}/pods?labelSelector=app%3D${app}`)).body.items
          .length as number;
      expect(await pods('hog')).toBe(10);
      expect(await pods('other')).toBe(0);
      expect((await small.req('GET', `${APPS}/replicasets/other`)).body.status.conditions).toEqual([
        expect.objectContaining({ type: 'ReplicaFailure', reason: 'FailedCreate' }),
      ]);

      await small.req('DELETE', `${APPS}/replicasets/hog`);
      await small.advance(2000);
      expect(await pods('other')).toBe(3);
      const status = (await small.req('GET', `${APPS}/replicasets/other`)).body.status;
      expect(status).toMatchObject({ replicas: 3, readyReplicas: 3 });
      expect(status.conditions).toBeUndefined();
      expect(small.cluster.simulators?.idle()).toBe(true); // nothing keeps retrying
    } finally {
      await small.close();
    }
  });
});
