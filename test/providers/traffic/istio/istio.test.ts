import { describe, expect, it } from 'vitest';
import { istio } from '../../../../src/providers/traffic/istio/index.js';
import type {
  HeaderRoute,
  KubeObjectJson,
  MirrorRoute,
  ObjectRef,
} from '../../../../src/providers/traffic/types.js';
import { InMemoryCluster } from '../support/in-memory-cluster.js';
import { aDesired, aRouteContext } from '../router-kit/context.js';
import { loadFixture, pick } from '../router-kit/fixtures.js';
import {
  expectGuarded,
  observe,
  planError,
  reconcile,
  reconcileSettled,
} from '../router-kit/reconcile.js';

const dir = import.meta.dirname;
const API = 'networking.istio.io/v1alpha3';
const vsRef = (name: string, namespace = 'shop'): ObjectRef => ({
  apiVersion: API,
  kind: 'VirtualService',
  namespace,
  name,
});
const drRef: ObjectRef = {
  apiVersion: API,
  kind: 'DestinationRule',
  namespace: 'shop',
  name: 'checkout-destrule',
};

const hostCtx = (overrides: Parameters<typeof aRouteContext>[0] = {}) =>
  aRouteContext({
    config: { virtualService: { name: 'checkout-vsvc', routes: ['primary'] } },
    ...overrides,
  });

const headerRoute = (
  name = 'canary-by-header',
  value: HeaderRoute['match'][number]['headerValue'] = { exact: 'on' },
): HeaderRoute => ({
  name,
  match: [{ headerName: 'x-canary', headerValue: value }],
});
const mirrorRoute: MirrorRoute = {
  name: 'mirror-api',
  percentage: 35,
  match: [{ method: { exact: 'GET' }, path: { prefix: '/api/orders' } }],
};

function hostCluster(): InMemoryCluster {
  return new InMemoryCluster(loadFixture(dir, 'host-split.yaml'));
}

function weightsOf(route: unknown): unknown[] {
  return (route as { route: Array<{ destination: { host: string }; weight?: number }> }).route.map(
    (d) => [d.destination.host, d.weight],
  );
}

/** The object with its resourceVersion and the given paths' values taken from `original`, as JSON text (so key order counts). */
function withoutOwned(
  o: KubeObjectJson | undefined,
  original: KubeObjectJson,
  reset: (copy: KubeObjectJson, original: KubeObjectJson) => void,
): string {
  const copy = structuredClone(o) as KubeObjectJson;
  copy.metadata.resourceVersion = original.metadata.resourceVersion;
  reset(copy, original);
  return JSON.stringify(copy);
}

describe('istio host-level split', () => {
  it.each([0, 1, 30, 50, 99, 100])(
    'sets weight %i on the named HTTP route and reads it back',
    (w) => {
      const cluster = hostCluster();
      const writes = reconcileSettled(istio, cluster, hostCtx(), aDesired({ canaryWeight: w }));
      expect(writes.length).toBe(w === 0 ? 0 : 1);
      const vs = cluster.get(vsRef('checkout-vsvc')) as {
        spec: { http: unknown[] };
      } & KubeObjectJson;
      expect(weightsOf(vs.spec.http[0])).toEqual([
        ['checkout-stable', 100 - w],
        ['checkout-canary.shop.svc.cluster.local', w],
      ]);
      expect(istio.readWeights(hostCtx(), observe(cluster, istio, hostCtx()))).toEqual({
        canary: w,
        stable: 100 - w,
        additional: [],
      });
    },
  );

  it('patches only weights, guarded by resourceVersion, route name and destination host', () => {
    const cluster = hostCluster();
    const writes = reconcile(istio, cluster, hostCtx(), aDesired({ canaryWeight: 25 }));
    expectGuarded(writes);
    expect(writes).toEqual([
      {
        op: 'jsonPatch',
        ref: vsRef('checkout-vsvc'),
        patch: [
          { op: 'test', path: '/metadata/resourceVersion', value: '41' },
          { op: 'test', path: '/spec/http/0/route/0/destination/host', value: 'checkout-stable' },
          {
            op: 'test',
            path: '/spec/http/0/route/1/destination/host',
            value: 'checkout-canary.shop.svc.cluster.local',
          },
          { op: 'replace', path: '/spec/http/0/route/0/weight', value: 75 },
          { op: 'replace', path: '/spec/http/0/route/1/weight', value: 25 },
        ],
      },
    ]);
  });

  it('keeps every field it does not own, in the same key order', () => {
    const original = pick(loadFixture(dir, 'host-split.yaml'), 'VirtualService');
    const cluster = hostCluster();
    const ctx = hostCtx({
      config: {
        virtualService: {
          name: 'checkout-vsvc',
          routes: ['primary'],
          tlsRoutes: [{ port: 443, sniHosts: ['checkout.example.com'] }],
          tcpRoutes: [{ port: 9000 }],
        },
      },
    });
    reconcileSettled(istio, cluster, ctx, aDesired({ canaryWeight: 40 }));
    const after = cluster.get(vsRef('checkout-vsvc'));
    const text = withoutOwned(after, original, (copy, orig) => {
      for (const kind of ['http', 'tls', 'tcp'] as const) {
        const routes = (copy.spec as Record<string, Array<{ route: Array<{ weight?: number }> }>>)[
          kind
        ];
        const origRoutes = (
          orig.spec as Record<string, Array<{ route: Array<{ weight?: number }> }>>
        )[kind];
        routes?.[0]?.route.forEach((d, j) => (d.weight = origRoutes?.[0]?.route[j]?.weight));
      }
    });
    expect(text).toBe(JSON.stringify(original));
    const spec = after?.spec as Record<string, unknown[]>;
    expect(weightsOf(spec.tls?.[0])).toEqual([
      ['checkout-stable', 60],
      ['checkout-canary', 40],
    ]);
    expect(weightsOf(spec.tcp?.[0])).toEqual([
      ['checkout-stable', 60],
      ['checkout-canary', 40],
    ]);
    expect(weightsOf(spec.tls?.[1])).toEqual([['admin', undefined]]);
  });

  it('uses the single HTTP route when no route is named', () => {
    const cluster = new InMemoryCluster(loadFixture(dir, 'multi-vs.yaml'));
    const ctx = aRouteContext({ config: { virtualService: { name: 'checkout-internal' } } });
    reconcileSettled(istio, cluster, ctx, aDesired({ canaryWeight: 10 }));
    const vs = cluster.get(vsRef('checkout-internal')) as {
      spec: { http: unknown[] };
    } & KubeObjectJson;
    expect(weightsOf(vs.spec.http[0])).toEqual([
      ['checkout-stable', 90],
      ['checkout-canary', 10],
    ]);
  });

  it('splits every VirtualService listed, including one named name.namespace', () => {
    const cluster = new InMemoryCluster(loadFixture(dir, 'multi-vs.yaml'));
    const ctx = aRouteContext({
      config: {
        virtualServices: [
          { name: 'checkout-internal' },
          { name: 'checkout-edge.mesh-edge', routes: ['edge'] },
        ],
      },
    });
    expect(istio.objectsToRead(ctx)).toEqual([
      vsRef('checkout-internal'),
      vsRef('checkout-edge', 'mesh-edge'),
    ]);
    reconcileSettled(istio, cluster, ctx, aDesired({ canaryWeight: 60 }));
    const edge = cluster.get(vsRef('checkout-edge', 'mesh-edge')) as {
      spec: { http: unknown[] };
    } & KubeObjectJson;
    expect(weightsOf(edge.spec.http[1])).toEqual([
      ['checkout-stable.shop.svc.cluster.local', 40],
      ['checkout-canary.shop.svc.cluster.local', 60],
    ]);
    expect(edge.spec.http[0]).toEqual({
      name: 'healthz',
      match: [{ uri: { exact: '/healthz' } }],
      directResponse: { status: 200 },
    });
  });

  it('appends experiment destinations with the stable port and removes them when the experiment ends', () => {
    const cluster = hostCluster();
    const ctx = hostCtx();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 20,
        additionalDestinations: [{ serviceName: 'checkout-exp-baseline', weight: 10 }],
      }),
    );
    let vs = cluster.get(vsRef('checkout-vsvc')) as {
      spec: { http: Array<{ route: unknown[] }> };
    } & KubeObjectJson;
    expect(vs.spec.http[0]?.route[2]).toEqual({
      destination: { host: 'checkout-exp-baseline', port: { number: 8080 } },
      weight: 10,
    });
    expect(istio.readWeights(ctx, observe(cluster, istio, ctx))).toEqual({
      canary: 20,
      stable: 70,
      additional: [{ serviceName: 'checkout-exp-baseline', weight: 10 }],
    });
    reconcileSettled(istio, cluster, ctx, aDesired({ canaryWeight: 20 }));
    vs = cluster.get(vsRef('checkout-vsvc')) as typeof vs;
    expect(weightsOf(vs.spec.http[0])).toEqual([
      ['checkout-stable', 80],
      ['checkout-canary.shop.svc.cluster.local', 20],
    ]);
  });
});

describe('istio managed routes', () => {
  const ctx = hostCtx({ managedRoutes: ['canary-by-header', 'mirror-api'] });
  const httpNames = (cluster: InMemoryCluster): unknown[] =>
    (cluster.get(vsRef('checkout-vsvc'))?.spec as { http: Array<{ name: string }> }).http.map(
      (r) => r.name,
    );

  it.each([
    [{ exact: 'on' }, { exact: 'on' }],
    [{ prefix: 'beta' }, { prefix: 'beta' }],
    [{ regex: '^(a|b)$' }, { regex: '^(a|b)$' }],
  ])('inserts a header route (%j) first, pointing at the canary destination', (value, match) => {
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [headerRoute('canary-by-header', value)] }),
    );
    const http = (cluster.get(vsRef('checkout-vsvc'))?.spec as { http: unknown[] }).http;
    expect(http[0]).toEqual({
      name: 'canary-by-header',
      match: [{ headers: { 'x-canary': match } }],
      route: [
        {
          destination: { host: 'checkout-canary.shop.svc.cluster.local', port: { number: 8080 } },
          weight: 100,
        },
      ],
    });
    expect(httpNames(cluster)).toEqual(['canary-by-header', 'primary', 'static-assets']);
  });

  it('inserts a mirror route copying the weighted route and keeps the copy in step with the weight', () => {
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, mirrorRoutes: [mirrorRoute] }),
    );
    let http = (
      cluster.get(vsRef('checkout-vsvc'))?.spec as { http: Array<Record<string, unknown>> }
    ).http;
    expect(http[0]).toMatchObject({
      name: 'mirror-api',
      match: [{ method: { exact: 'GET' }, uri: { prefix: '/api/orders' } }],
      mirror: { host: 'checkout-canary.shop.svc.cluster.local', port: { number: 8080 } },
      mirrorPercentage: { value: 35 },
    });
    expect(weightsOf(http[0])).toEqual([
      ['checkout-stable', 90],
      ['checkout-canary.shop.svc.cluster.local', 10],
    ]);
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 50, mirrorRoutes: [mirrorRoute] }),
    );
    http = (cluster.get(vsRef('checkout-vsvc'))?.spec as { http: Array<Record<string, unknown>> })
      .http;
    expect(weightsOf(http[0])).toEqual([
      ['checkout-stable', 50],
      ['checkout-canary.shop.svc.cluster.local', 50],
    ]);
    expect(http[0]?.retries).toEqual(undefined);
    expect((http[0]?.route as unknown[])[0]).toMatchObject({
      headers: { response: { add: { 'x-variant': 'stable' } } },
    });
  });

  it('orders managed routes as managedRoutes lists them, whatever the step order', () => {
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, mirrorRoutes: [mirrorRoute] }),
    );
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, mirrorRoutes: [mirrorRoute], headerRoutes: [headerRoute()] }),
    );
    expect(httpNames(cluster)).toEqual([
      'canary-by-header',
      'mirror-api',
      'primary',
      'static-assets',
    ]);
  });

  it('updates a header route in place when its match changes', () => {
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 10,
        headerRoutes: [headerRoute('canary-by-header', { exact: 'on' })],
      }),
    );
    const writes = reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 10,
        headerRoutes: [headerRoute('canary-by-header', { exact: 'yes' })],
      }),
    );
    expect(writes[0]?.op === 'jsonPatch' && writes[0].patch.filter((p) => p.op !== 'test')).toEqual(
      [
        {
          op: 'replace',
          path: '/spec/http/0',
          value: expect.objectContaining({
            match: [{ headers: { 'x-canary': { exact: 'yes' } } }],
          }),
        },
      ],
    );
  });

  it.each([
    ['abort', aDesired({ canaryWeight: 0 })],
    ['promotion', aDesired({ canaryWeight: 0, canaryHash: 'def', stableHash: 'def' })],
  ])('%s removes every managed route and leaves the VirtualService as it was', (_name, end) => {
    const original = pick(loadFixture(dir, 'host-split.yaml'), 'VirtualService');
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 30, headerRoutes: [headerRoute()], mirrorRoutes: [mirrorRoute] }),
    );
    reconcileSettled(istio, cluster, ctx, end);
    expect(withoutOwned(cluster.get(vsRef('checkout-vsvc')), original, () => undefined)).toBe(
      JSON.stringify(original),
    );
  });

  it('treats a header step with no match as removal', () => {
    const cluster = hostCluster();
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [headerRoute()] }),
    );
    reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [{ name: 'canary-by-header', match: [] }] }),
    );
    expect(httpNames(cluster)).toEqual(['primary', 'static-assets']);
  });
});

describe('istio subset-level split', () => {
  const ctx = aRouteContext({
    canaryService: '',
    stableService: '',
    config: {
      virtualService: { name: 'checkout-subsets', routes: ['weighted'] },
      destinationRule: {
        name: 'checkout-destrule',
        canarySubsetName: 'canary',
        stableSubsetName: 'stable',
        additionalSubsetNames: ['baseline'],
      },
    },
  });

  it('weights subsets, keeps the additional subset, and labels subsets with the hashes', () => {
    const cluster = new InMemoryCluster(loadFixture(dir, 'subset-split.yaml'));
    const writes = reconcileSettled(
      istio,
      cluster,
      ctx,
      aDesired({ canaryWeight: 30, canaryHash: 'c4n4ry', stableHash: 'st4bl3' }),
    );
    expectGuarded(writes);
    const route = (
      cluster.get(vsRef('checkout-subsets'))?.spec as {
        http: Array<{ route: Array<{ destination: { subset: string }; weight: number }> }>;
      }
    ).http[0];
    expect(route?.route.map((d) => [d.destination.subset, d.weight])).toEqual([
      ['stable', 60],
      ['canary', 30],
      ['baseline', 10],
    ]);
    const dr = cluster.get(drRef) as KubeObjectJson & {
      spec: { subsets: Array<{ name: string; labels?: Record<string, string> }> };
    };
    expect(dr.spec.subsets).toEqual([
      { name: 'baseline', labels: { app: 'checkout', track: 'baseline' } },
      {
        name: 'stable',
        labels: { app: 'checkout', 'rollouts-pod-template-hash': 'st4bl3' },
        trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
      },
      { name: 'canary', labels: { 'rollouts-pod-template-hash': 'c4n4ry' } },
    ]);
    expect(dr.metadata.annotations).toEqual({
      'argo-rollouts.argoproj.io/managed-by-rollouts': 'checkout',
    });
    expect(dr.metadata.labels).toEqual({ app: 'checkout' });
    expect(istio.readWeights(ctx, observe(cluster, istio, ctx))).toEqual({
      canary: 30,
      stable: 60,
      additional: [{ serviceName: 'checkout', weight: 10 }],
    });
  });

  it('refuses a DestinationRule another Rollout manages, or one without the subsets', () => {
    const objects = loadFixture(dir, 'subset-split.yaml');
    const dr = pick(objects, 'DestinationRule');
    dr.metadata.annotations = { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'payments' };
    const cluster = new InMemoryCluster(objects);
    cluster.put(dr);
    expect(planError(istio, cluster, ctx, aDesired({ canaryHash: 'a', stableHash: 'b' }))).toBe(
      "DestinationRule 'shop/checkout-destrule' is managed by Rollout 'payments'",
    );
    const noSubsets = aRouteContext({
      config: {
        ...(ctx.config as object),
        destinationRule: {
          name: 'checkout-destrule',
          canarySubsetName: 'preview',
          stableSubsetName: 'stable',
        },
      },
    });
    expect(planError(istio, new InMemoryCluster(objects), noSubsets, aDesired())).toBe(
      "subset 'preview' not found in DestinationRule 'shop/checkout-destrule'",
    );
  });
});

describe('istio errors and validation', () => {
  it.each([
    [
      'a missing VirtualService',
      hostCtx({ config: { virtualService: { name: 'nope' } } }),
      "VirtualService 'shop/nope' not found",
    ],
    [
      'a route that is not there',
      hostCtx({ config: { virtualService: { name: 'checkout-vsvc', routes: ['secondary'] } } }),
      "HTTP route 'secondary' not found in VirtualService 'shop/checkout-vsvc'",
    ],
    [
      'no route named with several routes',
      hostCtx({ config: { virtualService: { name: 'checkout-vsvc' } } }),
      "VirtualService 'shop/checkout-vsvc' must have exactly one HTTP route when its HTTP routes are not selected in the Rollout; it has 2",
    ],
    [
      'a route without the canary',
      hostCtx({ config: { virtualService: { name: 'checkout-vsvc', routes: ['static-assets'] } } }),
      "HTTP route 'static-assets' of VirtualService 'shop/checkout-vsvc' has no destination for canary Service 'checkout-canary'",
    ],
    [
      'a TLS route that is not there',
      hostCtx({
        config: {
          virtualService: {
            name: 'checkout-vsvc',
            routes: ['primary'],
            tlsRoutes: [{ port: 8443 }],
          },
        },
      }),
      "TLS route (port 8443, sniHosts []) not found in VirtualService 'shop/checkout-vsvc'",
    ],
    [
      'an invalid config',
      hostCtx({ config: {} }),
      "invalid istio config: Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.virtualService'",
    ],
  ])('plan fails clearly on %s', (_what, ctx, message) => {
    expect(planError(istio, hostCluster(), ctx, aDesired({ canaryWeight: 10 }))).toBe(message);
  });

  it('fails when weights exceed maxTrafficWeight', () => {
    expect(
      planError(
        istio,
        hostCluster(),
        hostCtx(),
        aDesired({ canaryWeight: 90, additionalDestinations: [{ serviceName: 'x', weight: 20 }] }),
      ),
    ).toBe('canary and additional weights (90 + 20) exceed maxTrafficWeight 100');
  });

  it('reads no weights when the VirtualService is missing', () => {
    expect(istio.readWeights(hostCtx(), new Map())).toBeUndefined();
  });

  it('makes a concurrent writer fail the patch instead of being overwritten', () => {
    const cluster = hostCluster();
    const plan = istio.plan(
      hostCtx(),
      observe(cluster, istio, hostCtx()),
      aDesired({ canaryWeight: 10 }),
    );
    const vs = cluster.get(vsRef('checkout-vsvc')) as KubeObjectJson;
    cluster.put({ ...vs, metadata: { ...vs.metadata, resourceVersion: '42' } });
    expect(() => cluster.apply('writes' in plan ? plan.writes : [])).toThrow(/test failed/);
  });

  it.each([
    [{}, ["Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.virtualService'"]],
    [
      { virtualService: { name: 'a' }, virtualServices: [{ name: 'b' }] },
      [
        'spec.strategy.canary.trafficRouting.istio: set either virtualService or virtualServices, not both',
      ],
    ],
    [
      { virtualServices: [{ routes: ['primary', 'primary'] }] },
      [
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.virtualServices[0].name'",
        "spec.strategy.canary.trafficRouting.istio.virtualServices[0].routes lists HTTP route 'primary' more than once",
      ],
    ],
    [
      { virtualService: { name: 'a', routes: ['canary-by-header'] } },
      [
        "HTTP route 'canary-by-header' of VirtualService 'a' is also a managed route; managed routes are created and removed by the controller",
      ],
    ],
    [
      { virtualService: { name: 'a', tcpRoutes: [{ port: 70000 }] } },
      [
        'spec.strategy.canary.trafficRouting.istio.virtualService.tcpRoutes[0].port must be a port number (1-65535), got 70000',
      ],
    ],
    [
      {
        virtualService: { name: 'a' },
        destinationRule: { name: 'dr', canarySubsetName: 'x', stableSubsetName: 'x' },
      },
      [
        'spec.strategy.canary.trafficRouting.istio.destinationRule: canarySubsetName and stableSubsetName must differ',
      ],
    ],
    [
      { virtualService: { name: 'a' }, destinationRule: { name: 'dr' } },
      [
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.destinationRule.canarySubsetName'",
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.destinationRule.stableSubsetName'",
      ],
    ],
    [{ virtualService: { name: 'a', routes: ['primary'] } }, []],
  ])('validate %j', (config, problems) => {
    expect(istio.validate(aRouteContext({ config, managedRoutes: ['canary-by-header'] }))).toEqual(
      problems,
    );
  });
});
