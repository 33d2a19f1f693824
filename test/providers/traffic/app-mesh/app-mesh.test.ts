import { describe, expect, it } from 'vitest';
import { appMesh } from '../../../../src/providers/traffic/app-mesh/index.js';
import type { KubeObjectJson, ObjectRef } from '../../../../src/providers/traffic/types.js';
import { InMemoryCluster } from '../support/in-memory-cluster.js';
import { aDesired, aRouteContext } from '../router-kit/context.js';
import { loadFixture, pick } from '../router-kit/fixtures.js';
import { expectGuarded, observe, planError, reconcileSettled } from '../router-kit/reconcile.js';

const dir = import.meta.dirname;
const ref = (kind: string, name: string): ObjectRef => ({
  apiVersion: 'appmesh.k8s.aws/v1beta2',
  kind,
  namespace: 'shop',
  name,
});
const config = (routes?: string[]) => ({
  virtualService: { name: 'checkout', ...(routes === undefined ? {} : { routes }) },
  virtualNodeGroup: {
    canaryVirtualNodeRef: { name: 'checkout-canary' },
    stableVirtualNodeRef: { name: 'checkout-stable' },
  },
});
const ctxFor = (routes: string[] | undefined = ['primary', 'rpc']) =>
  aRouteContext({ config: config(routes) });
const mesh = (): InMemoryCluster => new InMemoryCluster(loadFixture(dir, 'mesh.yaml'));

type Target = { virtualNodeRef: { name: string }; weight: number };
function targets(c: InMemoryCluster, route: number): unknown[] {
  const r =
    (
      c.get(ref('VirtualRouter', 'checkout-router'))?.spec as {
        routes: Array<Record<string, { action: { weightedTargets: Target[] } }>>;
      }
    ).routes[route] ?? {};
  const typed = r.httpRoute ?? r.grpcRoute;
  return (typed?.action.weightedTargets ?? []).map((t) => [t.virtualNodeRef.name, t.weight]);
}

describe('app mesh weights', () => {
  it('asks for the VirtualRouter once it has read the VirtualService', () => {
    const c = mesh();
    expect(appMesh.objectsToRead(ctxFor()).map((r) => r.kind)).toEqual([
      'VirtualNode',
      'VirtualNode',
      'VirtualService',
    ]);
    expect([...observe(c, appMesh, ctxFor()).keys()]).toContain(
      'appmesh.k8s.aws/v1beta2/VirtualRouter/shop/checkout-router',
    );
  });

  it.each([0, 15, 100])('sets canary %i on the named routes and reads it back', (w) => {
    const c = mesh();
    reconcileSettled(appMesh, c, ctxFor(), aDesired({ canaryWeight: w }));
    expect(targets(c, 0)).toEqual([
      ['checkout-canary', w],
      ['checkout-stable', 100 - w],
    ]);
    expect(targets(c, 1)).toEqual([
      ['checkout-stable', 100 - w],
      ['checkout-canary', w],
    ]);
    expect(targets(c, 2)).toEqual([['health-node', 1]]);
    expect(appMesh.readWeights(ctxFor(), observe(c, appMesh, ctxFor()))).toEqual({
      canary: w,
      stable: 100 - w,
      additional: [],
    });
  });

  it('touches only the weights of the VirtualRouter, guarded', () => {
    const original = pick(loadFixture(dir, 'mesh.yaml'), 'VirtualRouter');
    const c = mesh();
    const writes = reconcileSettled(appMesh, c, ctxFor(), aDesired({ canaryWeight: 40 }));
    expectGuarded(writes);
    reconcileSettled(appMesh, c, ctxFor(), aDesired({ canaryWeight: 0 }));
    const after = c.get(ref('VirtualRouter', 'checkout-router')) as KubeObjectJson;
    expect(
      JSON.stringify({ ...after, metadata: { ...after.metadata, resourceVersion: '201' } }),
    ).toBe(JSON.stringify(original));
  });

  it('labels the virtual nodes with the hashes and marks them managed', () => {
    const c = mesh();
    reconcileSettled(
      appMesh,
      c,
      ctxFor(),
      aDesired({ canaryWeight: 10, canaryHash: 'n3wh4sh', stableHash: 'st4bl3' }),
    );
    const canary = c.get(ref('VirtualNode', 'checkout-canary'));
    const stable = c.get(ref('VirtualNode', 'checkout-stable'));
    expect((canary?.spec as { podSelector: unknown }).podSelector).toEqual({
      matchLabels: { app: 'checkout', 'rollouts-pod-template-hash': 'n3wh4sh' },
    });
    expect(canary?.metadata.annotations).toEqual({
      'mesh.example.com/owner': 'payments',
      'argo-rollouts.argoproj.io/managed-by-rollouts': 'checkout',
    });
    expect((stable?.spec as { podSelector: unknown }).podSelector).toEqual({
      matchLabels: { app: 'checkout', 'rollouts-pod-template-hash': 'st4bl3' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
    });
  });

  it('splits every route with both nodes when none is named, leaving the others alone', () => {
    const c = mesh();
    const ctx = aRouteContext({ config: config() });
    reconcileSettled(appMesh, c, ctx, aDesired({ canaryWeight: 10 }));
    expect([targets(c, 0), targets(c, 1), targets(c, 2)]).toEqual([
      [
        ['checkout-canary', 10],
        ['checkout-stable', 90],
      ],
      [
        ['checkout-stable', 90],
        ['checkout-canary', 10],
      ],
      [['health-node', 1]],
    ]);
  });

  it('fails on a named route without the canary, or when no route has both nodes', () => {
    expect(planError(appMesh, mesh(), ctxFor(['health']), aDesired({ canaryWeight: 10 }))).toBe(
      "route 'health' of VirtualRouter 'shop/checkout-router' has no weighted target for canary virtual node 'checkout-canary'",
    );
    const noBoth = aRouteContext({
      config: {
        ...config(),
        virtualNodeGroup: {
          canaryVirtualNodeRef: { name: 'health-node' },
          stableVirtualNodeRef: { name: 'other' },
        },
      },
    });
    const c = mesh();
    c.put({
      apiVersion: 'appmesh.k8s.aws/v1beta2',
      kind: 'VirtualNode',
      metadata: { name: 'health-node', namespace: 'shop' },
      spec: {},
    });
    c.put({
      apiVersion: 'appmesh.k8s.aws/v1beta2',
      kind: 'VirtualNode',
      metadata: { name: 'other', namespace: 'shop' },
      spec: {},
    });
    expect(planError(appMesh, c, noBoth, aDesired())).toBe(
      "no route of VirtualRouter 'shop/checkout-router' has weighted targets for both 'health-node' and 'other'",
    );
  });
});

describe('app mesh errors and validation', () => {
  it.each([
    [
      'a missing route',
      ['secondary'],
      (_c: InMemoryCluster) => undefined,
      "route 'secondary' not found in VirtualRouter 'shop/checkout-router'",
    ],
    [
      'a missing VirtualService',
      ['primary'],
      (c: InMemoryCluster) => c.remove(ref('VirtualService', 'checkout')),
      "VirtualService 'shop/checkout' not found",
    ],
    [
      'a missing VirtualRouter',
      ['primary'],
      (c: InMemoryCluster) => c.remove(ref('VirtualRouter', 'checkout-router')),
      "VirtualRouter 'shop/checkout-router' not found",
    ],
    [
      'a missing VirtualNode',
      ['primary'],
      (c: InMemoryCluster) => c.remove(ref('VirtualNode', 'checkout-canary')),
      "VirtualNode 'shop/checkout-canary' not found",
    ],
    [
      'a VirtualService provided by a node',
      ['primary'],
      (c: InMemoryCluster) =>
        c.put({
          ...pick(c.objects().values(), 'VirtualService'),
          spec: { provider: { virtualNode: { virtualNodeRef: { name: 'x' } } } },
        }),
      "VirtualService 'shop/checkout' has no virtualRouter provider (virtualRouterRef); App Mesh splitting needs one",
    ],
    [
      'a node another Rollout manages',
      ['primary'],
      (c: InMemoryCluster) => {
        const node = pick(c.objects().values(), 'VirtualNode', 'checkout-stable');
        c.put({
          ...node,
          metadata: {
            ...node.metadata,
            annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'payments' },
          },
        });
      },
      "VirtualNode 'shop/checkout-stable' is managed by Rollout 'payments'",
    ],
  ])('plan fails clearly on %s', (_what, routes, change, message) => {
    const c = mesh();
    change(c);
    expect(planError(appMesh, c, ctxFor(routes), aDesired({ canaryWeight: 10 }))).toBe(message);
  });

  it.each([
    [config(), []],
    [
      {},
      [
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.appMesh.virtualService'",
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.appMesh.virtualNodeGroup'",
      ],
    ],
    [
      {
        virtualService: { routes: ['a', 'a'] },
        virtualNodeGroup: {
          canaryVirtualNodeRef: { name: 'n' },
          stableVirtualNodeRef: { name: 'n' },
        },
      },
      [
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.appMesh.virtualService.name'",
        'spec.strategy.canary.trafficRouting.appMesh.virtualNodeGroup: the canary and stable virtual nodes must differ',
        "spec.strategy.canary.trafficRouting.appMesh.virtualService.routes lists route 'a' more than once",
      ],
    ],
  ])('validate %j', (cfg, problems) => {
    expect(appMesh.validate(aRouteContext({ config: cfg }))).toEqual(problems);
  });
});
