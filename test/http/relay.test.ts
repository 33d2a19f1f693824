import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from '../../functions/relay.js';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { ANNOTATIONS } from '../../src/domain/keys.js';
import { startDevCluster, type DevCluster } from '../../src/devcluster/index.js';
import { getRequestListener } from '@hono/node-server';
import { buildApp } from '../../src/http/app.js';
import {
  buildSignedPayload,
  DELIVERY_HEADER,
  parseDeliveryId,
  parseSignature,
  parseTimestamp,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/http/hooks/index.js';
import type { Hint } from '../../src/domain/hint.js';

const SECRET = 'relay-test-secret';
const CM = '/api/v1/namespaces/default/configmaps';

interface Received {
  type: string;
  object: {
    apiVersion?: string;
    kind?: string;
    metadata: { name: string; resourceVersion?: string };
  };
}

/**
 * A receiver that verifies every delivery's timestamped signature by hand (so a relay and hook
 * drifting apart together would still be caught), records delivery ids, and can refuse the first
 * few with 503.
 */
async function startReceiver(opts: { refuseFirst?: number } = {}) {
  const events: Received[] = [];
  const deliveryIds: string[] = [];
  const stats = { posts: 0, refused: 0, badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = new Uint8Array(Buffer.concat(chunks));
      const header = (name: string) => req.headers[name.toLowerCase()] as string | undefined;
      const mac = parseSignature(header(SIGNATURE_HEADER));
      const timestamp = parseTimestamp(header(TIMESTAMP_HEADER));
      const id = parseDeliveryId(header(DELIVERY_HEADER));
      const fresh = timestamp !== undefined && Math.abs(Date.now() / 1000 - timestamp) < 5;
      const check =
        mac && id !== undefined && timestamp !== undefined && fresh
          ? verifySignature(SECRET, mac, buildSignedPayload(timestamp, id, raw))
          : Promise.resolve(false);
      void check.then((valid) => {
        stats.posts++;
        if (id !== undefined) deliveryIds.push(id);
        if (!valid || req.headers['content-type'] !== 'application/json') {
          stats.badSignatures++;
          return res.writeHead(401).end();
        }
        if (stats.posts <= (opts.refuseFirst ?? 0)) {
          stats.refused++;
          return res.writeHead(503).end();
        }
        events.push(
          ...(JSON.parse(new TextDecoder().decode(raw)) as { events: Received[] }).events,
        );
        res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`,
    events,
    deliveryIds,
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

async function setUp(
  opts: {
    refuseFirst?: number;
    watchWindow?: number;
    fetch?: (kube: { blocked: boolean }) => (url: string, init: RequestInit) => Promise<Response>;
  } = {},
) {
  const cluster: DevCluster = await startDevCluster({
    simulate: false,
    ...(opts.watchWindow ? { watchWindow: opts.watchWindow } : {}),
  });
  cleanup.push(() => cluster.close());
  const receiver = await startReceiver(opts);
  cleanup.push(receiver.close);
  const gate = { blocked: false };
  const kube = new KubeClient({
    server: cluster.url,
    ...(opts.fetch ? { fetch: opts.fetch(gate) } : {}),
  });
  const writer = new KubeClient({ server: cluster.url });
  const start = (): Relay => {
    const relay = startRelay({
      kube,
      target: receiver.url,
      secret: SECRET,
      namespaces: ['default'],
      resources: ['/api/v1/configmaps'],
      batchMs: 20,
      retry: { minMs: 20, maxMs: 100 },
    });
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
    expect(receiver.seen()).toEqual(
      new Set(['ADDED existing', 'ADDED fresh', 'MODIFIED fresh', 'DELETED fresh']),
    );
    expect(receiver.stats.badSignatures).toBe(0);
    // List items carry no kind; the relay fills it from the list so the hook can map it.
    expect(
      receiver.events.every((e) => e.object.kind === 'ConfigMap' && e.object.apiVersion === 'v1'),
    ).toBe(true);
    expect(receiver.events.length).toBeGreaterThan(receiver.stats.posts - 1);
  });

  it('keeps events through a receiver answering 503 and delivers every one', async () => {
    const { receiver, writer, start } = await setUp({ refuseFirst: 3 });
    const relay = start();
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const n of names) await writer.create(CM, { metadata: { name: n }, data: { v: '1' } });
    await writer.mergePatch(`${CM}/c`, { data: { v: '2' } });
    await writer.mergePatch(`${CM}/c`, { data: { v: '3' } });
    await until(
      () =>
        names.every((n) => receiver.seen().has(`ADDED ${n}`)) && receiver.seen().has('MODIFIED c'),
    );
    expect(receiver.stats.refused).toBe(3);
    expect(receiver.stats.badSignatures).toBe(0);
    // Each attempt, retries included, is signed afresh under a new delivery id.
    expect(new Set(receiver.deliveryIds).size).toBe(receiver.stats.posts);
    const latestC = receiver.events
      .filter((e) => e.type === 'MODIFIED' && e.object.metadata.name === 'c')
      .at(-1);
    const live = await writer.get<{ metadata: { resourceVersion: string } }>(`${CM}/c`);
    expect(latestC?.object.metadata.resourceVersion).toBe(live.metadata.resourceVersion);
    // Its counters say the same: three refused deliveries, everything delivered in the end.
    expect(relay.stats.deliveriesFailed).toBe(3);
    expect(relay.stats.eventsDelivered).toBe(receiver.events.length);
    expect(relay.stats.queueDepth).toBe(0);
  });

  it('lists again after its resourceVersion expires, reporting what vanished meanwhile as DELETED', async () => {
    const lists: string[] = [];
    const { receiver, writer, gate, start } = await setUp({
      watchWindow: 20,
      fetch: (g) => (url, init) => {
        if (!url.includes('watch=true')) lists.push(url);
        return g.blocked && url.includes('watch=true')
          ? Promise.reject(new Error('network down'))
          : fetch(url, init);
      },
    });
    await writer.create(CM, { metadata: { name: 'doomed' } });
    gate.blocked = true;
    start();
    await until(() => receiver.seen().has('ADDED doomed'));
    await writer.delete(`${CM}/doomed`);
    for (let i = 0; i < 25; i++) await writer.create(CM, { metadata: { name: `churn-${i}` } });
    gate.blocked = false;
    await until(
      () => receiver.seen().has('DELETED doomed') && receiver.seen().has('ADDED churn-24'),
    );
    expect(lists).toHaveLength(2);
  });

  it('is taken by the real hook: signed, timestamped deliveries become hints', async () => {
    const cluster: DevCluster = await startDevCluster({ simulate: false });
    cleanup.push(() => cluster.close());
    const hints: Hint[][] = [];
    const logs: string[] = [];
    const app = buildApp({
      runtime: 'node',
      version: 't',
      kubeHook: {
        secret: ['old-secret', SECRET],
        onHints: (h) => Promise.resolve(void hints.push(h)),
        log: (l) => logs.push(l),
      },
    });
    const listener = getRequestListener(app.fetch);
    const server = createServer((req, res) => void listener(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise((r) => server.close(r)));
    const writer = new KubeClient({ server: cluster.url });
    const relay = startRelay({
      kube: new KubeClient({ server: cluster.url }),
      target: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`,
      secret: SECRET,
      namespaces: ['default'],
      resources: ['/api/v1/services'],
      batchMs: 20,
      retry: { minMs: 20, maxMs: 100 },
    });
    cleanup.push(() => relay.stop());
    await writer.create('/api/v1/namespaces/default/services', {
      metadata: { name: 'shop-canary', annotations: { [ANNOTATIONS.managedBy]: 'shop' } },
      spec: { ports: [{ port: 80 }] },
    });
    await until(() => hints.flat().some((h) => h.kind === 'Rollout' && h.name === 'shop'));
    expect(logs).toEqual([]);
  });
});
