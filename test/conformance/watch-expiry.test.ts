import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay } from '../../src/relay/index.js';
import { kubeClientFor } from '../../src/runtime/node/index.js';
import { type Backend, realSkipReason } from '../support/backends.js';
import { COMPACTABLE, type CompactingBed, startCompactingBed } from '../support/compacting-bed.js';
import { createWatchGate } from '../support/watch-gate.js';
import { apiBackendFor, type Json, pollUntil } from './api-backends.js';

/**
 * Deliverable 5 of issue 16 on both backends: a watch whose resourceVersion left the server's
 * history answers 410 Expired, and our relay (src/relay/watch-loop.ts) lists again and carries on.
 * The real side compacts etcd itself (compacting-bed.ts), so the 410 is the API server's own.
 */

const NS = 'expiry';
const TIMEOUT_MS = 60_000;

interface Received {
  type: string;
  object: { metadata: { name: string; resourceVersion: string; labels?: Record<string, string> } };
}

/** What the relay delivers, in order. Signatures are test/http/relay.test.ts's subject, not this one's. */
async function startReceiver() {
  const events: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push(
        ...(JSON.parse(Buffer.concat(chunks).toString()) as { events: Received[] }).events,
      );
      res.writeHead(202, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/kube`,
    events,
    /** `TYPE name` of every delivered event of these names. */
    seen: (names: string[]) =>
      events
        .filter((e) => names.includes(e.object.metadata.name))
        .map((e) => `${e.type} ${e.object.metadata.name}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A watch's whole answer: its status and every line (the server ends it after an ERROR). */
async function watchAnswer(bed: CompactingBed, path: string) {
  const res = await bed.kube.fetch(path, { headers: { accept: 'application/json' } });
  const text = await res.text();
  return {
    status: res.status,
    lines: text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Json),
  };
}

/** The `Status` of a 410 as both servers send it, in a watch ERROR event or as a response body. */
function expired(message: unknown) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: 'Expired',
    code: 410,
  };
}

for (const backend of ['devcluster', 'real'] as const satisfies readonly Backend[]) {
  const skip = backend === 'real' ? realSkipReason : undefined;
  (skip ? describe.skip : describe)(
    `watch expiry [${backend}]${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      let bed: CompactingBed | undefined;
      const started = () => {
        if (!bed) throw new Error('the bed is not started');
        return bed;
      };
      beforeAll(async () => {
        bed = await startCompactingBed(backend, `watch-expiry-${backend}`);
        const created = await apiBackendFor(bed.kube).req('POST', '/api/v1/namespaces', {
          metadata: { name: NS },
        });
        expect(created.status).toBe(201);
      }, 180_000);
      afterAll(() => bed?.close(), 60_000);

      it('answers a watch from before its window with one 410 Expired ERROR event, then ends it', async () => {
        // Rollouts: a CRD, so served by the real API server's watch cache, whose window starts
        // when the CRD was installed; the devcluster's starts at its first resourceVersion.
        const answer = await watchAnswer(
          started(),
          `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts?watch=true&resourceVersion=1`,
        );
        expect(answer).toEqual({
          status: 200,
          lines: [
            {
              type: 'ERROR',
              object: expired(expect.stringMatching(/^too old resource version: 1 \(\d+\)$/)),
            },
          ],
        });
      });

      it('refuses an Exact list at a compacted resourceVersion with 410 Expired; NotOlderThan lists the present', async () => {
        const api = apiBackendFor(started().kube);
        const cms = `/api/v1/namespaces/${NS}/configmaps`;
        const created = await api.req('POST', cms, { metadata: { name: 'pinned' } });
        const rv = String(created.body.metadata.resourceVersion);
        // A later write, so the compaction (up to the newest revision, which stays) passes rv.
        await api.req('DELETE', `${cms}/pinned`);
        await started().compact();
        const exact = await api.req(
          'GET',
          `${cms}?resourceVersion=${rv}&resourceVersionMatch=Exact`,
        );
        expect({ status: exact.status, body: exact.body }).toEqual({
          status: 410,
          body: expired('The resourceVersion for the provided list is too old.'),
        });
        const notOlder = await api.req(
          'GET',
          `${cms}?resourceVersion=${rv}&resourceVersionMatch=NotOlderThan`,
        );
        expect(notOlder.status).toBe(200);
        expect(notOlder.body.items.map((i: Json) => i.metadata.name)).not.toContain('pinned');
      });

      it(
        'relay: after a gap its resourceVersion did not survive, lists again, reports what changed and vanished meanwhile, and keeps delivering',
        async () => {
          const bed = started();
          const admin = kubeClientFor(bed.kube);
          const cms = `/api/v1/namespaces/${NS}/configmaps`;
          const names = ['kept', 'changed', 'doomed', 'born', 'after'];
          for (const name of ['kept', 'changed', 'doomed'])
            await admin.create(cms, { metadata: { name } });
          const receiver = await startReceiver();
          const gate = createWatchGate();
          const relay = startRelay({
            kube: kubeClientFor(bed.kube, gate.wrap),
            target: receiver.url,
            secret: 'watch-expiry',
            namespaces: [NS],
            resources: [COMPACTABLE],
            batchMs: 20,
            retry: { minMs: 50, maxMs: 500 },
          });
          try {
            const initial = await pollUntil(
              async () => receiver.seen(names).sort(),
              (s) => s.length === 3,
              TIMEOUT_MS,
            );
            expect(initial).toEqual(['ADDED changed', 'ADDED doomed', 'ADDED kept']);
            const resumeFrom = Math.max(
              ...receiver.events.map((e) => Number(e.object.metadata.resourceVersion)),
            );

            gate.cut();
            await admin.mergePatch(`${cms}/changed`, { metadata: { labels: { step: 'two' } } });
            await admin.delete(`${cms}/doomed`);
            await admin.create(cms, { metadata: { name: 'born' } });
            await started().compact();
            // The server itself no longer replays from where the relay stopped.
            const probe = await watchAnswer(
              bed,
              `${cms}?watch=true&resourceVersion=${resumeFrom}&timeoutSeconds=5`,
            );
            expect(probe.status).toBe(200);
            expect(probe.lines).toEqual([
              {
                type: 'ERROR',
                // etcd's words on the real side (no watch cache for ConfigMaps here); the
                // devcluster words it as a watch cache does, the default the first test pins.
                object: expired(
                  backend === 'real'
                    ? 'The resourceVersion for the provided watch is too old.'
                    : expect.stringMatching(
                        new RegExp(`^too old resource version: ${resumeFrom} \\(\\d+\\)$`),
                      ),
                ),
              },
            ]);
            gate.resume();

            const across = ['MODIFIED changed', 'DELETED doomed', 'ADDED born'];
            const afterGap = await pollUntil(
              async () => receiver.seen(names).slice(3),
              (s) => across.every((e) => s.includes(e)),
              TIMEOUT_MS,
            );
            expect(afterGap.sort()).toEqual([
              'ADDED born',
              'DELETED doomed',
              'MODIFIED changed',
              'MODIFIED kept',
            ]);
            expect(relay.stats.relists).toBe(1);
            const changed = receiver.events
              .filter((e) => e.object.metadata.name === 'changed')
              .at(-1);
            expect(changed?.object.metadata.labels).toEqual({ step: 'two' });

            await admin.create(cms, { metadata: { name: 'after' } });
            const last = await pollUntil(
              async () => receiver.seen(names).at(-1),
              (s) => s === 'ADDED after',
              TIMEOUT_MS,
            );
            expect(last).toBe('ADDED after');
            expect(relay.stats.relists).toBe(1);
          } finally {
            gate.resume();
            await relay.stop();
            await receiver.close();
          }
        },
        2 * TIMEOUT_MS,
      );
    },
  );
}
