import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const deploy = (spec: Parameters<typeof aCanaryRollout>[1] = {}) => w.deploy(spec);
const setImage = (image: string) => w.setImage(image);
const statusPatch = (status: Record<string, unknown>) => w.statusPatch(status);
const specPatch = (spec: Record<string, unknown>) => w.specPatch(spec);

describe('abort and retry', () => {
  it('abort returns pods to stable (Degraded, RolloutAborted); retry starts again at step 0', async () => {
    await deploy();
    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });

    await statusPatch({ abort: true });
    await w.advance(3000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true, currentStepIndex: 0 });
    expect(ro.status?.message).toMatch(/^RolloutAborted: Rollout aborted update to revision 2/);
    expect(ro.status?.abortedAt).toBeTruthy();
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });

    await statusPatch({ abort: false });
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    expect(ro.status?.abortedAt).toBeUndefined();
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
  });

  it('points the canary Service back at stable on abort', async () => {
    await w.h.req('POST', '/api/v1/namespaces/default/services', {
      metadata: { name: 'shop-canary' },
      spec: { selector: { app: 'shop' }, ports: [{ port: 80 }] },
    });
    await w.h.req('POST', '/api/v1/namespaces/default/services', {
      metadata: { name: 'shop-stable' },
      spec: { selector: { app: 'shop' }, ports: [{ port: 80 }] },
    });
    const ro = aCanaryRollout('shop');
    Object.assign(ro.spec.strategy.canary, {
      canaryService: 'shop-canary',
      stableService: 'shop-stable',
    });
    await w.h.req('POST', RO, ro);
    await w.settle();
    await w.advance(3000);
    const v1 = (await w.rollout()).status?.stableRS;
    const selector = async (svc: string) =>
      (await w.h.req('GET', `/api/v1/namespaces/default/services/${svc}`)).body.spec.selector[
        'rollouts-pod-template-hash'
      ];
    expect(await selector('shop-stable')).toBe(v1);
    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    expect(await selector('shop-canary')).toBe(v2);
    expect(await selector('shop-stable')).toBe(v1);
    const svc = (await w.h.req('GET', '/api/v1/namespaces/default/services/shop-canary')).body;
    expect(svc.metadata.annotations['argo-rollouts.argoproj.io/managed-by-rollouts']).toBe('shop');
    await statusPatch({ abort: true });
    await w.advance(2000);
    expect(await selector('shop-canary')).toBe(v1);
  });
});

describe('promote --full, spec.paused, template back to stable', () => {
  it('promote --full skips the remaining steps', async () => {
    await deploy();
    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    await statusPatch({ promoteFull: true });
    await w.advance(4000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(ro.status?.promoteFull).toBeUndefined();
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('spec.paused halts scaling and steps until unpaused', async () => {
    await deploy();
    await specPatch({ paused: true });
    await setImage('registry.example/shop:v2');
    await w.advance(5000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'manually paused' });
    expect(ro.status?.conditions?.find((c) => c.type === 'Paused')?.status).toBe('True');
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    await specPatch({ paused: false });
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
    });
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
  });

  it('going back to the stable template mid-update skips the steps', async () => {
    await deploy();
    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    await setImage('registry.example/shop:v1');
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('3');
  });
});

describe('failures', () => {
  it('a bad image never becomes stable and the progress deadline marks the Rollout Degraded', async () => {
    await deploy({ progressDeadlineSeconds: 20 });
    const stable = (await w.rollout()).status?.stableRS;
    await setImage('registry.example/shop:bad');
    await w.advance(10_000, 1000);
    expect((await w.rollout()).status?.phase).toBe('Progressing');
    await w.advance(15_000, 1000);
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toMatch(
      /^ProgressDeadlineExceeded: ReplicaSet "shop-\w+" has timed out progressing\./,
    );
    expect(ro.status?.stableRS).toBe(stable);
    expect(ro.status?.abort).toBeUndefined();
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
  });

  it('with progressDeadlineAbort the deadline aborts back to stable', async () => {
    await deploy({ progressDeadlineSeconds: 20, progressDeadlineAbort: true });
    await setImage('registry.example/shop:bad');
    await w.advance(30_000, 1000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true });
    // Upstream's abort message names the timed-out ReplicaSet (found by test/upstream/differential).
    expect(ro.status?.message).toMatch(
      /^RolloutAborted: Rollout aborted update to revision 2: ReplicaSet "shop-\w+" has timed out progressing\.$/,
    );
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('a malformed Rollout gets the upstream InvalidSpec message and nothing else happens', async () => {
    const bad = aCanaryRollout('shop', { steps: [{ setWeight: 120 }] });
    await w.h.req('POST', RO, bad);
    await w.settle();
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.conditions?.find((c) => c.type === 'InvalidSpec')).toMatchObject({
      status: 'True',
      reason: 'InvalidSpec',
    });
    expect(ro.status?.message).toContain('SetWeight needs to be between 0 and 100');
    expect(await w.replicaSets()).toHaveLength(0);
    await specPatch({ strategy: { canary: { steps: [{ setWeight: 20 }] } } });
    await w.advance(3000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
  });
});
