import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from '../../functions/relay.js';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { parseSignature, SIGNATURE_HEADER, verifySignature } from '../../src/http/hooks/index.js';

const SECRET = 'relay-test-secret';
const CM = '/api/v1/namespaces/default/configmaps';

interface Received {
  type: string;
  object: { apiVersion?: string; kind?: string; metadata: { name: string; resourceVersion?: string } };
}

/** A receiver that verifies every delivery's signature and can refuse the first few with 503. */
async function startReceiver(opts: { refuseFirst?: number } = {}) {
  const events: Received[] = [];
  const stats = { posts: 0, refused: 0, badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = new Uint8Array(Buffer.concat(chunks));
      const mac = parseSignature(req.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined);
      void (mac ? verifySignature(SECRET, mac, raw) : Promise.resolve(false)).then((valid) => {
        stats.posts++;
        if (!valid || req.headers['content-type'] !== 'application/json') {
          stats.badSignatures++;
          return res.writeHead(401).end();
        }
        if (stats.posts <= (opts.refuseFirst ?? 0)) {
          stats.refused++;
          return res.writeHead(503).end();
        }
        events.push(...(JSON.parse(new TextDecoder().decode(raw)) as { events: Received[] }).events);
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`,
    events,
    stats,
    seen: () => new Set(events.map((e) => `${e.type} ${e.object.metadata.name}`)),
    close: () => new Promise((r) => server.close(r)),
  };
}

async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setUp(opts: { refuseFirst?: number; watchWindow?: number; fetch?: (kube: { blocked: boolean }) => (url: string, init: RequestInit) => Promise<Response> } = {}) {
  const cluster: DevCluster = await startDevCluster({ simulate: false, ...(opts.watchWindow ? { watchWindow: opts.watchWindow } : {}) });
  cleanup.push(() => cluster.close());
  const receiver = await startReceiver(opts);
  cleanup.push(receiver.close);
  const gate = { blocked: false };
  const kube = new KubeClient({ server: cluster.url, ...(opts.fetch ? { fetch: opts.fetch(gate) } : {}) });
  const writer = new KubeClient({ server: cluster.url });
  const start = (): Relay => {
    const relay = startRelay({ kube, target: receiver.url, secret: SECRET, namespaces: ['default'], resources: ['/api/v1/configmaps'], batchMs: 20, retry: { minMs: 20, maxMs: 100 } });
    cleanup.push(() => relay.stop());
    return relay;
  };
  return { receiver, writer, gate, start };
}

describe('watch relay', () => {
  it('delivers the initial state, then creates, patches and deletes, as signed batches', async () => {
    const { receiver, writer, start } = await setUp();
    await writer.create(CM, { metadata: { name: 'existing' } });
    start();
    await until(() => receiver.seen().has('ADDED existing'));
    await writer.create(CM, { metadata: { name: 'fresh' }, data: { v: '1' } });
    await writer.mergePatch(`${CM}/fresh`, { data: { v: '2' } });
    await until(() => receiver.seen().has('MODIFIED fresh'));
    await writer.delete(`${CM}/fresh`);
    await until(() => receiver.seen().has('DELETED fresh'));
    expect(receiver.seen()).toEqual(new Set(['ADDED existing', 'ADDED fresh', 'MODIFIED fresh', 'DELETED fresh']));
    expect(receiver.stats.badSignatures).toBe(0);
    // List items carry no kind; the relay fills it from the list so the hook can map it.
    expect(receiver.events.every((e) => e.object.kind === 'ConfigMap' && e.object.apiVersion === 'v1')).toBe(true);
    expect(receiver.events.length).toBeGreaterThan(receiver.stats.posts - 1);
  });

  it('keeps events through a receiver answering 503 and delivers every one', async () => {
    const { receiver, writer, start } = await setUp({ refuseFirst: 3 });
    start();
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const n of names) await writer.create(CM, { metadata: { name: n }, data: { v: '1' } });
    await writer.mergePatch(`${CM}/c`, { data: { v: '2' } });
    await writer.mergePatch(`${CM}/c`, { data: { v: '3' } });
    await until(() => names.every((n) => receiver.seen().has(`ADDED ${n}`)) && receiver.seen().has('MODIFIED c'));
    expect(receiver.stats.refused).toBe(3);
    const latestC = receiver.events.filter((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'c').at(-1);
    const live = await writer.get<{ metadata: { resourceVersion: string } }>(`${CM}/c`);
    expect(latestC?.object.metadata.resourceVersion).toBe(live.metadata.resourceVersion);
  });

  it('lists again after its resourceVersion expires, reporting what vanished meanwhile as DELETED', async () => {
    const lists: string[] = [];
    const { receiver, writer, gate, start } = await setUp({
      watchWindow: 20,
      fetch: (g) => (url, init) => {
        if (!url.includes('watch=true')) lists.push(url);
        return g.blocked && url.includes('watch=true') ? Promise.reject(new Error('network down')) : fetch(url, init);
      },
    });
    await writer.create(CM, { metadata: { name: 'doomed' } });
    gate.blocked = true;
    start();
    await until(() => receiver.seen().has('ADDED doomed'));
    await writer.delete(`${CM}/doomed`);
    for (let i = 0; i < 25; i++) await writer.create(CM, { metadata: { name: `churn-${i}` } });
    gate.blocked = false;
    await until(() => receiver.seen().has('DELETED doomed') && receiver.seen().has('ADDED churn-24'));
    expect(lists).toHaveLength(2);
  });
});
