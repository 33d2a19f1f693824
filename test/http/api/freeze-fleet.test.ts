import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import type { FleetClusters } from '../../../src/controller/fleet/fleet-clusters.js';
import {
  loadFleetStopSwitches,
  localiseStopSwitches,
} from '../../../src/controller/stop-switch-fleet.js';
import { applyStopSwitch, loadStopSwitches } from '../../../src/controller/stop-switch-store.js';
import { assessGate } from '../../../src/core/fleet/index.js';
import { isoTime } from '../../../src/domain/time.js';
import { buildApp } from '../../../src/http/app.js';
import { createSwitchNamespace } from '../../controller/stop-switch-support.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, call, TOKEN } from './support.js';

// /api/v1/freeze on the controller that holds a fleet (issue 21 §5): a switch is written into
// every cluster its scope covers, each cluster's own reconcile honours it with no new wiring, and
// a cluster not reached makes a 502 that names it while the others are written.
let eu: World;
let us: World;
beforeEach(async () => {
  [eu, us] = await Promise.all([startWorld('shop'), startWorld('shop')]);
  await Promise.all([createSwitchNamespace(eu), createSwitchNamespace(us)]);
});
afterEach(() => Promise.all([eu.close(), us.close()]));

/** A cluster that never answers: nothing listens on port 9 of loopback. */
const down = new KubeClient({ server: 'http://127.0.0.1:9', retry: false, timeoutMs: 2_000 });

function fleetOf(clients: Record<string, KubeClient>): FleetClusters {
  return {
    names: Object.keys(clients),
    kubeFor(name) {
      const kube = clients[name];
      if (!kube) throw new Error(`no cluster ${name}`);
      return kube;
    },
  };
}

function fleetApp(fleet: FleetClusters = fleetOf({ eu: eu.kube, us: us.kube })): Hono {
  return buildApp({
    runtime: 'node',
    version: '9.9.9',
    apiTokens: [TOKEN],
    api: { kube: eu.kube, fleet, now: () => eu.h.clock.now() },
  });
}

const stored = async () => ({
  eu: await loadStopSwitches(eu.kube),
  us: await loadStopSwitches(us.kube),
});
const by = () => ({ by: 'api:alice', reason: 'incident 42', at: isoTime(eu.h.clock.now()) });
const alice = { 'x-rollouts-actor': 'alice' };

describe('a fleet switch', () => {
  it('PUT {} is the fleet: written into every cluster, listed per cluster, cleared from all', async () => {
    const app = fleetApp();
    const put = await call(app, 'PUT', '/api/v1/freeze', { reason: 'incident 42' }, alice);
    const stop = { scope: 'fleet', ...by() };
    expect(put).toEqual({
      status: 200,
      body: {
        stopSwitch: stop,
        clusters: [
          { cluster: 'eu', written: true },
          { cluster: 'us', written: true },
        ],
      },
    });
    expect(await stored()).toEqual({ eu: [stop], us: [stop] });
    expect(await call(app, 'GET', '/api/v1/freeze')).toEqual({
      status: 200,
      body: {
        clusters: [
          { cluster: 'eu', stopSwitches: [stop] },
          { cluster: 'us', stopSwitches: [stop] },
        ],
      },
    });
    expect((await call(app, 'DELETE', '/api/v1/freeze?scope=fleet')).body).toEqual({
      cleared: true,
      scope: 'fleet',
      clusters: [
        { cluster: 'eu', cleared: true },
        { cluster: 'us', cleared: true },
      ],
    });
    expect(await stored()).toEqual({ eu: [], us: [] });
  });

  it.each([
    [{ cluster: 'us' }, { scope: 'cluster', cluster: 'us' }, ['us']],
    [{ namespace: 'shop' }, { scope: 'namespace', namespace: 'shop' }, ['eu', 'us']],
    [
      { cluster: 'eu', namespace: 'shop', scope: 'namespace' },
      { scope: 'namespace', cluster: 'eu', namespace: 'shop' },
      ['eu'],
    ],
  ])('PUT %j is written only where it stops', async (body, scope, where) => {
    const app = fleetApp();
    const put = await call(app, 'PUT', '/api/v1/freeze', { ...body, reason: 'incident 42' }, alice);
    expect(put.status).toBe(200);
    const stop = { ...scope, ...by() };
    expect(await stored()).toEqual({
      eu: where.includes('eu') ? [stop] : [],
      us: where.includes('us') ? [stop] : [],
    });
    const query = new URLSearchParams(body).toString();
    const del = await call(app, 'DELETE', `/api/v1/freeze?${query}`);
    expect(del.body.clusters).toEqual(where.map((cluster) => ({ cluster, cleared: true })));
    expect(await stored()).toEqual({ eu: [], us: [] });
  });

  it.each([
    [{ cluster: 'mars' }, 'no cluster "mars" in the fleet (it has eu, us)'],
    [{ cluster: 'Not A Name' }, 'invalid cluster "Not A Name": must be a lowercase DNS-1123 name'],
    [{ scope: 'cluster' }, 'scope cluster takes a cluster and no namespace'],
    [{ scope: 'fleet', namespace: 'shop' }, 'scope fleet takes neither cluster nor namespace'],
    [{ scope: 'planet' }, 'scope must be fleet, cluster or namespace, not "planet"'],
  ])('PUT %j is refused with 400 and stores nothing', async (body, message) => {
    const r = await call(fleetApp(), 'PUT', '/api/v1/freeze', body);
    expect(r).toEqual({ status: 400, body: { error: 'BadRequest', message } });
    expect(await stored()).toEqual({ eu: [], us: [] });
  });

  it('without a fleet, naming a cluster is refused and the one-cluster answers are unchanged', async () => {
    const app = apiApp(eu);
    expect((await call(app, 'PUT', '/api/v1/freeze', { cluster: 'eu' })).body).toEqual({
      error: 'BadRequest',
      message: 'no fleet is configured: this controller has no clusters to name',
    });
    expect((await call(app, 'PUT', '/api/v1/freeze', {})).body).toEqual({
      stopSwitch: { scope: 'fleet', by: 'api', reason: '', at: isoTime(eu.h.clock.now()) },
    });
    expect(await stored()).toEqual({ eu: [expect.objectContaining({ scope: 'fleet' })], us: [] });
  });
});

describe('each cluster honours what is written into it', () => {
  it('a cluster switch holds the canary in that cluster only; clearing it lets it complete', async () => {
    const steps = [{ setWeight: 20 }, { pause: { duration: 10 } }, { setWeight: 60 }];
    for (const w of [eu, us]) {
      await w.deploy({ steps });
      await w.setImage('registry.example/shop:v2');
      await w.advance(3_000);
    }
    const app = fleetApp();
    expect((await call(app, 'PUT', '/api/v1/freeze', { cluster: 'eu' })).status).toBe(200);
    await Promise.all([eu.advance(20_000, 1_000), us.advance(20_000, 1_000)]);
    const held = await eu.rollout();
    expect(held.status?.currentStepIndex).toBe(1);
    expect(held.status?.message).toMatch(/^StopSwitchHold: .*cluster eu, set by api since/);
    const free = await us.rollout();
    expect(free.status?.stableRS).toBe(free.status?.currentPodHash);

    expect((await call(app, 'DELETE', '/api/v1/freeze?cluster=eu')).status).toBe(200);
    await eu.advance(30_000, 1_000);
    const done = await eu.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
  });
});

describe('a cluster that cannot be reached', () => {
  it('PUT writes the others, answers 502 naming it; the same PUT later completes', async () => {
    const clients: Record<string, KubeClient> = { eu: eu.kube, ap: down, us: us.kube };
    const app = fleetApp(fleetOf(clients));
    const put = await call(app, 'PUT', '/api/v1/freeze', { reason: 'incident 42' }, alice);
    expect(put.status).toBe(502);
    expect(put.body).toMatchObject({
      error: 'BadGateway',
      message: expect.stringMatching(/^not reached: ap; .*same request again/) as unknown,
      stopSwitch: { scope: 'fleet', ...by() },
    });
    expect(put.body.clusters).toEqual([
      { cluster: 'eu', written: true },
      { cluster: 'ap', error: expect.stringContaining('/stopswitches') as unknown },
      { cluster: 'us', written: true },
    ]);
    expect(await stored()).toEqual({
      eu: [{ scope: 'fleet', ...by() }],
      us: [{ scope: 'fleet', ...by() }],
    });
    const get = await call(app, 'GET', '/api/v1/freeze');
    expect(get.status).toBe(502);
    expect(get.body.clusters[1]).toEqual({ cluster: 'ap', error: expect.any(String) as unknown });

    // `ap` is back (here: a third devcluster): the same request writes it there too.
    const ap = await startWorld('shop');
    try {
      await createSwitchNamespace(ap);
      clients.ap = ap.kube;
      const again = await call(app, 'PUT', '/api/v1/freeze', { reason: 'incident 42' }, alice);
      expect(again.status).toBe(200);
      expect(await loadStopSwitches(ap.kube)).toEqual([{ scope: 'fleet', ...by() }]);
      clients.ap = down;
      const del = await call(app, 'DELETE', '/api/v1/freeze');
      expect(del.status).toBe(502);
      expect(del.body.message).toMatch(/^not reached: ap;/);
      expect(await stored()).toEqual({ eu: [], us: [] });
    } finally {
      await ap.close();
    }
  });
});

describe('what the release gates read (localiseStopSwitches)', () => {
  it('each switch covers the cluster whose store holds it; an unread cluster adds none', async () => {
    const app = fleetApp();
    await call(app, 'PUT', '/api/v1/freeze', { cluster: 'us', reason: 'incident 42' }, alice);
    await call(app, 'PUT', '/api/v1/freeze', { namespace: 'shop', reason: 'incident 42' }, alice);
    // A fleet switch set by hand in one cluster only stops that cluster.
    await applyStopSwitch(eu.kube, { scope: 'fleet', ...by() });
    const fleet = fleetOf({ eu: eu.kube, us: us.kube, ap: down });
    const stops = localiseStopSwitches(await loadFleetStopSwitches(fleet));
    expect(stops).toEqual([
      { scope: 'cluster', cluster: 'eu', ...by() },
      { scope: 'namespace', cluster: 'eu', namespace: 'shop', ...by() },
      { scope: 'cluster', cluster: 'us', ...by() },
      { scope: 'namespace', cluster: 'us', namespace: 'shop', ...by() },
    ]);
    const gate = (cluster: string, namespace: string) =>
      assessGate(stops, { windows: [], freezes: [] }, { cluster, namespace }, 0)?.hold.kind;
    expect([gate('eu', 'web'), gate('us', 'web'), gate('ap', 'shop')]).toEqual([
      'stop',
      'stop',
      undefined,
    ]);
  });
});
