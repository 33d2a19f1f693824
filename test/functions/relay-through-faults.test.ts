import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay } from '../../functions/relay.js';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { startDevCluster } from '../../src/devcluster/index.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { waitFor } from '../support/wait-for.js';

const CM = '/api/v1/namespaces/default/configmaps';
type Delivered = { type: string; object: { metadata: { name: string; resourceVersion?: string } } };

let cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** A hook that takes every delivery (signatures are relay.test.ts's business). */
async function startCollector(): Promise<{ url: string; events: Delivered[] }> {
  const events: Delivered[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push(
        ...(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: Delivered[] }).events,
      );
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise((r) => server.close(r)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`, events };
}

describe('the relay behind a faulty API', () => {
  it(
    're-watches after broken and refused watches and delivers the latest version of every change',
    { timeout: 60_000 },
    async () => {
      const cluster = await startDevCluster({ simulate: false });
      cleanup.push(() => cluster.close());
      // Half of all requests fail: watches cut mid-stream, lists and watches refused with 5xx.
      const watchFaults: string[] = [];
      const onFault = (fault: string, _method: string, path: string) =>
        void (/[?&]watch=true/.test(path) && watchFaults.push(fault));
      const proxy = await startFaultProxy({
        target: cluster.url,
        rate: 0.5,
        seed: 7,
        kinds: ['drop', '500', '503'],
        onFault,
      });
      cleanup.push(() => proxy.close());
      const hook = await startCollector();
      const relay = startRelay({
        kube: new KubeClient({ server: proxy.url }),
        target: hook.url,
        secret: 's',
        namespaces: ['default'],
        resources: ['/api/v1/configmaps'],
        batchMs: 20,
        retry: { minMs: 20, maxMs: 200 },
        watchTimeoutSeconds: 1,
      });
      cleanup.push(() => relay.stop());
      const writer = new KubeClient({ server: cluster.url });
      const latest = new Map<string, string>();
      // Spread over a few seconds: the server ends each watch after 1 s, so the relay watches again and again.
      for (let i = 0; i < 30; i++) {
        const name = `cm-${i % 5}`;
        const written = await (i < 5
          ? writer.create<{ metadata: { resourceVersion: string } }>(CM, {
              metadata: { name },
              data: { i: String(i) },
            })
          : writer.mergePatch<{ metadata: { resourceVersion: string } }>(`${CM}/${name}`, {
              data: { i: String(i) },
            }));
        latest.set(name, written.metadata.resourceVersion);
        await new Promise((r) => setTimeout(r, 150));
      }
      const delivered = (name: string, rv: string) =>
        hook.events.some(
          (e) => e.object.metadata.name === name && e.object.metadata.resourceVersion === rv,
        );
      await waitFor(() => [...latest].every(([name, rv]) => delivered(name, rv)), 30_000);
      // Watches were cut mid-stream and refused along the way, and the relay came back each time.
      expect(watchFaults).toContain('drop');
      expect(watchFaults.filter((f) => f !== 'drop').length).toBeGreaterThan(0);
    },
  );
});
