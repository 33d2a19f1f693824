import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createController, type Controller } from '../../src/controller/controller.js';
import type { Rollout } from '../../src/domain/index.js';
import { buildApp } from '../../src/http/app.js';
import { signDelivery } from '../../src/http/hooks/index.js';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

const SECRET = 'test-secret';
let w: World;
let controller: Controller;
let reconciles: number;
let deliveries = 0;

/** The relay's shape of a watch event: identity and version, no spec or status. */
const eventOf = (ro: Rollout) => ({
  type: 'MODIFIED',
  object: {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: ro.metadata.name,
      namespace: 'default',
      uid: ro.metadata.uid,
      resourceVersion: ro.metadata.resourceVersion,
    },
  },
});

async function deliver(event: object): Promise<{ accepted: number }> {
  const app = buildApp({
    runtime: 'node',
    version: 'test',
    kubeHook: {
      secret: SECRET,
      onHints: (h) => controller.onHints(h),
      isEcho: (e) => controller.isOwnEcho(e),
    },
  });
  const body = JSON.stringify(event);
  const signed = await signDelivery(SECRET, body, {
    timestamp: Math.floor(Date.now() / 1000),
    deliveryId: `echo-delivery-${++deliveries}`,
  });
  const res = await app.request('/hooks/kube', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...signed },
  });
  expect(res.status).toBe(202);
  const answer = (await res.json()) as { accepted: number };
  await controller.scheduler.idle();
  return answer;
}

beforeEach(async () => {
  w = await startWorld('shop');
  await w.h.req('POST', RO, aCanaryRollout('shop', { replicas: 10 }));
  await w.settle();
  await w.advance(2000);
  await w.setImage('registry.example/shop:v2');
  await w.advance(4000);
  reconciles = 0;
  controller = createController({
    kube: w.kube,
    fetch: () => Promise.reject(new Error('this test measures no metrics')),
    timers: {
      now: () => w.h.clock.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
    onReconciled: () => void reconciles++,
  });
});
afterEach(async () => {
  controller.stop();
  await w.close();
});

describe('watch echoes of our own writes', () => {
  it('a promote wakes the Rollout; the echo of the step it then writes does not; the next change by anyone else does', async () => {
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    // A promote, as the plugin writes it: someone else's change, at a version we never wrote.
    await w.statusPatch({ pauseConditions: null });
    expect(await deliver(eventOf(await w.rollout()))).toEqual({ accepted: 1, events: 1 });
    const stepped = await w.rollout();
    expect(stepped.status?.currentStepIndex).toBe(2);
    const afterPromote = reconciles;
    expect(afterPromote).toBeGreaterThanOrEqual(1);

    // The watch echo of our own status write: the scheduler already looked again after it.
    expect(await deliver(eventOf(stepped))).toEqual({ accepted: 0, events: 1 });
    expect(reconciles).toBe(afterPromote);

    // Anyone else's write to the same Rollout is a new version, and wakes it.
    await w.specPatch({ paused: true });
    const paused = await w.rollout();
    expect(paused.metadata.resourceVersion).not.toBe(stepped.metadata.resourceVersion);
    expect(await deliver(eventOf(paused))).toEqual({ accepted: 1, events: 1 });
    expect(reconciles).toBeGreaterThan(afterPromote);
    const observed = (await w.rollout()).status;
    expect(observed?.phase).toBe('Paused');
    expect(observed?.observedGeneration).toBe(String(paused.metadata.generation));
  });

  it('a deletion is never an echo', async () => {
    const ro = await w.rollout();
    expect(await deliver({ ...eventOf(ro), type: 'DELETED' })).toEqual({ accepted: 1, events: 1 });
  });
});
