import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObjectJson } from '../../../src/providers/traffic/index.js';
import {
  aRoutedRollout,
  aStableIngress,
  deployRouted,
  startTrafficWorld,
  type TrafficWorld,
} from './traffic-world.js';

// Replica behaviours of a traffic-routed canary (spec §8.4, §1.2; the upstream canary e2e scenarios
// TestCanarySetCanaryScale, TestCanaryScaleDownDelay, TestCanaryUnScaleDownOnAbort,
// TestCanaryWithPausedRollout), routed through NGINX.
const INGRESSES = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';
const CANARY_INGRESS = `${INGRESSES}/shop-shop-canary`;
const nginx = { trafficRouting: { nginx: { stableIngress: 'shop' } } };

let w: TrafficWorld;
beforeEach(async () => {
  w = await startTrafficWorld();
  await w.create(aStableIngress(), INGRESSES);
});
afterEach(() => w.close());

const canaryWeight = async () =>
  Number(
    (await w.get<KubeObjectJson>(CANARY_INGRESS))?.metadata.annotations?.[
      'nginx.ingress.kubernetes.io/canary-weight'
    ],
  );
const promote = () => w.statusPatch({ pauseConditions: null });
const hashes = async () =>
  (await w.replicaSets()).map((rs) => ({
    hash: rs.metadata.labels?.['rollouts-pod-template-hash'],
    replicas: rs.spec.replicas ?? 0,
    deadline: rs.metadata.annotations?.['scale-down-deadline'],
  }));

describe('setCanaryScale decouples canary pods from the weight', () => {
  it('walks the canary pod count per step while the stable stays at 4', async () => {
    const steps = [
      { setCanaryScale: { replicas: 1 } },
      { pause: {} },
      { setWeight: 25 },
      { pause: {} },
      { setCanaryScale: { weight: 75 } },
      { pause: {} },
      { setCanaryScale: { matchTrafficWeight: true } },
      { setWeight: 50 },
      { pause: {} },
    ];
    await deployRouted(w, aRoutedRollout(nginx, { replicas: 4, steps }));
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    expect([await w.counts(), await canaryWeight()]).toEqual([
      { canary: 1, stable: 4, other: 0 },
      0,
    ]);

    await promote();
    await w.advance(2000);
    // setWeight 25 with setCanaryScale{replicas: 1} still in effect: traffic moves, pods do not.
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
    expect([await w.counts(), await canaryWeight()]).toEqual([
      { canary: 1, stable: 4, other: 0 },
      25,
    ]);

    await promote();
    await w.advance(2000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(5);
    expect([await w.counts(), await canaryWeight()]).toEqual([
      { canary: 3, stable: 4, other: 0 },
      25,
    ]);

    await promote();
    await w.advance(3000);
    // matchTrafficWeight: pods follow the weight again, ceil(4 × 50%) = 2.
    expect((await w.rollout()).status?.currentStepIndex).toBe(8);
    expect([await w.counts(), await canaryWeight()]).toEqual([
      { canary: 2, stable: 4, other: 0 },
      50,
    ]);

    await promote();
    await w.advance(3000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
    expect((await w.counts()).stable).toBe(4);
  });
});

describe('scale-down delays', () => {
  it('keeps at most scaleDownDelayRevisionLimit old stables up, the older ones go at once', async () => {
    const steps = [{ setWeight: 50 }, { pause: { duration: 1 } }];
    await deployRouted(
      w,
      aRoutedRollout(
        { ...nginx, scaleDownDelayRevisionLimit: 1, scaleDownDelaySeconds: 60 },
        { replicas: 2, steps },
      ),
    );
    const v1 = (await w.rollout()).status?.stableRS;
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(6000);
    const v2 = (await w.rollout()).status?.stableRS;
    expect(v2).not.toBe(v1);
    expect((await hashes()).find((h) => h.hash === v1)).toMatchObject({
      replicas: 2,
      deadline: expect.any(String),
    });

    await w.setImage('registry.example/shop:v3');
    await w.settle();
    await w.advance(6000);
    const v3 = (await w.rollout()).status?.stableRS;
    expect(v3).not.toBe(v2);
    const after = await hashes();
    // v2 is the newest old stable and keeps its delay; v1 is past the limit of 1.
    expect(after.find((h) => h.hash === v2)).toMatchObject({
      replicas: 2,
      deadline: expect.any(String),
    });
    expect(after.find((h) => h.hash === v1)?.replicas).toBe(0);
    expect(after.find((h) => h.hash === v3)?.replicas).toBe(2);
  });

  it('abortScaleDownDelaySeconds: 0 keeps the aborted canary up, without a deadline', async () => {
    await deployRouted(w, aRoutedRollout({ ...nginx, abortScaleDownDelaySeconds: 0 }));
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    await w.statusPatch({ abort: true });
    await w.advance(40_000, 2000);
    expect(await canaryWeight()).toBe(0);
    expect((await hashes()).find((h) => h.hash === v2)).toEqual({
      hash: v2,
      replicas: 1,
      deadline: undefined,
    });
  });

  it('an update mid-rollout scales the intermediate revision down at once', async () => {
    await deployRouted(w, aRoutedRollout(nginx));
    const v1 = (await w.rollout()).status?.stableRS;
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    await w.setImage('registry.example/shop:v3');
    await w.settle();
    await w.advance(2000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1, stableRS: v1 });
    const now = await hashes();
    expect(now.find((h) => h.hash === v2)).toMatchObject({ replicas: 0, deadline: undefined });
    expect(now.find((h) => h.hash === ro.status?.currentPodHash)?.replicas).toBe(1);
    expect(now.find((h) => h.hash === v1)?.replicas).toBe(5);
    expect(await canaryWeight()).toBe(20);
  });

  it('abort on a Healthy Rollout changes nothing', async () => {
    await deployRouted(w, aRoutedRollout(nginx));
    const before = await hashes();
    await w.statusPatch({ abort: true });
    await w.advance(2000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
    expect(await hashes()).toEqual(before);
    expect(await canaryWeight()).toBe(0);
  });
});
