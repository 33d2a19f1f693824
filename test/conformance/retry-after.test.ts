import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchLike } from '../../src/adapters/kube/index.js';
import {
  type KubeConnection,
  kubeClientFor,
  startNodeServer,
} from '../../src/runtime/node/index.js';
import { type ApfPressure, setUpApfPressure } from '../support/apf-pressure.js';
import { realSkipReason } from '../support/backends.js';
import { aRollout } from '../support/builders/index.js';
import { type RealClusterBed, startRealClusterBed } from '../support/real-cluster-bed.js';
import { type Json, pollUntil } from './api-backends.js';

/**
 * Deliverable 5 of issue 16 against the real API server: its own 429 (API Priority and Fairness,
 * apf-pressure.ts) with `Retry-After`, honoured by our kube client and survived by our controller.
 * Real side only: the devcluster has no priority levels (its 429s come from our fault proxy,
 * test/support/fault-proxy.ts, in test/functions/relay-through-faults.test.ts and the like).
 */

const NS = 'apf';
const TIMEOUT_MS = 90_000;

interface Attempt {
  status: number;
  retryAfter: string | null;
  sentAt: number;
  answeredAt: number;
}

/**
 * Records every attempt of a client; at the first 429 it ends the pressure before handing the
 * answer on, so the client's next attempt succeeds and the time until it is the client's own wait.
 */
function recordAttempts(pressure: ApfPressure) {
  const attempts: Attempt[] = [];
  let released = false;
  const wrap =
    (inner: FetchLike): FetchLike =>
    async (url, init) => {
      const sentAt = performance.now();
      const res = await inner(url, init);
      if (res.status === 429 && !released) {
        released = true;
        await pressure.release();
      }
      const retryAfter = res.headers.get('retry-after');
      attempts.push({ status: res.status, retryAfter, sentAt, answeredAt: performance.now() });
      return res;
    };
  return { attempts, wrap };
}

const describeReal = realSkipReason ? describe.skip : describe;

describeReal(
  `429 with Retry-After from the real API server${realSkipReason ? ` (skipped: ${realSkipReason})` : ''}`,
  () => {
    let bed: RealClusterBed | undefined;
    let pressure: ApfPressure | undefined;
    const started = () => {
      if (!bed || !pressure) throw new Error('the bed is not started');
      return { bed, pressure };
    };
    beforeAll(async () => {
      bed = await startRealClusterBed('retry-after', { controller: false });
      pressure = await setUpApfPressure(bed.cluster, bed.dir, NS);
    }, 180_000);
    afterAll(async () => {
      await pressure?.release();
      await bed?.close();
    }, 60_000);

    it('refuses a request of a saturated Reject priority level: 429, Retry-After in seconds, plain text', async () => {
      const { pressure } = started();
      await pressure.hold();
      try {
        const res = await pressure.conn.fetch(`/api/v1/namespaces/${NS}/configmaps`, {
          headers: { accept: 'application/json' },
        });
        expect({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          contentType: res.headers.get('content-type'),
          body: await res.text(),
        }).toEqual({
          status: 429,
          // Whole seconds, which APF sizes from the level's recent rejections (1 s, then more).
          retryAfter: expect.stringMatching(/^[1-9]\d*$/),
          // Not a Status object: APF answers before any API handler runs.
          contentType: 'text/plain; charset=utf-8',
          body: 'Too many requests, please try again later.\n',
        });
      } finally {
        await pressure.release();
      }
    });

    it.each([
      {
        request: 'a list (repeatable)',
        send: (kube: ReturnType<typeof kubeClientFor>) =>
          kube
            .list<Json>(`/api/v1/namespaces/${NS}/serviceaccounts`)
            .then((l) => l.items.length > 0),
      },
      {
        // Not repeatable after a lost answer, but a 429 says nothing was done: sent again.
        request: 'a create with generateName (not repeatable)',
        send: (kube: ReturnType<typeof kubeClientFor>) =>
          kube
            .create<Json>(`/api/v1/namespaces/${NS}/configmaps`, {
              metadata: { generateName: 'once-' },
            })
            .then((cm) => typeof cm.metadata.name === 'string'),
      },
    ])(
      'our client waits the Retry-After it was given, then $request succeeds',
      async ({ send }) => {
        const { pressure } = started();
        await pressure.hold();
        const { attempts, wrap } = recordAttempts(pressure);
        const kube = kubeClientFor(pressure.conn, wrap);
        expect(await send(kube)).toBe(true);
        expect(attempts.map((a) => a.status)).toEqual([429, expect.any(Number)]);
        const [refused, accepted] = attempts as [Attempt, Attempt];
        expect(accepted.status).toBeLessThan(300);
        expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
        const askedMs = Number(refused.retryAfter) * 1000;
        const waitedMs = accepted.sentAt - refused.answeredAt;
        // At least what was asked (libuv timers keep whole milliseconds: 10 ms of slack), well
        // below the 15 s budget even on a loaded machine; our own backoff is 50 to 100 ms here.
        expect(waitedMs).toBeGreaterThanOrEqual(askedMs - 10);
        expect(waitedMs).toBeLessThan(askedMs + 4000);
      },
    );

    it(
      'a Rollout reconciled by our controller through a spell of 429s ends Healthy',
      async () => {
        const { bed, pressure } = started();
        const admin = kubeClientFor(bed.cluster.kube);
        const rollouts = `/apis/argoproj.io/v1alpha1/namespaces/${NS}/rollouts`;
        await admin.create(
          rollouts,
          aRollout({ name: 'steady', namespace: NS, spec: { replicas: 2 } }),
        );
        await pressure.hold();
        let refusals = 0;
        const counted: KubeConnection = {
          ...pressure.conn,
          fetch: async (path, init) => {
            const res = await pressure.conn.fetch(path, init);
            if (res.status === 429) refusals++;
            return res;
          },
        };
        const controller = await startNodeServer({ port: 0, kube: counted, log: () => undefined });
        try {
          // The start-up resync, the relay's lists and watches: each refused, each waiting.
          await pollUntil(
            async () => refusals,
            (n) => n >= 3,
            TIMEOUT_MS,
          );
          await pressure.release();
          expect(refusals).toBeGreaterThanOrEqual(3);
          const healthy = (r: Json) =>
            r?.status?.phase === 'Healthy' &&
            r.status.availableReplicas === 2 &&
            Boolean(r.status.stableRS);
          const rollout = await pollUntil(
            () => admin.get<Json>(`${rollouts}/steady`),
            healthy,
            TIMEOUT_MS,
          );
          expect(rollout.status).toMatchObject({
            phase: 'Healthy',
            replicas: 2,
            availableReplicas: 2,
          });
          const rs = await admin.get<Json>(
            `/apis/apps/v1/namespaces/${NS}/replicasets/steady-${rollout.status.stableRS}`,
          );
          expect(rs.status).toMatchObject({ replicas: 2, readyReplicas: 2 });
        } finally {
          await controller.close();
        }
      },
      2 * TIMEOUT_MS,
    );
  },
);
