import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcileRollout } from '../../../src/controller/reconcile-rollout.js';
import type { KubeObjectJson } from '../../../src/providers/traffic/index.js';
import { RO } from '../world.js';
import {
  aRoutedRollout,
  aStableIngress,
  deployRouted,
  startTrafficWorld,
  type TrafficWorld,
} from './traffic-world.js';

// Spec §4.2 (NGINX), §4.3, §8.4 and §10.8–9, through the controller against the devcluster.
const INGRESSES = '/apis/networking.k8s.io/v1/namespaces/default/ingresses';
const CANARY_INGRESS = `${INGRESSES}/shop-shop-canary`;
const WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';

let w: TrafficWorld;
beforeEach(async () => {
  w = await startTrafficWorld();
  await w.create(aStableIngress(), INGRESSES);
});
afterEach(() => w.close());

const canaryWeight = async () =>
  (await w.get<KubeObjectJson>(CANARY_INGRESS))?.metadata.annotations?.[WEIGHT];
const promote = () => w.statusPatch({ pauseConditions: null });
const nginx = { trafficRouting: { nginx: { stableIngress: 'shop' } } };

describe('canary with trafficRouting.nginx', () => {
  it('creates the owned canary Ingress at weight 0 on the first deploy and leaves the stable Ingress alone', async () => {
    const before = await w.get<KubeObjectJson>(`${INGRESSES}/shop`);
    await deployRouted(w, aRoutedRollout(nginx));
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Healthy');
    const canary = await w.get<KubeObjectJson>(CANARY_INGRESS);
    expect(canary?.metadata.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/canary': 'true',
      [WEIGHT]: '0',
    });
    expect(canary?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Rollout',
      name: 'shop',
      uid: ro.metadata.uid,
    });
    expect(JSON.stringify((canary as { spec?: unknown }).spec)).toContain('shop-canary');
    expect(await w.get<KubeObjectJson>(`${INGRESSES}/shop`)).toEqual(before);
  });

  it('moves the weight through the steps with the stable kept full, then promotes and scales the old stable down after scaleDownDelaySeconds', async () => {
    await deployRouted(w, aRoutedRollout(nginx));
    const v1 = (await w.rollout()).status?.stableRS;
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    // The weight lags at 0 until the canary pod is available (spec §10.3).
    expect(await canaryWeight()).toBe('0');
    await w.advance(2000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    expect(await canaryWeight()).toBe('20');
    expect(ro.status?.canary?.weights).toMatchObject({
      canary: {
        weight: 20,
        serviceName: 'shop-canary',
        podTemplateHash: ro.status?.currentPodHash,
      },
      stable: { weight: 80, serviceName: 'shop-stable', podTemplateHash: v1 },
      verified: true,
    });
    // ceil(5 × 20%) = 1 canary pod; the stable stays at 5 (spec §8.4).
    expect(await w.counts()).toEqual({ canary: 1, stable: 5, other: 0 });
    expect(await w.selector('shop-canary')).toBe(ro.status?.currentPodHash);
    expect(await w.selector('shop-stable')).toBe(v1);

    await promote();
    await w.advance(3000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
    expect(await canaryWeight()).toBe('60');
    expect(await w.counts()).toEqual({ canary: 3, stable: 5, other: 0 });

    await w.advance(8000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: ro.status?.currentPodHash });
    expect(await canaryWeight()).toBe('0');
    expect(await w.selector('shop-stable')).toBe(ro.status?.currentPodHash);
    // The previous stable keeps its pods for scaleDownDelaySeconds (30 s by default), then goes.
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 5 });
    const old = (await w.replicaSets()).find(
      (rs) => rs.metadata.labels?.['rollouts-pod-template-hash'] === v1,
    );
    expect(old?.metadata.annotations?.['scale-down-deadline']).toBeDefined();
    await w.advance(32_000, 1000);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    const events = (
      await w.kube.list<{ reason: string; message: string }>('/api/v1/namespaces/default/events')
    ).items;
    expect(events.filter((e) => e.reason === 'TrafficWeightUpdated').map((e) => e.message)).toEqual(
      expect.arrayContaining([
        'Traffic weight updated from 0 to 20',
        'Traffic weight updated from 20 to 60',
        'Traffic weight updated from 60 to 100',
        'Traffic weight updated from 100 to 0',
      ]),
    );
  });

  it('abort returns the weight to 0, points the canary Service at the stable, and keeps the canary for abortScaleDownDelaySeconds', async () => {
    await deployRouted(w, aRoutedRollout({ ...nginx, abortScaleDownDelaySeconds: 10 }));
    const v1 = (await w.rollout()).status?.stableRS;
    await w.setImage('registry.example/shop:v2');
    await w.settle();
    await w.advance(2000);
    expect(await canaryWeight()).toBe('20');
    await w.statusPatch({ abort: true });
    await w.settle();
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true, currentStepIndex: 0 });
    expect(await canaryWeight()).toBe('0');
    expect(await w.selector('shop-canary')).toBe(v1);
    expect(await w.counts()).toEqual({ canary: 1, stable: 5, other: 0 });
    await w.advance(12_000, 1000);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('a missing stable Ingress is an InvalidSpec, and nothing is scaled', async () => {
    await deployRouted(w, aRoutedRollout({ trafficRouting: { nginx: { stableIngress: 'nope' } } }));
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.conditions?.find((c) => c.type === 'InvalidSpec')?.message).toContain(
      "Ingress 'default/nope' not found",
    );
    expect(await w.replicaSets()).toEqual([]);
  });

  it('an unknown router plugin is an InvalidSpec naming it', async () => {
    await w.h.req(
      'POST',
      RO,
      aRoutedRollout({ trafficRouting: { plugins: { 'acme/teleport': {} } } }),
    );
    await w.settle();
    expect((await w.rollout()).status?.message).toContain(
      "traffic router plugin 'acme/teleport' is not supported",
    );
  });

  it('a setWeight step completes only after the canary Ingress is read back carrying its weight', async () => {
    await deployRouted(w, aRoutedRollout(nginx));
    await w.setImage('registry.example/shop:v2');
    const reconcile = () =>
      reconcileRollout(
        { kube: w.kube, now: () => w.h.clock.now() },
        { namespace: 'default', name: 'shop' },
      );
    // One reconcile at a time, the pod clock running, until a reconcile writes the step's weight.
    for (let i = 0; i < 30 && (await canaryWeight()) !== '20'; i++) {
      await reconcile();
      w.h.clock.advance(500);
      await w.h.settle();
    }
    expect(await canaryWeight()).toBe('20');
    let ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(0);
    expect(ro.status?.canary?.weights).toMatchObject({ canary: { weight: 20 }, verified: false });
    // The next reconcile reads the weight back from the Ingress: verified, and the step completes.
    await reconcile();
    ro = await w.rollout();
    expect(ro.status?.canary?.weights).toMatchObject({ canary: { weight: 20 }, verified: true });
    expect(ro.status?.currentStepIndex).toBe(1);
  });
});
