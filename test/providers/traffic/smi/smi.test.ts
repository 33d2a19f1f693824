import { describe, expect, it } from 'vitest';
import { smi } from '../../../../src/providers/traffic/smi/index.js';
import type {
  KubeObjectJson,
  ObjectRef,
  ObjectWrite,
  RouteContext,
} from '../../../../src/providers/traffic/types.js';
import { aDesired, InMemoryCluster } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { objects } from './fixture.js';

const splitRef = (apiVersion: string, name = 'checkout'): ObjectRef => ({
  apiVersion,
  kind: 'TrafficSplit',
  namespace: 'shop',
  name,
});
const withoutSplit = (): KubeObjectJson[] =>
  objects().filter((o) => o.kind !== 'TrafficSplit' || o.metadata.name !== 'checkout');

function plan(
  ctx: RouteContext,
  cluster: InMemoryCluster,
  desired = aDesired(30),
): ObjectWrite[] | string {
  const p = smi.plan(ctx, cluster.observe(smi.objectsToRead(ctx)), desired);
  return 'error' in p ? p.error : p.writes;
}

function step(ctx: RouteContext, cluster: InMemoryCluster, desired = aDesired(30)): void {
  const writes = plan(ctx, cluster, desired);
  if (typeof writes === 'string') throw new Error(writes);
  cluster.apply(writes);
}

describe('smi TrafficSplit', () => {
  it('creates a v1alpha1 split named after the rollout, rooted at stableService, weights as quantities', () => {
    const ctx = aRouteContext({ config: {} });
    expect(plan(ctx, new InMemoryCluster(withoutSplit()))).toEqual([
      {
        op: 'create',
        object: {
          apiVersion: 'split.smi-spec.io/v1alpha1',
          kind: 'TrafficSplit',
          metadata: {
            name: 'checkout',
            namespace: 'shop',
            ownerReferences: [
              {
                apiVersion: 'argoproj.io/v1alpha1',
                kind: 'Rollout',
                name: 'checkout',
                uid: ctx.rollout.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: {
            service: 'checkout-stable',
            backends: [
              { service: 'checkout-canary', weight: '30' },
              { service: 'checkout-stable', weight: '70' },
            ],
          },
        },
      },
    ]);
  });

  it.each(['split.smi-spec.io/v1alpha2', 'split.smi-spec.io/v1alpha3'])(
    'writes integer weights for %s, under trafficSplitName, with rootService',
    (apiVersion) => {
      const ctx = aRouteContext({
        config: { apiVersion, trafficSplitName: 'checkout-split', rootService: 'checkout' },
      });
      const cluster = new InMemoryCluster(withoutSplit());
      step(ctx, cluster, aDesired(25));
      expect(cluster.get(splitRef(apiVersion, 'checkout-split'))?.spec).toEqual({
        service: 'checkout',
        backends: [
          { service: 'checkout-canary', weight: 25 },
          { service: 'checkout-stable', weight: 75 },
        ],
      });
    },
  );

  it('lists canary, then the additional destinations, then stable', () => {
    const ctx = aRouteContext({
      config: { apiVersion: 'split.smi-spec.io/v1alpha2', rootService: 'checkout' },
    });
    const cluster = new InMemoryCluster(objects());
    const additional = [
      { serviceName: 'exp-baseline', weight: 10 },
      { serviceName: 'exp-candidate', weight: 10 },
    ];
    step(ctx, cluster, aDesired(20, { additional }));
    expect(
      (cluster.get(splitRef('split.smi-spec.io/v1alpha2'))?.spec as { backends: unknown }).backends,
    ).toEqual([
      { service: 'checkout-canary', weight: 20 },
      { service: 'exp-baseline', weight: 10 },
      { service: 'exp-candidate', weight: 10 },
      { service: 'checkout-stable', weight: 60 },
    ]);
  });

  it('patches only spec.backends, guarded by resourceVersion, when the root service is already right', () => {
    const ctx = aRouteContext({
      config: { apiVersion: 'split.smi-spec.io/v1alpha2', rootService: 'checkout' },
    });
    expect(plan(ctx, new InMemoryCluster(objects()), aDesired(40))).toEqual([
      {
        op: 'mergePatch',
        ref: splitRef('split.smi-spec.io/v1alpha2'),
        patch: {
          metadata: { resourceVersion: '1200' },
          spec: {
            backends: [
              { service: 'checkout-canary', weight: 40 },
              { service: 'checkout-stable', weight: 60 },
            ],
          },
        },
      },
    ]);
  });

  it('refuses a split owned by something else', () => {
    const ctx = aRouteContext({
      config: { apiVersion: 'split.smi-spec.io/v1alpha2', trafficSplitName: 'reviews' },
    });
    expect(plan(ctx, new InMemoryCluster(objects()))).toBe(
      "TrafficSplit 'shop/reviews' exists but is not owned by Rollout 'checkout'",
    );
  });

  it('refuses weights above maxTrafficWeight', () => {
    const ctx = aRouteContext({ config: {} });
    expect(
      plan(
        ctx,
        new InMemoryCluster(withoutSplit()),
        aDesired(80, { additional: [{ serviceName: 'exp', weight: 30 }] }),
      ),
    ).toMatch(/exceed maxTrafficWeight 100/);
  });

  it('reads quantity and integer weights; an absent split reads as no weights', () => {
    const ctx = aRouteContext({ config: {} });
    const cluster = new InMemoryCluster(withoutSplit());
    expect(smi.readWeights(ctx, cluster.observe(smi.objectsToRead(ctx)))).toBeUndefined();
    step(ctx, cluster, aDesired(15, { additional: [{ serviceName: 'exp', weight: 5 }] }));
    expect(smi.readWeights(ctx, cluster.observe(smi.objectsToRead(ctx)))).toEqual({
      canary: 15,
      stable: 80,
      additional: [{ serviceName: 'exp', weight: 5 }],
    });
  });
});
