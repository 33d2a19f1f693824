import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoTime } from '../../../src/domain/time.js';
import { buildApp } from '../../../src/http/app.js';
import { startWorld, type World } from '../../controller/world.js';
import {
  aFleetRelease,
  createReleases,
  failedRelease,
  minutesFrom,
  releaseHistory,
  withoutReleaseCrd,
} from '../../support/builders/release.js';
import { apiApp, call, TOKEN } from './support.js';

// GET /api/v1/releases (issue 21 §6) over a devcluster with the Release CRD: summaries newest
// first with wave and cluster states, filters, the delivery figures of a window, one release
// whole; a cluster without the CRD answers an empty list with a note.
let w: World;
let now: number;
beforeEach(async () => {
  w = await startWorld('shop');
  now = w.h.clock.now();
});
afterEach(() => w.close());

const at = (minutesAgo: number) => minutesFrom(now, -minutesAgo);

describe('GET /api/v1/releases', () => {
  it('needs the bearer token', async () => {
    expect((await apiApp(w).request('/api/v1/releases')).status).toBe(401);
  });

  it('an empty cluster answers an empty list and empty figures, not an error', async () => {
    const r = await call(apiApp(w), 'GET', '/api/v1/releases');
    expect(r.status).toBe(200);
    expect(r.body.note).toBeUndefined();
    expect(r.body.releases).toEqual([]);
    expect(r.body.figures).toMatchObject({
      periodDays: 30,
      to: isoTime(now),
      deployments: 0,
      failedChanges: 0,
      leadTime: { count: 0 },
    });
  });

  it('a cluster without the Release CRD answers 200, an empty list and a note saying so', async () => {
    await withoutReleaseCrd(async (kube) => {
      const app = apiApp(w, kube);
      const r = await call(app, 'GET', '/api/v1/releases?namespace=shop');
      expect(r.status).toBe(200);
      expect(r.body.releases).toEqual([]);
      expect(r.body.note).toMatch(/releases\.rollouts\.serverless\.dev\) is not installed/);
      expect((await call(app, 'GET', '/api/v1/releases/shop/shop-b2c3d4e')).status).toBe(404);
    });
  });

  it("reads the fleet's home cluster when one is configured, not the controller's own", async () => {
    await createReleases(w.kube, releaseHistory(now));
    await withoutReleaseCrd(async (kube) => {
      const app = buildApp({
        runtime: 'node',
        version: '9.9.9',
        apiTokens: [TOKEN],
        api: { kube, homeKube: w.kube, now: () => now },
      });
      const r = await call(app, 'GET', '/api/v1/releases?namespace=billing');
      expect(r.body.releases.map((s: { name: string }) => s.name)).toEqual(['billing-c3d4e5f']);
      expect(r.body.note).toBeUndefined();
      expect((await call(app, 'GET', '/api/v1/releases/billing/billing-c3d4e5f')).status).toBe(200);
    });
  });

  it('lists every release newest first, with phases, holds, failures and wave states', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await call(apiApp(w), 'GET', '/api/v1/releases');
    expect(r.status).toBe(200);
    expect(r.body.releases.map((s: { name: string }) => s.name)).toEqual([
      'billing-c3d4e5f',
      'shop-b2c3d4e',
      'shop-a1b2c3d',
    ]);
    const [held, failed, succeeded] = r.body.releases;
    expect(failed).toEqual({
      name: 'shop-b2c3d4e',
      namespace: 'shop',
      source: 'shop',
      commit: 'b2c3d4e5f60718293a4b5c6d7e8f901234567890',
      phase: 'Failed',
      committedAt: at(60),
      startedAt: at(58),
      finishedAt: at(30),
      failure: {
        cluster: 'prod-eu',
        namespace: 'shop',
        name: 'web',
        reason: 'the Rollout is Degraded',
        at: at(30),
      },
      waves: [
        { index: 0, state: 'passed', clusters: [{ name: 'staging', state: 'healthy' }] },
        { index: 1, state: 'failed', clusters: [{ name: 'prod-eu', state: 'failed' }] },
        {
          index: 2,
          state: 'pending',
          clusters: [
            { name: 'prod-us', state: 'pending' },
            { name: 'prod-ap', state: 'pending' },
          ],
        },
      ],
    });
    expect(held).toMatchObject({
      namespace: 'billing',
      phase: 'Held',
      heldBy: { kind: 'window', until: minutesFrom(now, 120) },
    });
    expect(held.waves.map((x: { state: string }) => x.state)).toEqual([
      'passed',
      'pending',
      'pending',
    ]);
    expect(succeeded).toMatchObject({ phase: 'Succeeded', healthyAt: at(100) });
    expect(succeeded.waves.map((x: { state: string }) => x.state)).toEqual([
      'passed',
      'passed',
      'passed',
    ]);
    // One deployment (lead time 80 min), one failed change not yet restored, within 30 days.
    expect(r.body.figures).toMatchObject({
      deployments: 1,
      leadTime: { medianSeconds: 80 * 60, count: 1 },
      failedChanges: 1,
      changeFailureRate: 0.5,
      timeToRestore: { restored: 0, unrestored: 1 },
    });
  });

  it.each([
    ['?namespace=shop', ['shop-b2c3d4e', 'shop-a1b2c3d']],
    ['?namespace=_all&source=billing', ['billing-c3d4e5f']],
    ['?source=shop&limit=1', ['shop-b2c3d4e']],
    ['?namespace=nowhere', []],
  ])('%s lists %j', async (query, names) => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await call(apiApp(w), 'GET', `/api/v1/releases${query}`);
    expect(r.status).toBe(200);
    expect(r.body.releases.map((s: { name: string }) => s.name)).toEqual(names);
  });

  it('figures cover every release of the source, not only those the limit lists', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await call(apiApp(w), 'GET', '/api/v1/releases?source=shop&limit=1');
    expect(r.body.figures).toMatchObject({ deployments: 1, failedChanges: 1 });
  });

  it('window narrows the figures: in the last hour only the failure counts', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await call(apiApp(w), 'GET', '/api/v1/releases?window=1h');
    expect(r.body.figures).toMatchObject({
      from: at(60),
      deployments: 0,
      failedChanges: 1,
      changeFailureRate: 1,
    });
    expect(r.body.releases).toHaveLength(3);
  });

  it('a release the controller has not planned yet is Pending in every wave', async () => {
    await createReleases(w.kube, [aFleetRelease({ committedAt: at(1) })]);
    const [pending] = (await call(apiApp(w), 'GET', '/api/v1/releases')).body.releases;
    expect(pending).toMatchObject({ name: 'shop-0123456', phase: 'Pending' });
    expect(pending.startedAt).toBeUndefined();
    expect(pending.waves.flatMap((x: { clusters: { state: string }[] }) => x.clusters)).toEqual([
      { name: 'staging', state: 'pending' },
      { name: 'prod-eu', state: 'pending' },
      { name: 'prod-us', state: 'pending' },
      { name: 'prod-ap', state: 'pending' },
    ]);
  });

  it.each([
    ['limit=0'],
    ['limit=abc'],
    ['limit=1001'],
    ['window=soon'],
    ['window=-1h'],
    ['window=0s'],
    ['namespace=Not_A_Name'],
    ['source=two%20words'],
  ])('rejects ?%s with 400', async (query) => {
    const r = await call(apiApp(w), 'GET', `/api/v1/releases?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('BadRequest');
  });
});

describe('GET /api/v1/releases/:namespace/:name', () => {
  it('answers the release whole: spec and status as stored', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const r = await call(apiApp(w), 'GET', '/api/v1/releases/shop/shop-b2c3d4e');
    expect(r.status).toBe(200);
    const expected = failedRelease(now);
    expect(r.body).toMatchObject({
      apiVersion: 'rollouts.serverless.dev/v1alpha1',
      kind: 'Release',
      metadata: { name: 'shop-b2c3d4e', namespace: 'shop' },
    });
    expect(r.body.spec).toEqual(expected.spec);
    expect(r.body.status).toEqual(expected.status);
  });

  it('answers 404 for a release that is not there, 400 for a malformed name', async () => {
    await createReleases(w.kube, releaseHistory(now));
    const app = apiApp(w);
    expect(await call(app, 'GET', '/api/v1/releases/billing/shop-b2c3d4e')).toEqual({
      status: 404,
      body: {
        error: 'NotFound',
        message: 'releases.rollouts.serverless.dev "shop-b2c3d4e" not found',
      },
    });
    expect((await call(app, 'GET', '/api/v1/releases/shop/Bad_Name')).status).toBe(400);
  });
});
