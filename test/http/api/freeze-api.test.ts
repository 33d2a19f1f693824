import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadStopSwitches } from '../../../src/controller/stop-switch-store.js';
import { isoTime } from '../../../src/domain/time.js';
import { startWorld, type World } from '../../controller/world.js';
import { createSwitchNamespace } from '../../controller/stop-switch-support.js';
import { apiApp, call } from './support.js';

// PUT/GET/DELETE /api/v1/freeze (issue 21 §5) over a devcluster: behind the bearer guard, the
// switch records who (X-Rollouts-Actor) and why, and a Rollout it covers holds until cleared.
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  await createSwitchNamespace(w);
});
afterEach(() => w.close());

describe('/api/v1/freeze', () => {
  it('needs the bearer token', async () => {
    const res = await apiApp(w).request('/api/v1/freeze', { method: 'PUT', body: '{}' });
    expect(res.status).toBe(401);
    expect(await loadStopSwitches(w.kube)).toEqual([]);
  });

  it('PUT sets a namespace switch recording who and why; GET lists it; DELETE clears it', async () => {
    const app = apiApp(w);
    const put = await call(
      app,
      'PUT',
      '/api/v1/freeze',
      { namespace: 'shop', reason: 'incident 42' },
      { 'x-rollouts-actor': 'alice' },
    );
    const stored = {
      scope: 'namespace',
      namespace: 'shop',
      by: 'api:alice',
      reason: 'incident 42',
      at: isoTime(w.h.clock.now()),
    };
    expect(put).toEqual({ status: 200, body: { stopSwitch: stored } });
    expect(await call(app, 'GET', '/api/v1/freeze')).toEqual({
      status: 200,
      body: { stopSwitches: [stored] },
    });
    expect((await call(app, 'DELETE', '/api/v1/freeze?namespace=shop')).body).toEqual({
      cleared: true,
      scope: 'namespace',
      namespace: 'shop',
    });
    expect(await loadStopSwitches(w.kube)).toEqual([]);
    expect((await call(app, 'DELETE', '/api/v1/freeze')).body).toEqual({
      cleared: false,
      scope: 'fleet',
    });
  });

  it.each([[{ namespace: 'Not A Name' }], [{ namespace: 7 }], [{ reason: ['x'] }]])(
    'rejects %j with 400 and stores nothing',
    async (body) => {
      const r = await call(apiApp(w), 'PUT', '/api/v1/freeze', body);
      expect(r.status).toBe(400);
      expect(await loadStopSwitches(w.kube)).toEqual([]);
    },
  );

  it('a fleet freeze holds a canary past its timed pause; DELETE lets it complete', async () => {
    const app = apiApp(w);
    await w.deploy({ steps: [{ setWeight: 20 }, { pause: { duration: 10 } }, { setWeight: 60 }] });
    await w.setImage('registry.example/shop:v2');
    await w.advance(3_000);
    expect((await call(app, 'PUT', '/api/v1/freeze', { reason: 'release freeze' })).status).toBe(
      200,
    );
    await w.advance(20_000, 1_000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    expect((await w.rollout()).status?.message).toMatch(/^StopSwitchHold: .*set by api since/);
    await call(app, 'DELETE', '/api/v1/freeze');
    await w.advance(10_000, 1_000);
    const done = await w.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
  });
});
