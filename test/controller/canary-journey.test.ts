import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aCanaryRollout, startWorld, type World } from './world.js';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await w.h.req('POST', RO, aCanaryRollout('shop'));
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
/** What `kubectl argo rollouts promote` writes when paused at a pause step (spec §1.8). */
const promote = () =>
  w.h.req(
    'PATCH',
    `${RO}/shop/status`,
    { status: { pauseConditions: null } },
    'application/merge-patch+json',
  );

describe('canary journey (the upstream rollout-canary example shape)', () => {
  it('deploys the first revision straight to stable and Healthy', async () => {
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      currentStepIndex: 8,
      stableRS: ro.status?.currentPodHash,
      observedGeneration: String(ro.metadata.generation),
      availableReplicas: 5,
    });
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('walks 20% → pause → promote → 40/60/80% with timed pauses → stable with 5 pods', async () => {
    await setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(3000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
    });
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    expect(ro.status?.conditions?.find((c) => c.type === 'Paused')?.status).toBe('True');

    await promote();
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });

    await w.advance(11_000);
    ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(5);
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });

    await w.advance(11_000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(7);
    expect(await w.counts()).toEqual({ canary: 4, stable: 1, other: 0 });

    await w.advance(14_000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });
});
