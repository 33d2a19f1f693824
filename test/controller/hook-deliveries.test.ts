import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createController, type Controller } from '../../src/controller/controller.js';
import { buildApp } from '../../src/http/app.js';
import { signDelivery } from '../../src/http/hooks/index.js';
import { aCanaryRollout, startWorld, type World } from './world.js';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const SECRET = 'test-secret';
let w: World;
let controller: Controller;
beforeEach(async () => {
  w = await startWorld('shop');
  await w.h.req(
    'POST',
    RO,
    aCanaryRollout('shop', { replicas: 10, maxSurge: 2, maxUnavailable: 1 }),
  );
  await w.settle();
  await w.advance(2000);
  controller = createController({
    kube: w.kube,
    fetch: () => Promise.reject(new Error('this test measures no metrics')),
    timers: {
      now: () => w.h.clock.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
});
afterEach(async () => {
  controller.stop();
  await w.close();
});

describe('POST /hooks/kube deliveries', () => {
  it('fifty concurrent signed deliveries of the same trigger advance the Rollout by exactly one step', async () => {
    await w.h.req(
      'PATCH',
      `${RO}/shop`,
      {
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'registry.example/shop:v2' }] } },
        },
      },
      'application/merge-patch+json',
    );
    await w.advance(4000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    await w.h.req(
      'PATCH',
      `${RO}/shop/status`,
      { status: { pauseConditions: null } },
      'application/merge-patch+json',
    );

    const app = buildApp({
      runtime: 'node',
      version: 'test',
      kubeHook: { secret: SECRET, onHints: (h) => controller.onHints(h) },
    });
    const body = JSON.stringify({
      type: 'MODIFIED',
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'shop', namespace: 'default' },
      },
    });
    // Fifty distinct deliveries (a relay retrying, several relays) of the same trigger.
    const responses = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const signed = await signDelivery(SECRET, body, {
          timestamp: Math.floor(Date.now() / 1000),
          deliveryId: `delivery-${i}-of-fifty`,
        });
        return app.request('/hooks/kube', {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json', ...signed },
        });
      }),
    );
    expect(responses.every((r) => r.status === 202)).toBe(true);
    await controller.scheduler.idle();
    const ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(2);
    const events = (
      await w.h.req(
        'GET',
        '/api/v1/namespaces/default/events?fieldSelector=reason%3DRolloutStepCompleted',
      )
    ).body.items as Array<{ message: string }>;
    expect(events.filter((e) => e.message.startsWith('Rollout step 2/8'))).toHaveLength(1);
    const rss = await w.replicaSets();
    expect(rss.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0)).toBeLessThanOrEqual(12);
  });

  it('rejects a delivery with a bad signature and reconciles nothing', async () => {
    const app = buildApp({
      runtime: 'node',
      version: 'test',
      kubeHook: { secret: SECRET, onHints: (h) => controller.onHints(h) },
    });
    const body = JSON.stringify({
      type: 'MODIFIED',
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: { name: 'shop', namespace: 'default' },
      },
    });
    const forged = await signDelivery('wrong', body, {
      timestamp: Math.floor(Date.now() / 1000),
      deliveryId: 'forged-delivery-1',
    });
    const res = await app.request('/hooks/kube', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...forged },
    });
    expect(res.status).toBe(401);
  });
});
