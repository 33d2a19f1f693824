import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import { reconcileRollout } from '../../src/controller/reconcile-rollout.js';
import { aCanaryRollout, startWorld, type World } from './world.js';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await w.h.req(
    'POST',
    RO,
    aCanaryRollout('shop', { replicas: 10, maxSurge: 2, maxUnavailable: 1 }),
  );
  await w.settle();
  await w.advance(2000);
});
afterEach(() => w.close());

const setImage = (image: string) =>
  w.h.req(
    'PATCH',
    `${RO}/shop`,
    { spec: { template: { spec: { containers: [{ name: 'web', image }] } } } },
    'application/merge-patch+json',
  );
const ref = { namespace: 'default', name: 'shop' };

/** Total pods and available pods over all ReplicaSets of the Rollout. */
async function podTotals(): Promise<{ spec: number; available: number }> {
  const rss = await w.replicaSets();
  return {
    spec: rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0),
    available: rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0),
  };
}

describe('concurrent deliveries', () => {
  it('fifty concurrent reconciles of the same state advance the Rollout by exactly one step', async () => {
    await setImage('registry.example/shop:v2');
    await w.advance(4000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    await w.h.req(
      'PATCH',
      `${RO}/shop/status`,
      { status: { pauseConditions: null } },
      'application/merge-patch+json',
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        reconcileRollout({ kube: w.kube, now: () => w.h.clock.now() }, ref),
      ),
    );
    // Deliveries that loaded the same state race; the losers stop on a 409 without side effects.
    // Those that loaded after the winner see the new step (setWeight 40, pods not ready yet) and can only scale.
    expect(results.filter((r) => r.outcome === 'conflict').length).toBeGreaterThan(0);
    const stepped = results.filter(
      (r) =>
        r.outcome === 'committed' &&
        r.plan?.events.some((e) => e.reason === 'RolloutStepCompleted'),
    );
    expect(stepped).toHaveLength(1);
    const ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(2);
    const events = (
      await w.h.req(
        'GET',
        '/api/v1/namespaces/default/events?fieldSelector=reason%3DRolloutStepCompleted',
      )
    ).body.items as Array<{ message: string }>;
    expect(events.filter((e) => e.message.startsWith('Rollout step 2/8'))).toHaveLength(1);
    expect(events.filter((e) => e.message.startsWith('Rollout step 3/8'))).toHaveLength(0);
    const { spec } = await podTotals();
    expect(spec).toBeLessThanOrEqual(12);
  });
});

describe('API faults', () => {
  it('converges to the same end state through 5xx, timeouts and 409s, without skipping or repeating a step', async () => {
    let n = 0;
    let seed = 42;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    // A quarter of all requests fail: a 503, a network timeout, or a 409 Conflict.
    const faulty = new KubeClient({
      server: w.h.url,
      timeoutMs: 2000,
      fetch: async (url, init) => {
        n++;
        if (random() < 0.25) {
          const kind = Math.floor(random() * 3);
          if (kind === 0)
            return new Response(
              JSON.stringify({
                kind: 'Status',
                code: 503,
                reason: 'ServiceUnavailable',
                message: 'injected',
              }),
              { status: 503, headers: { 'content-type': 'application/json' } },
            );
          if (kind === 1) throw new TypeError('fetch failed: injected timeout');
          return new Response(
            JSON.stringify({
              kind: 'Status',
              code: 409,
              reason: 'Conflict',
              message: 'injected conflict',
            }),
            { status: 409, headers: { 'content-type': 'application/json' } },
          );
        }
        return fetch(url, init);
      },
    });
    await setImage('registry.example/shop:v2');
    const seen: number[] = [];
    const bounds: Array<{ spec: number; available: number }> = [];
    const reconcileWithFaults = async () => {
      for (let i = 0; i < 40; i++) {
        try {
          const r = await reconcileRollout({ kube: faulty, now: () => w.h.clock.now() }, ref);
          await w.h.settle();
          bounds.push(await podTotals());
          const index = (await w.rollout()).status?.currentStepIndex;
          if (index !== undefined && seen[seen.length - 1] !== index) seen.push(index);
          if (r.outcome === 'unchanged') return;
        } catch {
          await w.h.settle(); // a failed reconcile is retried, as the scheduler would
        }
      }
    };
    for (let t = 0; t < 120; t++) {
      const ro = await w.rollout();
      if (
        ro.status?.phase === 'Paused' &&
        ro.status.pauseConditions?.some((c) => !('duration' in c)) &&
        ro.status.currentStepIndex === 1
      ) {
        await w.h.req(
          'PATCH',
          `${RO}/shop/status`,
          { status: { pauseConditions: null } },
          'application/merge-patch+json',
        );
      }
      const settled =
        ro.status?.observedGeneration === String(ro.metadata.generation) &&
        ro.status.phase === 'Healthy' &&
        ro.status.stableRS === ro.status.currentPodHash;
      if (settled && seen.length > 0) break;
      w.h.clock.advance(1000);
      await w.h.settle();
      await reconcileWithFaults();
    }
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await w.counts()).toEqual({ canary: 0, stable: 10, other: 0 });
    // Observed after every reconcile: each step index appears once, in order, none skipped.
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // maxSurge 2, maxUnavailable 1 over 10 replicas: never more than 12 pods wanted, never fewer than 9 available once settled.
    expect(Math.max(...bounds.map((b) => b.spec))).toBeLessThanOrEqual(12);
    expect(n).toBeGreaterThan(40);
  });
});
