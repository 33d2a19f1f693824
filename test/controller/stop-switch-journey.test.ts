import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import {
  applyStopSwitch,
  deleteStopSwitch,
  loadStopSwitches,
} from '../../src/controller/stop-switch-store.js';
import type { StopSwitch } from '../../src/domain/fleet.js';
import { startWorld, type World } from './world.js';
import { abortBackToStable, createSwitchNamespace } from './stop-switch-support.js';

// Issue 21 §5 on a devcluster, through the reconcile both runtimes run: a stop switch holds an
// in-flight canary at its step past its timed pause; once cleared the canary completes; abort
// works while the switch stands.
let w: World;
beforeEach(async () => {
  w = await startWorld();
  await createSwitchNamespace(w);
});
afterEach(() => w.close());

const STEPS = [
  { setWeight: 20 },
  { pause: { duration: 10 } },
  { setWeight: 60 },
  { pause: { duration: 10 } },
];
const FREEZE: StopSwitch = {
  scope: 'namespace',
  namespace: 'default',
  by: 'alice',
  reason: 'incident 42',
  at: '2026-12-07T03:00:00Z',
};

const heldEvents = async () =>
  (
    await w.kube.list<{ reason?: string; count?: number }>('/api/v1/namespaces/default/events')
  ).items.filter((e) => e.reason === 'RolloutHeld');

describe('a stop switch on the devcluster', () => {
  it('holds a canary at its timed pause until cleared, then it completes', async () => {
    await w.deploy({ steps: STEPS });
    await w.setImage('registry.example/shop:v2');
    await w.advance(3_000); // the canary pod gets ready; well inside the 10 s pause
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);

    await applyStopSwitch(w.kube, FREEZE);
    expect(await loadStopSwitches(w.kube)).toEqual([FREEZE]);
    await w.advance(40_000, 1_000); // four times the pause
    const held = await w.rollout();
    expect(held.status?.currentStepIndex).toBe(1);
    expect(held.status?.stableRS).not.toBe(held.status?.currentPodHash);
    expect(held.status?.message).toBe(
      'StopSwitchHold: held by the stop switch for namespace default, set by alice since 2026-12-07T03:00:00Z: incident 42',
    );
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    const events = await heldEvents();
    expect(events).toHaveLength(1);
    expect(events[0]?.count ?? 1).toBe(1);

    expect(await deleteStopSwitch(w.kube, FREEZE)).toBe(true);
    await w.advance(30_000, 1_000);
    const done = await w.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    expect(done.status?.phase).toBe('Healthy');
    expect(done.status?.message ?? '').not.toMatch(/StopSwitchHold/);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('abort works while the switch stands', async () => {
    await w.deploy({ steps: STEPS });
    await applyStopSwitch(w.kube, { ...FREEZE, scope: 'fleet' });
    await w.setImage('registry.example/shop:v2');
    await w.advance(20_000, 1_000);
    // A new revision starts and applies its first step, and goes no further.
    expect((await w.rollout()).status?.currentStepIndex).toBe(0);
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });

    await abortBackToStable(w);
  });
});

describe('what honouring stop switches costs', () => {
  it('with none set: one LIST per step moved, none for reconciles that do not move', async () => {
    // The reconciles go through a client that counts the switch LISTs.
    const lists: string[] = [];
    let server = '';
    const kube = new KubeClient({
      server: 'http://world.invalid',
      fetch: (url: string, init?: RequestInit) => {
        if (url.includes('/stopswitches')) lists.push(url);
        return fetch(url.replace('http://world.invalid', server), init);
      },
    });
    await w.close();
    w = await startWorld('shop', { kube });
    server = w.h.url;
    await w.deploy({ steps: STEPS });
    expect(lists).toEqual([]); // the first deploy never asks
    await w.setImage('registry.example/shop:v2');
    await w.advance(30_000, 1_000);
    const done = await w.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    expect(await heldEvents()).toEqual([]);
    // Four steps and the promotion, out of dozens of reconciles.
    expect(lists).toHaveLength(5);
    expect(lists[0]).toMatch(
      /\/apis\/rollouts\.serverless\.dev\/v1alpha1\/namespaces\/argo-rollouts\/stopswitches$/,
    );
  });
});
