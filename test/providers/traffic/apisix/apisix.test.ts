import { describe, expect, it } from 'vitest';
import { apisix } from '../../../../src/providers/traffic/apisix/index.js';
import type {
  HeaderRoute,
  KubeObjectJson,
  ObjectRef,
} from '../../../../src/providers/traffic/types.js';
import { InMemoryCluster } from '../support/in-memory-cluster.js';
import { aDesired, aRouteContext } from '../router-kit/context.js';
import { loadFixture, pick } from '../router-kit/fixtures.js';
import { expectGuarded, observe, planError, reconcileSettled } from '../router-kit/reconcile.js';

const dir = import.meta.dirname;
const ref = (name: string): ObjectRef => ({
  apiVersion: 'apisix.apache.org/v2',
  kind: 'ApisixRoute',
  namespace: 'shop',
  name,
});
const ctxFor = (
  route: unknown = { name: 'checkout-route' },
  overrides: Parameters<typeof aRouteContext>[0] = {},
) =>
  aRouteContext({
    config: { route },
    managedRoutes: ['canary-header', 'beta-header'],
    ...overrides,
  });
const header = (
  name: string,
  headerValue: HeaderRoute['match'][number]['headerValue'],
): HeaderRoute => ({ name, match: [{ headerName: 'x-canary', headerValue }] });

type Rule = {
  name: string;
  priority?: number;
  match?: { exprs?: unknown[] };
  backends: Array<{ serviceName: string; weight?: number }>;
};
const rules = (o: KubeObjectJson | undefined): Rule[] => (o?.spec as { http: Rule[] }).http;
const backendWeights = (r: Rule | undefined): unknown[] =>
  (r?.backends ?? []).map((b) => [b.serviceName, b.weight]);
const cluster = (): InMemoryCluster => new InMemoryCluster(loadFixture(dir, 'apisix-route.yaml'));

function asOriginal(o: KubeObjectJson | undefined, original: KubeObjectJson): string {
  const copy = structuredClone(o) as KubeObjectJson;
  copy.metadata.resourceVersion = original.metadata.resourceVersion;
  rules(copy).forEach((r, i) =>
    r.backends.forEach((b, j) => {
      const w = rules(original)[i]?.backends[j]?.weight;
      if (w === undefined) delete b.weight;
      else b.weight = w;
    }),
  );
  return JSON.stringify(copy);
}

describe('apisix weights', () => {
  it.each([0, 10, 75, 100])(
    'sets canary %i on the rule named like the route and reads it back',
    (w) => {
      const c = cluster();
      reconcileSettled(apisix, c, ctxFor(), aDesired({ canaryWeight: w }));
      const http = rules(c.get(ref('checkout-route')));
      expect(backendWeights(http[0])).toEqual([
        ['checkout-stable', 100 - w],
        ['checkout-canary', w],
      ]);
      expect(backendWeights(http[2])).toEqual([
        ['checkout-stable', undefined],
        ['checkout-canary', undefined],
      ]);
      expect(apisix.readWeights(ctxFor(), observe(c, apisix, ctxFor()))).toEqual({
        canary: w,
        stable: 100 - w,
        additional: [],
      });
    },
  );

  it('splits every listed rule, adding weights a rule leaves out, and keeps all else', () => {
    const original = pick(loadFixture(dir, 'apisix-route.yaml'), 'ApisixRoute');
    const c = cluster();
    const ctx = ctxFor({ name: 'checkout-route', rules: ['checkout-route', 'checkout-legacy'] });
    const writes = reconcileSettled(apisix, c, ctx, aDesired({ canaryWeight: 30 }));
    expectGuarded(writes);
    const http = rules(c.get(ref('checkout-route')));
    expect(backendWeights(http[2])).toEqual([
      ['checkout-stable', 70],
      ['checkout-canary', 30],
    ]);
    expect(asOriginal(c.get(ref('checkout-route')), original)).toBe(JSON.stringify(original));
  });

  it('ignores experiment destinations, so the split still sums to maxTrafficWeight', () => {
    const c = cluster();
    reconcileSettled(
      apisix,
      c,
      ctxFor(),
      aDesired({ canaryWeight: 20, additionalDestinations: [{ serviceName: 'exp', weight: 10 }] }),
    );
    expect(backendWeights(rules(c.get(ref('checkout-route')))[0])).toEqual([
      ['checkout-stable', 80],
      ['checkout-canary', 20],
    ]);
  });
});

describe('apisix header routes', () => {
  it('creates an owned ApisixRoute cloning the split rules, canary only, priority + 1, header exprs added', () => {
    const c = cluster();
    const writes = reconcileSettled(
      apisix,
      c,
      ctxFor(),
      aDesired({ canaryWeight: 10, headerRoutes: [header('canary-header', { prefix: 'v2.' })] }),
    );
    expect(writes.map((w) => w.op)).toEqual(['jsonPatch', 'create']);
    const created = c.get(ref('canary-header'));
    expect(created?.metadata).toMatchObject({
      name: 'canary-header',
      namespace: 'shop',
      labels: { app: 'checkout' },
      annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'checkout' },
      ownerReferences: [
        {
          kind: 'Rollout',
          name: 'checkout',
          uid: '0b7d6c52-9a1e-4f3b-8c2d-5e6f7a8b9c0d',
          controller: true,
        },
      ],
    });
    expect(created?.spec).toEqual({
      ingressClassName: 'apisix',
      http: [
        {
          name: 'checkout-route',
          priority: 3,
          match: {
            hosts: ['shop.example.com'],
            paths: ['/api/*'],
            methods: ['GET', 'POST'],
            exprs: [
              { subject: { scope: 'Query', name: 'region' }, op: 'In', set: ['eu', 'us'] },
              {
                subject: { scope: 'Header', name: 'x-canary' },
                op: 'RegexMatch',
                value: '^v2\\..*',
              },
            ],
          },
          backends: [{ serviceName: 'checkout-canary', servicePort: 8080, weight: 100 }],
          plugins: [{ name: 'limit-count', enable: true, config: { count: 100, time_window: 60 } }],
          timeout: { read: '15s' },
        },
      ],
    });
  });

  it.each([
    [{ exact: 'yes' }, { op: 'Equal', value: 'yes' }],
    [{ regex: '^(a|b)$' }, { op: 'RegexMatch', value: '^(a|b)$' }],
  ])('matches %j as %j', (value, expr) => {
    const c = cluster();
    reconcileSettled(
      apisix,
      c,
      ctxFor(),
      aDesired({ headerRoutes: [header('canary-header', value)] }),
    );
    expect(rules(c.get(ref('canary-header')))[0]?.match?.exprs?.[1]).toEqual({
      subject: { scope: 'Header', name: 'x-canary' },
      ...expr,
    });
  });

  it('updates its header route when the match changes and deletes it when it is no longer wanted', () => {
    const c = cluster();
    const ctx = ctxFor();
    reconcileSettled(
      apisix,
      c,
      ctx,
      aDesired({ headerRoutes: [header('canary-header', { exact: 'a' })] }),
    );
    const update = reconcileSettled(
      apisix,
      c,
      ctx,
      aDesired({ headerRoutes: [header('canary-header', { exact: 'b' })] }),
    );
    expect(update).toMatchObject([
      {
        op: 'jsonPatch',
        ref: ref('canary-header'),
        patch: [
          { op: 'test', path: '/metadata/resourceVersion' },
          { op: 'replace', path: '/spec' },
        ],
      },
    ]);
    expect(JSON.stringify(c.get(ref('canary-header'))?.spec)).toContain('"value":"b"');
    const removal = reconcileSettled(
      apisix,
      c,
      ctx,
      aDesired({ headerRoutes: [{ name: 'canary-header', match: [] }] }),
    );
    expect(removal).toEqual([{ op: 'delete', ref: ref('canary-header') }]);
    expect(c.get(ref('canary-header'))).toBeUndefined();
  });

  it.each([
    ['abort', aDesired({ canaryWeight: 0 })],
    ['promotion', aDesired({ canaryWeight: 0, canaryHash: 'h', stableHash: 'h' })],
  ])('%s deletes every header route and restores the base route', (_what, end) => {
    const original = pick(loadFixture(dir, 'apisix-route.yaml'), 'ApisixRoute');
    const c = cluster();
    const ctx = ctxFor();
    reconcileSettled(
      apisix,
      c,
      ctx,
      aDesired({
        canaryWeight: 40,
        headerRoutes: [
          header('canary-header', { exact: 'a' }),
          header('beta-header', { exact: 'b' }),
        ],
      }),
    );
    expect([...c.objects().values()].map((o) => o.metadata.name).sort()).toEqual([
      'beta-header',
      'canary-header',
      'checkout-route',
    ]);
    reconcileSettled(apisix, c, ctx, end);
    expect([...c.objects().values()].map((o) => o.metadata.name)).toEqual(['checkout-route']);
    expect(asOriginal(c.get(ref('checkout-route')), original)).toBe(JSON.stringify(original));
  });

  it('never touches an ApisixRoute of that name it does not manage', () => {
    const c = cluster();
    c.put({
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      metadata: { name: 'beta-header', namespace: 'shop', resourceVersion: '1' },
      spec: { http: [] },
    });
    expect(
      planError(
        apisix,
        c,
        ctxFor(),
        aDesired({ headerRoutes: [header('beta-header', { exact: 'b' })] }),
      ),
    ).toBe("ApisixRoute 'shop/beta-header' exists and is not managed by Rollout 'checkout'");
    const plan = apisix.plan(ctxFor(), observe(c, apisix, ctxFor()), aDesired());
    expect(plan).toEqual({ writes: [] });
  });
});

describe('apisix errors and validation', () => {
  it.each([
    ['a missing route', ctxFor({ name: 'nope' }), "ApisixRoute 'shop/nope' not found"],
    [
      'a missing rule',
      ctxFor({ name: 'checkout-route', rules: ['checkout-v3'] }),
      "rule 'checkout-v3' not found in spec.http of ApisixRoute 'shop/checkout-route'",
    ],
    [
      'a rule without the canary',
      ctxFor({ name: 'checkout-route', rules: ['checkout-static'] }),
      "rule 'checkout-static' of ApisixRoute 'shop/checkout-route' has no backend for canary Service 'checkout-canary'",
    ],
    [
      'an invalid config',
      ctxFor({}),
      "invalid apisix config: Rollout has missing field 'spec.strategy.canary.trafficRouting.apisix.route.name'",
    ],
  ])('plan fails clearly on %s', (_what, ctx, message) => {
    expect(planError(apisix, cluster(), ctx, aDesired({ canaryWeight: 10 }))).toBe(message);
  });

  it('fails on a route without spec.http', () => {
    const c = new InMemoryCluster([
      {
        apiVersion: 'apisix.apache.org/v2',
        kind: 'ApisixRoute',
        metadata: { name: 'checkout-route', namespace: 'shop' },
        spec: {},
      },
    ]);
    expect(planError(apisix, c, ctxFor(), aDesired())).toBe(
      "spec.http not found in ApisixRoute 'shop/checkout-route'",
    );
  });

  it('reads the managed route objects too', () => {
    expect(apisix.objectsToRead(ctxFor()).map((r) => r.name)).toEqual([
      'checkout-route',
      'canary-header',
      'beta-header',
    ]);
  });

  it.each([
    [{ route: { name: 'r' } }, []],
    [{}, ["Rollout has missing field 'spec.strategy.canary.trafficRouting.apisix.route'"]],
    [
      { route: { name: 'r', rules: ['a', 'a'] } },
      ["spec.strategy.canary.trafficRouting.apisix.route.rules lists rule 'a' more than once"],
    ],
    [
      { route: { name: 'canary-header' } },
      [
        "managed route 'canary-header' would replace the ApisixRoute it is cloned from; give it another name",
      ],
    ],
  ])('validate %j', (config, problems) => {
    expect(apisix.validate(aRouteContext({ config, managedRoutes: ['canary-header'] }))).toEqual(
      problems,
    );
  });
});
