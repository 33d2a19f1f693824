import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplicaSet } from '../../src/domain/index.js';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const deploy = (spec: Parameters<typeof aCanaryRollout>[1] = {}) => w.deploy(spec);
const setImage = (image: string) => w.setImage(image);
const promoteFull = () => w.statusPatch({ promoteFull: true });
const rev = (rs: ReplicaSet) => rs.metadata.annotations?.['rollout.argoproj.io/revision'];
const image = (rs: ReplicaSet) =>
  (rs.spec.template?.spec?.containers as Array<{ image: string }> | undefined)?.[0]?.image;

describe('undo and revision history', () => {
  it('undo re-uses the old ReplicaSet with a bumped revision and its history', async () => {
    await deploy();
    await setImage('registry.example/shop:v2');
    await w.advance(2000);
    await promoteFull();
    await w.advance(4000);
    // What `kubectl argo rollouts undo` writes: the previous revision's template.
    await setImage('registry.example/shop:v1');
    await w.advance(2000);
    await promoteFull();
    await w.advance(4000);
    const rss = await w.replicaSets();
    expect(rss).toHaveLength(2);
    const v1 = rss.find((rs) => image(rs) === 'registry.example/shop:v1')!;
    expect(rev(v1)).toBe('3');
    expect(v1.metadata.annotations?.['rollout.argoproj.io/revision-history']).toBe('1');
    expect(v1.spec.replicas).toBe(5);
    const ro = await w.rollout();
    expect(ro.metadata.annotations?.['rollout.argoproj.io/revision']).toBe('3');
    expect(ro.status?.phase).toBe('Healthy');
  });

  it('keeps at most revisionHistoryLimit old ReplicaSets', async () => {
    await deploy(); // revisionHistoryLimit 2
    for (const v of ['v2', 'v3', 'v4', 'v5']) {
      await setImage(`registry.example/shop:${v}`);
      await w.advance(2000);
      await promoteFull();
      await w.advance(4000);
    }
    await w.advance(2000);
    const images = (await w.replicaSets()).map(image).sort();
    expect(images).toEqual([
      'registry.example/shop:v3',
      'registry.example/shop:v4',
      'registry.example/shop:v5',
    ]);
  });
});

describe('rolling update (canary without steps)', () => {
  it('replaces all pods within maxSurge / maxUnavailable and completes with no steps', async () => {
    await deploy({ replicas: 4, steps: [], maxSurge: 1, maxUnavailable: 0 });
    await setImage('registry.example/shop:v2');
    const totals: number[] = [];
    for (let i = 0; i < 20; i++) {
      await w.advance(500, 500);
      totals.push((await w.replicaSets()).reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0));
    }
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy' });
    expect(ro.status?.currentStepIndex).toBeUndefined();
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await w.counts()).toEqual({ canary: 0, stable: 4, other: 0 });
    expect(Math.max(...totals)).toBeLessThanOrEqual(5);
  });
});

describe('rollback window', () => {
  const withWindow = async (revisions: number) => {
    const ro = aCanaryRollout('shop');
    Object.assign(ro.spec, { rollbackWindow: { revisions } });
    await w.h.req('POST', RO, ro);
    await w.settle();
    await w.advance(2000);
    for (const v of ['v2', 'v3']) {
      await setImage(`registry.example/shop:${v}`);
      await w.advance(2000);
      await promoteFull();
      await w.advance(4000);
    }
  };

  it('going back to a revision inside the window skips the steps', async () => {
    await withWindow(3);
    await setImage('registry.example/shop:v1');
    await w.advance(4000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
  });

  it('going back past the window walks the steps again', async () => {
    await withWindow(1);
    await setImage('registry.example/shop:v1');
    await w.advance(4000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  });
});

describe('scaling', () => {
  it('a replicas change mid-update rescales canary and stable without advancing a step', async () => {
    await deploy({ replicas: 4, steps: [{ setWeight: 25 }, { pause: {} }] });
    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    expect(await w.counts()).toEqual({ canary: 1, stable: 3, other: 0 });
    await w.h.req('PATCH', `${RO}/shop`, { spec: { replicas: 8 } }, 'application/merge-patch+json');
    await w.advance(3000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 6, other: 0 });
    await w.h.req('PATCH', `${RO}/shop`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(1);
    expect(await w.counts()).toEqual({ canary: 1, stable: 3, other: 0 });
  });

  it('serves the scale subresource from status (HPA, kubectl scale)', async () => {
    await deploy({ replicas: 3 });
    const scale = (await w.h.req('GET', `${RO}/shop/scale`)).body;
    expect(scale).toMatchObject({
      spec: { replicas: 3 },
      status: { replicas: 3, selector: 'app=shop' },
    });
  });
});

describe('restart', () => {
  it('evicts every pod older than restartAt, keeping availability, then records restartedAt', async () => {
    await deploy({ replicas: 3, maxUnavailable: 1, maxSurge: 0 });
    const before = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    const restartAt = new Date(w.h.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    w.h.clock.advance(1000);
    await w.h.req('PATCH', `${RO}/shop`, { spec: { restartAt } }, 'application/merge-patch+json');
    await w.settle();
    const during = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items;
    expect(
      during.filter((p: { metadata: { name: string } }) => before.includes(p.metadata.name)),
    ).toHaveLength(2);
    expect((await w.rollout()).status?.phase).toBe('Progressing');
    await w.advance(40_000, 1000);
    const after = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    expect(after).toHaveLength(3);
    expect(after.some((n: string) => before.includes(n))).toBe(false);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ restartedAt: restartAt, phase: 'Healthy' });
  });

  it('does not evict through a PodDisruptionBudget that allows no disruption', async () => {
    await deploy({ replicas: 2 });
    await w.h.req('POST', '/apis/policy/v1/namespaces/default/poddisruptionbudgets', {
      metadata: { name: 'shop' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'shop' } } },
    });
    const before = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    const restartAt = new Date(w.h.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
    w.h.clock.advance(1000);
    await w.h.req('PATCH', `${RO}/shop`, { spec: { restartAt } }, 'application/merge-patch+json');
    await w.advance(5000, 1000);
    const after = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    expect(after.sort()).toEqual(before.sort());
    expect((await w.rollout()).status?.phase).toBe('Progressing');
    expect((await w.rollout()).status?.message).toBe('rollout is restarting');
    // Without the budget the restart goes on at the next 30 s retry.
    await w.h.req('DELETE', '/apis/policy/v1/namespaces/default/poddisruptionbudgets/shop');
    await w.advance(40_000, 1000);
    const replaced = (
      await w.h.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dshop')
    ).body.items.map((p: { metadata: { name: string } }) => p.metadata.name);
    expect(replaced.some((n: string) => before.includes(n))).toBe(false);
    expect((await w.rollout()).status).toMatchObject({ restartedAt: restartAt, phase: 'Healthy' });
  });
});
