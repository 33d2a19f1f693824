import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import type { Rollout } from '../../../src/domain/index.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, call, failingKube, pausedMidRollout } from './support.js';

// The dashboard's REST API (spec §5) over a devcluster whose controller is driven by the world:
// reads return the rollout views; writes must leave exactly what the upstream plugin writes (§1.8).

let w: World;
const base = '/api/v1/rollouts/default';

describe('reading rollouts', () => {
  beforeAll(async () => {
    w = await startWorld('shop');
    await pausedMidRollout(w);
  });
  afterAll(() => w.close());

  it('refuses requests without the bearer token', async () => {
    const res = await apiApp(w).request(`${base}/info`);
    expect(res.status).toBe(401);
  });

  it('lists the namespace and all namespaces with status, step and weight', async () => {
    const app = apiApp(w);
    for (const ns of ['default', '_all']) {
      const res = await call(app, 'GET', `/api/v1/rollouts/${ns}/info`);
      expect(res.status).toBe(200);
      expect(res.body.rollouts).toHaveLength(1);
      // Paused at the pause step after setWeight 20: index 1 of 8 steps (spec §1.9, §5).
      expect(res.body.rollouts[0]).toMatchObject({
        name: 'shop',
        namespace: 'default',
        strategy: 'Canary',
        status: 'Paused',
        message: 'CanaryPauseStep',
        step: '1/8',
        setWeight: 20,
        desired: 5,
      });
    }
    expect((await call(app, 'GET', '/api/v1/rollouts/kube-system/info')).body).toEqual({
      rollouts: [],
    });
  });

  it('returns the tree of one rollout: revisions newest first, canary and stable ReplicaSets with their pods', async () => {
    const res = await call(apiApp(w), 'GET', `${base}/shop/info`);
    expect(res.status).toBe(200);
    const info = res.body;
    expect(info).toMatchObject({
      name: 'shop',
      status: 'Paused',
      icon: '॥',
      step: '1/8',
      setWeight: 20,
      actualWeight: 20,
    });
    expect(info.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const [rev2, rev1] = info.revisions;
    expect(rev2.replicaSets).toHaveLength(1);
    expect(rev2.replicaSets[0]).toMatchObject({
      canary: true,
      stable: false,
      images: ['registry.example/shop:v2'],
    });
    expect(rev2.replicaSets[0].pods).toHaveLength(1);
    expect(rev2.replicaSets[0].pods[0]).toMatchObject({ status: 'Running', ready: '1/1' });
    expect(rev1.replicaSets[0]).toMatchObject({ stable: true, canary: false });
    expect(rev1.replicaSets[0].pods).toHaveLength(4);
    expect(info.images).toEqual([
      { image: 'registry.example/shop:v1', tags: ['stable'] },
      { image: 'registry.example/shop:v2', tags: ['canary'] },
    ]);
  });

  it('answers 404 for an unknown rollout and 400 for a malformed name', async () => {
    const app = apiApp(w);
    expect(await call(app, 'GET', `${base}/nope/info`)).toEqual({
      status: 404,
      body: { error: 'NotFound', message: 'rollouts.argoproj.io "nope" not found' },
    });
    const bad = await call(app, 'GET', `${base}/Not_A_Name/info`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('BadRequest');
    expect((await call(app, 'PUT', `${base}/nope/promote`)).status).toBe(404);
  });

  it('reports the version and the namespaces', async () => {
    const app = apiApp(w);
    expect((await call(app, 'GET', '/api/v1/version')).body).toEqual({
      rolloutsVersion: '9.9.9',
      runtime: 'node',
    });
    const ns = await call(app, 'GET', '/api/v1/namespace');
    expect(ns.body.namespace).toBe('default');
    expect(ns.body.availableNamespaces).toEqual(expect.arrayContaining(['default', 'kube-system']));
  });

  it('streams the info as server-sent events, once per change', async () => {
    const app = apiApp(w, w.kube, { watchIntervalMs: 5, watchMaxPolls: 4 });
    const res = await call(app, 'GET', `${base}/shop/info/watch`);
    expect(res.status).toBe(200);
    const events = String(res.body)
      .split('\n\n')
      .filter((e) => e.includes('data:'));
    // Nothing changed over four polls: one event.
    expect(events).toHaveLength(1);
    expect(events[0]).toContain('event: info');
    const data = JSON.parse(/data: (.*)/.exec(events[0] ?? '')?.[1] ?? '{}') as {
      name?: string;
      status?: string;
    };
    expect(data).toMatchObject({ name: 'shop', status: 'Paused' });
    const list = await call(app, 'GET', '/api/v1/rollouts/_all/info/watch');
    expect(String(list.body)).toContain('"rollouts":[{');
    expect((await call(app, 'GET', `${base}/nope/info/watch`)).status).toBe(404);
  });

  it('maps Kubernetes failures: forbidden stays 403, an unreachable API is 502', async () => {
    const forbidden = await call(
      apiApp(
        w,
        failingKube(403, 'Forbidden', 'rollouts.argoproj.io is forbidden: User "x" cannot list'),
      ),
      'GET',
      `${base}/info`,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toContain('cannot list');
    const down = await call(
      apiApp(w, new KubeClient({ server: 'http://127.0.0.1:1', timeoutMs: 2000 })),
      'GET',
      `${base}/shop/info`,
    );
    expect(down.status).toBe(502);
    expect(down.body.message).toContain('unreachable');
  });
});

describe('operations write what the plugin writes', () => {
  beforeEach(async () => {
    w = await startWorld('shop');
    await pausedMidRollout(w);
  });
  afterEach(() => w.close());

  const rollout = () => w.rollout();

  it('promote clears the pause conditions only; the controller then moves to the next step', async () => {
    const before = await rollout();
    const res = await call(
      apiApp(w),
      'PUT',
      `${base}/shop/promote`,
      {},
      { 'x-rollouts-actor': 'alice' },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ operation: 'promote', outcome: 'done' });
    const after = await rollout();
    expect(after.status?.pauseConditions).toBeUndefined();
    expect(after.status?.currentStepIndex).toBe(1);
    expect(after.spec).toEqual(before.spec);
    // The pause step is done; setWeight 40 then completes once the second canary pod is available.
    await w.settle();
    expect((await rollout()).status?.currentStepIndex).toBe(2);
    await w.advance(2000);
    expect((await rollout()).status).toMatchObject({ currentStepIndex: 3 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
    const events = (
      await w.kube.list<{ reason: string; message: string }>('/api/v1/namespaces/default/events')
    ).items.filter((e) => e.reason === 'PromoteRequested');
    expect(events).toHaveLength(1);
    expect(events[0]?.message).toContain(
      'promote requested by api:alice (PUT /api/v1/rollouts/default/shop/promote)',
    );
  });

  it('promote --full (body or query) writes status.promoteFull; the rollout then becomes Healthy', async () => {
    expect((await call(apiApp(w), 'PUT', `${base}/shop/promote?full=true`)).status).toBe(200);
    expect((await rollout()).status?.promoteFull).toBe(true);
    await w.advance(4000);
    expect((await rollout()).status?.phase).toBe('Healthy');
    const again = await call(apiApp(w), 'PUT', `${base}/shop/promote`, { full: true });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      error: 'Refused',
      message: 'rollout shop is already fully promoted',
    });
    expect((await call(apiApp(w), 'PUT', `${base}/shop/promote`, { full: 'yes' })).status).toBe(
      400,
    );
  });

  it('abort writes status.abort=true (Degraded), retry writes abort=false', async () => {
    const app = apiApp(w);
    expect((await call(app, 'PUT', `${base}/shop/abort`)).status).toBe(200);
    expect((await rollout()).status?.abort).toBe(true);
    await w.advance(2000);
    expect((await rollout()).status?.phase).toBe('Degraded');
    // A second abort is written as the plugin writes it (issue 19), with a warning.
    const again = await call(app, 'PUT', `${base}/shop/abort`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      operation: 'abort',
      outcome: 'done',
      warning: 'rollout shop is already aborted',
    });
    expect((await call(app, 'PUT', `${base}/shop/retry`)).status).toBe(200);
    expect((await rollout()).status?.abort).toBe(false);
  });

  it('pause and resume write spec.paused; restart writes spec.restartAt = now + in, in whole seconds', async () => {
    const app = apiApp(w);
    expect((await call(app, 'PUT', `${base}/shop/pause`)).status).toBe(200);
    expect((await rollout()).spec.paused).toBe(true);
    expect((await call(app, 'PUT', `${base}/shop/pause`)).status).toBe(409);
    expect((await call(app, 'PUT', `${base}/shop/resume`)).status).toBe(200);
    expect((await rollout()).spec.paused).toBe(false);
    const now = w.h.clock.now();
    expect((await call(app, 'PUT', `${base}/shop/restart`, { in: '30s' })).status).toBe(200);
    const expected = new Date(Math.floor((now + 30_000) / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    expect((await rollout()).spec.restartAt).toBe(expected);
    expect((await call(app, 'PUT', `${base}/shop/restart?in=soon`)).status).toBe(400);
  });

  it('set image edits the container image in spec.template (path and JSON forms)', async () => {
    const app = apiApp(w);
    const image = (ro: Rollout) =>
      (ro.spec.template?.spec?.containers as Array<{ name: string; image: string }>)[0];
    expect(
      (
        await call(
          app,
          'PUT',
          `${base}/shop/set/web/${encodeURIComponent('registry.example/shop')}/v3`,
        )
      ).status,
    ).toBe(200);
    expect(image(await rollout())).toEqual({ name: 'web', image: 'registry.example/shop:v3' });
    expect(
      (
        await call(app, 'PUT', `${base}/shop/set`, {
          container: '*',
          image: 'registry.example/shop:v4',
        })
      ).status,
    ).toBe(200);
    expect(image(await rollout())).toEqual({ name: 'web', image: 'registry.example/shop:v4' });
    const missing = await call(app, 'PUT', `${base}/shop/set`, { container: 'nope', image: 'x:1' });
    expect(missing).toEqual({
      status: 409,
      body: { error: 'Refused', message: 'unable to find container named "nope"' },
    });
    expect(
      (await call(app, 'PUT', `${base}/shop/set`, { container: 'web', image: 'has space' })).status,
    ).toBe(400);
    expect((await call(app, 'PUT', `${base}/shop/set`, '{not json')).status).toBe(400);
  });

  it('undo puts the template of the revision back, without the hash label', async () => {
    const app = apiApp(w);
    const res = await call(app, 'PUT', `${base}/shop/undo/1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ operation: 'undo', outcome: 'done', revision: 1 });
    const ro = await rollout();
    expect(ro.spec.template).toEqual({
      metadata: { labels: { app: 'shop' } },
      spec: expect.objectContaining({
        containers: [expect.objectContaining({ name: 'web', image: 'registry.example/shop:v1' })],
      }),
    });
    expect(ro.spec.template?.metadata?.labels).not.toHaveProperty('rollouts-pod-template-hash');
    const skipped = await call(app, 'PUT', `${base}/shop/undo/1`);
    expect(skipped.body).toMatchObject({
      outcome: 'skipped',
      reason: 'skipped rollback (current template already matches revision 1)',
    });
    expect(await call(app, 'PUT', `${base}/shop/undo/99`)).toEqual({
      status: 409,
      body: { error: 'Refused', message: 'unable to find specified revision 99 in history' },
    });
    expect((await call(app, 'PUT', `${base}/shop/undo/-1`)).status).toBe(400);
  });
});
