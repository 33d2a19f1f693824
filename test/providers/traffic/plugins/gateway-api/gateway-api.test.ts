import { describe, expect, it } from 'vitest';
import { gatewayApi } from '../../../../../src/providers/traffic/plugins/gateway-api/index.js';
import type {
  HeaderRoute,
  KubeObjectJson,
  MirrorRoute,
  ObjectRef,
} from '../../../../../src/providers/traffic/types.js';
import { InMemoryCluster } from '../../support/in-memory-cluster.js';
import { aDesired, aRouteContext } from '../../router-kit/context.js';
import { loadFixture, pick } from '../../router-kit/fixtures.js';
import {
  expectGuarded,
  observe,
  planError,
  reconcile,
  reconcileSettled,
} from '../../router-kit/reconcile.js';

const dir = import.meta.dirname;
const BOOK = 'rollouts.serverless.dev/gateway-api-managed';
const http = (name: string): ObjectRef => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  namespace: 'shop',
  name,
});
const ctxWith = (config: unknown, overrides: Parameters<typeof aRouteContext>[0] = {}) =>
  aRouteContext({ config, ...overrides });
const webCtx = (overrides: Parameters<typeof aRouteContext>[0] = {}) =>
  ctxWith(
    { httpRoute: 'checkout-web' },
    { managedRoutes: ['by-header', 'by-cookie', 'mirror'], ...overrides },
  );

type Rule = {
  matches?: unknown[];
  filters?: unknown[];
  backendRefs: Array<{ name: string; weight?: number }>;
};
const rulesOf = (cluster: InMemoryCluster, name: string): Rule[] =>
  (cluster.get(http(name))?.spec as { rules: Rule[] }).rules;
const weights = (rule: Rule | undefined): unknown[] =>
  (rule?.backendRefs ?? []).map((r) => [r.name, r.weight]);
const header = (
  name: string,
  value: HeaderRoute['match'][number]['headerValue'],
  headerName = 'x-canary',
): HeaderRoute => ({ name, match: [{ headerName, headerValue: value }] });

function httpCluster(): InMemoryCluster {
  return new InMemoryCluster(loadFixture(dir, 'http-routes.yaml'));
}

/** JSON text of an object with its resourceVersion and weights put back as in `original`, so key order counts. */
function asOriginal(o: KubeObjectJson | undefined, original: KubeObjectJson): string {
  const copy = structuredClone(o) as KubeObjectJson & { spec: { rules: Rule[] } };
  const orig = original as typeof copy;
  copy.metadata.resourceVersion = original.metadata.resourceVersion;
  copy.spec.rules.forEach((rule, i) =>
    rule.backendRefs.forEach((ref, j) => {
      const w = orig.spec.rules[i]?.backendRefs[j]?.weight;
      if (w === undefined) delete ref.weight;
      else ref.weight = w;
    }),
  );
  return JSON.stringify(copy);
}

describe('gateway API weights', () => {
  it.each([0, 5, 50, 100])(
    'sets canary %i on the weighted rules of every route and reads it back',
    (w) => {
      const cluster = httpCluster();
      const ctx = ctxWith({ httpRoutes: [{ name: 'checkout-web' }, { name: 'checkout-mobile' }] });
      reconcileSettled(gatewayApi, cluster, ctx, aDesired({ canaryWeight: w }));
      expect(weights(rulesOf(cluster, 'checkout-web')[0])).toEqual([
        ['checkout-stable', 100 - w],
        ['checkout-canary', w],
      ]);
      expect(weights(rulesOf(cluster, 'checkout-mobile')[0])).toEqual([
        ['checkout-stable', 100 - w],
        ['checkout-canary', w],
      ]);
      expect(gatewayApi.readWeights(ctx, observe(cluster, gatewayApi, ctx))).toEqual({
        canary: w,
        stable: 100 - w,
        additional: [],
      });
    },
  );

  it('honours maxTrafficWeight', () => {
    const cluster = httpCluster();
    const ctx = ctxWith({ httpRoute: 'checkout-web' }, { maxTrafficWeight: 1000 });
    reconcileSettled(gatewayApi, cluster, ctx, aDesired({ canaryWeight: 125 }));
    expect(weights(rulesOf(cluster, 'checkout-web')[0])).toEqual([
      ['checkout-stable', 875],
      ['checkout-canary', 125],
    ]);
  });

  it('adds weights a rule leaves to the default and guards each by the backend name', () => {
    const cluster = httpCluster();
    const writes = reconcile(
      gatewayApi,
      cluster,
      ctxWith({ httpRoute: 'checkout-mobile' }),
      aDesired({ canaryWeight: 20 }),
    );
    expect(writes).toEqual([
      {
        op: 'jsonPatch',
        ref: http('checkout-mobile'),
        patch: [
          { op: 'test', path: '/metadata/resourceVersion', value: '5121' },
          { op: 'test', path: '/spec/rules/0/backendRefs/0/name', value: 'checkout-stable' },
          { op: 'test', path: '/spec/rules/0/backendRefs/1/name', value: 'checkout-canary' },
          { op: 'add', path: '/spec/rules/0/backendRefs/0/weight', value: 80 },
          { op: 'add', path: '/spec/rules/0/backendRefs/1/weight', value: 20 },
        ],
      },
    ]);
  });

  it('leaves rules with other backends, or with stable alone, and every foreign field as they were', () => {
    const original = pick(loadFixture(dir, 'http-routes.yaml'), 'HTTPRoute', 'checkout-web');
    const cluster = httpCluster();
    reconcileSettled(gatewayApi, cluster, webCtx(), aDesired({ canaryWeight: 100 }));
    const rules = rulesOf(cluster, 'checkout-web');
    expect(weights(rules[1])).toEqual([['assets', 1]]);
    expect(weights(rules[2])).toEqual([['checkout-stable', undefined]]);
    expect(asOriginal(cluster.get(http('checkout-web')), original)).toBe(JSON.stringify(original));
  });

  it('splits GRPCRoutes and TCPRoutes too', () => {
    const cluster = new InMemoryCluster(loadFixture(dir, 'grpc-tcp.yaml'));
    const ctx = ctxWith({ grpcRoute: 'checkout-grpc', tcpRoutes: [{ name: 'checkout-tcp' }] });
    expect(gatewayApi.objectsToRead(ctx).map((r) => `${r.apiVersion}/${r.kind}`)).toEqual([
      'gateway.networking.k8s.io/v1/GRPCRoute',
      'gateway.networking.k8s.io/v1alpha2/TCPRoute',
    ]);
    reconcileSettled(gatewayApi, cluster, ctx, aDesired({ canaryWeight: 30 }));
    const grpc = cluster.get({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      namespace: 'shop',
      name: 'checkout-grpc',
    });
    const tcp = cluster.get({
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TCPRoute',
      namespace: 'shop',
      name: 'checkout-tcp',
    });
    expect(weights((grpc?.spec as { rules: Rule[] }).rules[0])).toEqual([
      ['checkout-canary', 30],
      ['checkout-stable', 70],
    ]);
    expect(weights((tcp?.spec as { rules: Rule[] }).rules[0])).toEqual([
      ['checkout-stable', 70],
      ['checkout-canary', 30],
    ]);
  });

  it('finds routes in the configured namespace', () => {
    expect(gatewayApi.objectsToRead(ctxWith({ httpRoute: 'edge', namespace: 'gateways' }))).toEqual(
      [{ ...http('edge'), namespace: 'gateways' }],
    );
  });
});

describe('gateway API header and mirror routes', () => {
  it('adds a header rule per weighted rule: its matches with the headers ANDed, its filters, the canary only', () => {
    const cluster = httpCluster();
    const writes = reconcileSettled(
      gatewayApi,
      cluster,
      webCtx(),
      aDesired({
        canaryWeight: 10,
        headerRoutes: [
          {
            name: 'by-header',
            match: [
              { headerName: 'x-canary', headerValue: { exact: 'on' } },
              { headerName: 'x-beta', headerValue: { prefix: 'v1.' } },
            ],
          },
        ],
      }),
    );
    expectGuarded(writes);
    const rules = rulesOf(cluster, 'checkout-web');
    expect(rules).toHaveLength(4);
    const added = [
      { type: 'Exact', name: 'x-canary', value: 'on' },
      { type: 'RegularExpression', name: 'x-beta', value: '^v1\\..*' },
    ];
    expect(rules[3]).toEqual({
      matches: [
        { path: { type: 'PathPrefix', value: '/api' }, method: 'POST', headers: added },
        {
          path: { type: 'PathPrefix', value: '/api' },
          queryParams: [{ type: 'Exact', name: 'preview', value: '1' }],
          headers: added,
        },
      ],
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { set: [{ name: 'x-route', value: 'web' }] },
        },
      ],
      timeouts: { request: '10s' },
      backendRefs: [{ group: '', kind: 'Service', name: 'checkout-canary', port: 8080, weight: 1 }],
    });
    expect(
      JSON.parse(cluster.get(http('checkout-web'))?.metadata.annotations?.[BOOK] ?? '{}'),
    ).toEqual({ checkout: { 'by-header': [rules[3]] } });
  });

  it('keeps the weighted rule split while a header rule exists, and reads the weights past it', () => {
    const cluster = httpCluster();
    const ctx = webCtx();
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [header('by-header', { exact: 'on' })] }),
    );
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 40, headerRoutes: [header('by-header', { exact: 'on' })] }),
    );
    const rules = rulesOf(cluster, 'checkout-web');
    expect(weights(rules[0])).toEqual([
      ['checkout-stable', 60],
      ['checkout-canary', 40],
    ]);
    expect(weights(rules[3])).toEqual([['checkout-canary', 1]]);
    expect(gatewayApi.readWeights(ctx, observe(cluster, gatewayApi, ctx))).toEqual({
      canary: 40,
      stable: 60,
      additional: [],
    });
  });

  it('replaces a header rule whose match changed and appends rules in managedRoutes order', () => {
    const cluster = httpCluster();
    const ctx = webCtx();
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 10,
        headerRoutes: [header('by-cookie', { regex: 'canary=1' }, 'cookie')],
      }),
    );
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 10,
        headerRoutes: [
          header('by-cookie', { regex: 'canary=2' }, 'cookie'),
          header('by-header', { exact: 'on' }),
        ],
      }),
    );
    const rules = rulesOf(cluster, 'checkout-web');
    expect(rules).toHaveLength(5);
    expect(JSON.stringify(rules[3])).toContain('"x-canary"');
    expect(JSON.stringify(rules[4])).toContain('canary=2');
    expect(JSON.stringify(rules)).not.toContain('canary=1');
  });

  it('adds a mirror rule that mirrors to the canary and sends like the weighted rule', () => {
    const cluster = httpCluster();
    const ctx = webCtx();
    const mirror: MirrorRoute = {
      name: 'mirror',
      percentage: 20,
      match: [{ method: { exact: 'get' }, headers: { 'x-debug': { exact: '1' } } }],
    };
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 30, mirrorRoutes: [mirror] }),
    );
    const rules = rulesOf(cluster, 'checkout-web');
    expect(rules[3]).toEqual({
      matches: [
        {
          path: { type: 'PathPrefix', value: '/api' },
          method: 'GET',
          headers: [{ type: 'Exact', name: 'x-debug', value: '1' }],
        },
        {
          path: { type: 'PathPrefix', value: '/api' },
          method: 'GET',
          queryParams: [{ type: 'Exact', name: 'preview', value: '1' }],
          headers: [{ type: 'Exact', name: 'x-debug', value: '1' }],
        },
      ],
      filters: [
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: { set: [{ name: 'x-route', value: 'web' }] },
        },
        {
          type: 'RequestMirror',
          requestMirror: {
            backendRef: { group: '', kind: 'Service', name: 'checkout-canary', port: 8080 },
            percent: 20,
          },
        },
      ],
      timeouts: { request: '10s' },
      backendRefs: [
        { group: '', kind: 'Service', name: 'checkout-stable', port: 8080, weight: 70 },
        { group: '', kind: 'Service', name: 'checkout-canary', port: 8080, weight: 30 },
      ],
    });
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 60, mirrorRoutes: [mirror] }),
    );
    expect(weights(rulesOf(cluster, 'checkout-web')[3])).toEqual([
      ['checkout-stable', 40],
      ['checkout-canary', 60],
    ]);
    expect(rulesOf(cluster, 'checkout-web')).toHaveLength(4);
  });

  it.each([
    ['abort', aDesired({ canaryWeight: 0 })],
    ['promotion', aDesired({ canaryWeight: 0, canaryHash: 'b', stableHash: 'b' })],
  ])('%s removes the managed rules and their record, leaving the route as it was', (_what, end) => {
    const original = pick(loadFixture(dir, 'http-routes.yaml'), 'HTTPRoute', 'checkout-web');
    const cluster = httpCluster();
    const ctx = webCtx();
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({
        canaryWeight: 50,
        headerRoutes: [header('by-header', { exact: 'on' })],
        mirrorRoutes: [{ name: 'mirror', match: [{ path: { exact: '/api/cart' } }] }],
      }),
    );
    expect(rulesOf(cluster, 'checkout-web')).toHaveLength(5);
    reconcileSettled(gatewayApi, cluster, ctx, end);
    expect(asOriginal(cluster.get(http('checkout-web')), original)).toBe(JSON.stringify(original));
  });

  it('adds managed rules only to HTTPRoutes that take header routes', () => {
    const cluster = httpCluster();
    const ctx = ctxWith(
      {
        httpRoutes: [{ name: 'checkout-web', useHeaderRoutes: true }, { name: 'checkout-mobile' }],
      },
      { managedRoutes: ['by-header'] },
    );
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [header('by-header', { exact: 'on' })] }),
    );
    expect(rulesOf(cluster, 'checkout-web')).toHaveLength(4);
    expect(rulesOf(cluster, 'checkout-mobile')).toHaveLength(1);
    const mobile = rulesOf(cluster, 'checkout-mobile');
    expect(mobile[0]?.matches).toBeUndefined();
  });

  it('builds a root-path match for a weighted rule without matches', () => {
    const cluster = httpCluster();
    reconcileSettled(
      gatewayApi,
      cluster,
      ctxWith({ httpRoute: 'checkout-mobile' }),
      aDesired({ canaryWeight: 10, headerRoutes: [header('h', { exact: '1' })] }),
    );
    expect(rulesOf(cluster, 'checkout-mobile')[1]?.matches).toEqual([
      {
        path: { type: 'PathPrefix', value: '/' },
        headers: [{ type: 'Exact', name: 'x-canary', value: '1' }],
      },
    ]);
  });

  it('still recognises its rules after the API server re-encodes them (sorted keys, defaults spelled out)', () => {
    const cluster = httpCluster();
    const ctx = ctxWith({ httpRoute: 'checkout-mobile' });
    const desired = aDesired({ canaryWeight: 10, headerRoutes: [header('h', { exact: '1' })] });
    reconcileSettled(gatewayApi, cluster, ctx, desired);
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortKeys)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
            )
          : v;
    const route = sortKeys(cluster.get(http('checkout-mobile'))) as KubeObjectJson & {
      spec: { rules: Array<{ backendRefs: Array<Record<string, unknown>> }> };
    };
    for (const ref of route.spec.rules[0]?.backendRefs ?? [])
      Object.assign(ref, { group: '', kind: 'Service' });
    cluster.put(route);
    expect(gatewayApi.plan(ctx, observe(cluster, gatewayApi, ctx), desired)).toEqual({
      writes: [],
    });
  });

  it("keeps another Rollout's record and rules on a shared route", () => {
    const objects = loadFixture(dir, 'http-routes.yaml');
    const web = pick(objects, 'HTTPRoute', 'checkout-web');
    const theirs = {
      matches: [
        {
          path: { type: 'PathPrefix', value: '/pay' },
          headers: [{ type: 'Exact', name: 'x-pay', value: '1' }],
        },
      ],
      backendRefs: [{ group: '', kind: 'Service', name: 'pay-canary', port: 80, weight: 1 }],
    };
    (web.spec as { rules: unknown[] }).rules.push(theirs);
    web.metadata.annotations = {
      ...web.metadata.annotations,
      [BOOK]: JSON.stringify({ payments: { pay: [theirs] } }),
    };
    const cluster = new InMemoryCluster([web]);
    const ctx = webCtx();
    reconcileSettled(
      gatewayApi,
      cluster,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [header('by-header', { exact: 'on' })] }),
    );
    reconcileSettled(gatewayApi, cluster, ctx, aDesired({ canaryWeight: 0 }));
    expect(rulesOf(cluster, 'checkout-web')[3]).toEqual(theirs);
    expect(
      JSON.parse(cluster.get(http('checkout-web'))?.metadata.annotations?.[BOOK] ?? ''),
    ).toEqual({ payments: { pay: [theirs] } });
  });
});

describe('gateway API errors and validation', () => {
  it.each([
    [
      'a missing route',
      ctxWith({ httpRoute: 'nope' }),
      aDesired({ canaryWeight: 10 }),
      "HTTPRoute 'shop/nope' not found",
    ],
    [
      'a route without a weighted rule',
      ctxWith({ httpRoute: 'checkout-web' }, { canaryService: 'other-canary' }),
      aDesired({ canaryWeight: 10 }),
      "HTTPRoute 'shop/checkout-web' has no rule with backendRefs to both canary Service 'other-canary' and stable Service 'checkout-stable'",
    ],
    [
      'header routes without a route taking them',
      ctxWith({ httpRoutes: [{ name: 'checkout-web' }] }),
      aDesired({ headerRoutes: [header('h', { exact: '1' })] }),
      "managed route 'h' needs an HTTPRoute with useHeaderRoutes: true",
    ],
    [
      'a method matched by prefix',
      webCtx(),
      aDesired({ mirrorRoutes: [{ name: 'mirror', match: [{ method: { prefix: 'G' } }] }] }),
      "mirror route 'mirror': Gateway API matches methods exactly, not by prefix",
    ],
    [
      'an invalid config',
      ctxWith({}),
      aDesired(),
      'invalid argoproj-labs/gatewayAPI config: spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI needs at least one of httpRoute(s), grpcRoute(s), tcpRoute(s) or tlsRoute(s)',
    ],
  ])('plan fails clearly on %s', (_what, ctx, desired, message) => {
    expect(planError(gatewayApi, httpCluster(), ctx, desired)).toBe(message);
  });

  it('refuses to grow a route past 16 rules', () => {
    const objects = loadFixture(dir, 'http-routes.yaml');
    const web = pick(objects, 'HTTPRoute', 'checkout-web');
    const rules = (web.spec as { rules: unknown[] }).rules;
    while (rules.length < 16)
      rules.push({
        matches: [{ path: { type: 'Exact', value: `/r${rules.length}` } }],
        backendRefs: [{ name: 'assets', port: 80 }],
      });
    const error = planError(
      gatewayApi,
      new InMemoryCluster([web]),
      webCtx(),
      aDesired({ headerRoutes: [header('by-header', { exact: 'on' })] }),
    );
    expect(error).toBe(
      "HTTPRoute 'shop/checkout-web' would have 17 rules with its managed rules; Gateway API allows 16",
    );
  });

  it('makes a concurrent writer fail the patch', () => {
    const cluster = httpCluster();
    const plan = gatewayApi.plan(
      webCtx(),
      observe(cluster, gatewayApi, webCtx()),
      aDesired({ canaryWeight: 10 }),
    );
    const web = cluster.get(http('checkout-web')) as KubeObjectJson;
    cluster.put({ ...web, metadata: { ...web.metadata, resourceVersion: '9999' } });
    expect(() => cluster.apply('writes' in plan ? plan.writes : [])).toThrow(/test failed/);
  });

  it.each([
    [{ httpRoute: 'a' }, [], []],
    [
      {},
      [],
      [
        'spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI needs at least one of httpRoute(s), grpcRoute(s), tcpRoute(s) or tlsRoute(s)',
      ],
    ],
    [
      { httpRoutes: [{ useHeaderRoutes: true }] },
      [],
      [
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI.httpRoutes[0].name'",
      ],
    ],
    [
      { httpRoute: 'a', httpRoutes: [{ name: 'a' }] },
      [],
      [
        "spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI lists HTTPRoute 'a' more than once",
      ],
    ],
    [
      { httpRoutes: [{ name: 'a' }] },
      ['h'],
      [
        'spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI: managedRoutes need an HTTPRoute with useHeaderRoutes: true (or the httpRoute shorthand)',
      ],
    ],
    [
      { grpcRoute: 'g', httpRouteSelector: { matchLabels: { a: 'b' } } },
      [],
      [
        'spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI.httpRouteSelector is not supported: list the HTTPRoutes by name',
      ],
    ],
  ])('validate %j (managedRoutes %j)', (config, managedRoutes, problems) => {
    expect(gatewayApi.validate(ctxWith(config, { managedRoutes }))).toEqual(problems);
  });
});
