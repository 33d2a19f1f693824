import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeClient, type WatchEvent } from '../../../src/adapters/kube/index.js';
import { startDevCluster, type DevCluster } from '../../../src/devcluster/index.js';
import { failure } from '../../support/kube-failure.js';

interface ConfigMap {
  metadata: { name: string; resourceVersion?: string };
  data?: Record<string, string>;
}

const CM = '/api/v1/namespaces/default/configmaps';
let cluster: DevCluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function startKube(opts: { watchWindow?: number } = {}): Promise<KubeClient> {
  cluster = await startDevCluster({ simulate: false, ...opts });
  return new KubeClient({ server: cluster.url });
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('KubeClient.watch', () => {
  it('streams ADDED, MODIFIED and DELETED from a list resourceVersion, and resolves when aborted', async () => {
    const kube = await startKube();
    await kube.create(CM, { metadata: { name: 'before' } });
    const { resourceVersion } = await kube.list<ConfigMap>(CM);
    const seen: Array<WatchEvent<ConfigMap>> = [];
    const ac = new AbortController();
    const watching = kube.watch<ConfigMap>(CM, { resourceVersion }, (e) => seen.push(e), ac.signal);
    await kube.create(CM, { metadata: { name: 'w' }, data: { v: '1' } });
    await kube.mergePatch(`${CM}/w`, { data: { v: '2' } });
    await kube.delete(`${CM}/w`);
    await until(() => seen.length === 3);
    ac.abort();
    const result = await watching;
    expect(seen.map((e) => `${e.type} ${e.object.metadata.name}`)).toEqual([
      'ADDED w',
      'MODIFIED w',
      'DELETED w',
    ]);
    expect(seen[1]?.object.data).toEqual({ v: '2' });
    expect(result).toEqual({
      resourceVersion: seen[2]?.object.metadata.resourceVersion,
      expired: false,
    });
  });

  it('filters by label and resolves when the server ends the stream', async () => {
    const kube = await startKube();
    const seen: string[] = [];
    const { resourceVersion } = await kube.list(CM);
    const watching = kube.watch<ConfigMap>(
      CM,
      { resourceVersion, labelSelector: 'keep=yes', timeoutSeconds: 1 },
      (e) => seen.push(e.object.metadata.name),
      new AbortController().signal,
    );
    await kube.create(CM, { metadata: { name: 'skipped', labels: { keep: 'no' } } });
    const kept = await kube.create<ConfigMap>(CM, {
      metadata: { name: 'kept', labels: { keep: 'yes' } },
    });
    const result = await watching;
    expect(seen).toEqual(['kept']);
    expect(result).toEqual({ resourceVersion: kept.metadata.resourceVersion, expired: false });
  });

  it('resolves expired when its resourceVersion has been compacted away', async () => {
    const kube = await startKube({ watchWindow: 20 });
    const { resourceVersion } = await kube.list(CM);
    await kube.create(CM, { metadata: { name: 'churn' }, data: { n: '0' } });
    for (let i = 1; i <= 25; i++) await kube.mergePatch(`${CM}/churn`, { data: { n: String(i) } });
    const seen: unknown[] = [];
    const result = await kube.watch(
      CM,
      { resourceVersion },
      (e) => seen.push(e),
      new AbortController().signal,
    );
    expect(result).toEqual({ resourceVersion, expired: true });
    expect(seen).toEqual([]);
  });

  it('rejects with a retryable error when the stream breaks mid-way', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(
        `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'a', resourceVersion: '7' } } })}\n`,
      );
      setTimeout(() => res.socket?.destroy(), 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const kube = new KubeClient({
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      });
      const seen: string[] = [];
      const e = await failure(
        kube.watch<ConfigMap>(
          CM,
          {},
          (ev) => seen.push(ev.object.metadata.name),
          new AbortController().signal,
        ),
      );
      expect(seen).toEqual(['a']);
      expect(e).toMatchObject({ status: 0, retryable: true });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('KubeClient.watch refused', () => {
  it('carries the Retry-After of a refused watch in the error, for the loop that watches again', async () => {
    const refuse = () =>
      Promise.resolve(
        new Response('Too many requests, please try again later.\n', {
          status: 429,
          headers: { 'retry-after': '3', 'content-type': 'text/plain; charset=utf-8' },
        }),
      );
    const kube = new KubeClient({ server: 'http://kube.invalid', fetch: refuse, retry: false });
    const e = await failure(kube.watch(CM, {}, () => undefined, new AbortController().signal));
    expect(e).toMatchObject({ status: 429, retryAfterMs: 3000, retryable: true });
  });
});

// One attempt each (`retry: false`): these pin how a failure is classified; retry.test.ts pins the repeats.
describe('KubeClient faults', () => {
  const never = () => new Promise<Response>(() => undefined);

  it.each([
    ['a request', (k: KubeClient) => k.get(`${CM}/x`)],
    ['a write', (k: KubeClient) => k.create(CM, { metadata: { name: 'x' } })],
    ['a watch', (k: KubeClient) => k.watch(CM, {}, () => undefined, new AbortController().signal)],
  ])('times out %s whose fetch never answers as a retryable status 0', async (_what, call) => {
    const kube = new KubeClient({
      server: 'http://kube.invalid',
      fetch: never,
      timeoutMs: 50,
      retry: false,
    });
    const e = await failure(call(kube));
    expect(e).toMatchObject({
      code: 'KubeApiError',
      status: 0,
      reason: 'Timeout',
      retryable: true,
    });
  });

  it('times out a body that never finishes', async () => {
    const stalled = () =>
      Promise.resolve(
        new Response(
          new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"kind":')) }),
          { status: 200 },
        ),
      );
    const e = await failure(
      new KubeClient({
        server: 'http://kube.invalid',
        fetch: stalled,
        timeoutMs: 50,
        retry: false,
      }).get(`${CM}/x`),
    );
    expect(e).toMatchObject({ status: 0, retryable: true });
  });

  it('reports a refused connection as a retryable status 0', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const e = await failure(
      new KubeClient({ server: `http://127.0.0.1:${port}`, retry: false }).get(`${CM}/x`),
    );
    expect(e).toMatchObject({ status: 0, reason: 'NetworkError', retryable: true });
  });

  it.each([
    [503, 'upstream connect error', true],
    [429, '{"kind":"Status","reason":"TooManyRequests","message":"slow down","code":429}', true],
    [500, '{"kind":"Status","reason":"InternalError","message":"etcd","code":500}', true],
    [403, '{"kind":"Status","reason":"Forbidden","message":"no","code":403}', false],
    [422, '{"kind":"Status","reason":"Invalid","message":"bad spec","code":422}', false],
  ])('answers %i as an error with retryable=%s', async (status, body, retryable) => {
    const kube = new KubeClient({
      server: 'http://kube.invalid',
      retry: false,
      fetch: () => Promise.resolve(new Response(body as string, { status: status as number })),
    });
    const e = await failure(kube.get(`${CM}/x`));
    expect(e).toMatchObject({ status, retryable });
  });

  it('sends its configured headers but never puts them in error messages', async () => {
    let seen: Headers | undefined;
    const kube = new KubeClient({
      server: 'http://kube.invalid',
      headers: { authorization: 'Bearer s3cret-token' },
      fetch: (_url, init) => {
        seen = new Headers(init.headers);
        return Promise.resolve(
          new Response(
            '{"kind":"Status","reason":"Unauthorized","message":"Unauthorized","code":401}',
            { status: 401 },
          ),
        );
      },
    });
    const e = await failure(kube.get(`${CM}/x`));
    expect(seen?.get('authorization')).toBe('Bearer s3cret-token');
    expect(`${e.message} ${JSON.stringify(e)}`).not.toContain('s3cret');
  });
});
