import { describe, expect, it } from 'vitest';
import { alb } from '../../../../src/providers/traffic/alb/index.js';
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
const P = 'alb.ingress.kubernetes.io';
const RECORD = 'rollouts.argoproj.io/managed-alb-annotations';
const ingress = (name: string): ObjectRef => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace: 'shop',
  name,
});
const ctxFor = (
  config: Record<string, unknown> = {},
  overrides: Parameters<typeof aRouteContext>[0] = {},
) =>
  aRouteContext({
    config: { ingress: 'checkout-public', servicePort: 8080, ...config },
    managedRoutes: ['by-header', 'by-tenant'],
    ...overrides,
  });
const header = (name: string, ...pairs: Array<[string, string]>): HeaderRoute => ({
  name,
  match: pairs.map(([headerName, exact]) => ({ headerName, headerValue: { exact } })),
});
const fresh = (): InMemoryCluster => new InMemoryCluster(loadFixture(dir, 'ingresses.yaml'));
const annotations = (c: InMemoryCluster, name = 'checkout-public'): Record<string, string> =>
  c.get(ingress(name))?.metadata.annotations ?? {};
const action = (
  c: InMemoryCluster,
  key = `${P}/actions.checkout-stable`,
  name = 'checkout-public',
): unknown => JSON.parse(annotations(c, name)[key] ?? 'null');
type Path = { path: string; backend: { service: { name: string; port: Record<string, unknown> } } };
const paths = (c: InMemoryCluster): unknown[] =>
  (
    (c.get(ingress('checkout-public'))?.spec as { rules: Array<{ http: { paths: Path[] } }> })
      .rules[0]?.http.paths ?? []
  ).map((p) => [p.path, p.backend.service.name]);
const forward = (groups: Array<[string, number]>, port = '8080'): unknown => ({
  Type: 'forward',
  ForwardConfig: {
    TargetGroups: groups.map(([ServiceName, Weight]) => ({
      ServiceName,
      ServicePort: port,
      Weight,
    })),
  },
});

describe('alb weights', () => {
  it.each([0, 20, 100])(
    'writes canary %i into the action annotation of every Ingress and reads it back',
    (w) => {
      const c = fresh();
      const ctx = ctxFor({
        ingress: undefined,
        ingresses: ['checkout-public', 'checkout-internal'],
      });
      const writes = reconcileSettled(alb, c, ctx, aDesired({ canaryWeight: w }));
      expectGuarded(writes);
      for (const name of ['checkout-public', 'checkout-internal']) {
        expect(action(c, `${P}/actions.checkout-stable`, name)).toEqual(
          forward([
            ['checkout-canary', w],
            ['checkout-stable', 100 - w],
          ]),
        );
      }
      expect(annotations(c, 'checkout-internal')[RECORD]).toBe(
        `{"checkout":["${P}/actions.checkout-stable"]}`,
      );
      expect(alb.readWeights(ctx, observe(c, alb, ctx))).toEqual({
        canary: w,
        stable: 100 - w,
        additional: [],
      });
    },
  );

  it('writes the action JSON as the controller reads it, with stickiness and experiment target groups', () => {
    const c = fresh();
    const ctx = ctxFor({ stickinessConfig: { enabled: true, durationSeconds: 3600 } });
    reconcileSettled(
      alb,
      c,
      ctx,
      aDesired({
        canaryWeight: 10,
        additionalDestinations: [{ serviceName: 'checkout-exp', weight: 5 }],
      }),
    );
    expect(annotations(c)[`${P}/actions.checkout-stable`]).toBe(
      '{"Type":"forward","ForwardConfig":{"TargetGroups":[{"ServiceName":"checkout-canary","ServicePort":"8080","Weight":10},{"ServiceName":"checkout-exp","ServicePort":"8080","Weight":5},{"ServiceName":"checkout-stable","ServicePort":"8080","Weight":85}],"TargetGroupStickinessConfig":{"Enabled":true,"DurationSeconds":3600}}}',
    );
    expect(alb.readWeights(ctx, observe(c, alb, ctx))).toEqual({
      canary: 10,
      stable: 85,
      additional: [{ serviceName: 'checkout-exp', weight: 5 }],
    });
  });

  it("names the action after rootService, honours annotationPrefix and keeps another Rollout's record", () => {
    const objects = loadFixture(dir, 'ingresses.yaml');
    const pub = pick(objects, 'Ingress', 'checkout-public');
    const rules = (pub.spec as { rules: Array<{ http: { paths: Path[] } }> }).rules;
    const api = rules[0]?.http.paths[1];
    if (api !== undefined) api.backend.service.name = 'checkout-root';
    const c = new InMemoryCluster([pub]);
    reconcileSettled(
      alb,
      c,
      ctxFor({ rootService: 'checkout-root', annotationPrefix: 'alb.example.org' }),
      aDesired({ canaryWeight: 30 }),
    );
    expect(action(c, 'alb.example.org/actions.checkout-root')).toEqual(
      forward([
        ['checkout-canary', 30],
        ['checkout-stable', 70],
      ]),
    );
    expect(JSON.parse(annotations(c)[RECORD] ?? '')).toEqual({
      checkout: ['alb.example.org/actions.checkout-root'],
      payments: [`${P}/actions.payments-stable`],
    });
  });

  it('leaves every other annotation, path and field as it was', () => {
    const original = pick(loadFixture(dir, 'ingresses.yaml'), 'Ingress', 'checkout-public');
    const c = fresh();
    reconcileSettled(
      alb,
      c,
      ctxFor(),
      aDesired({ canaryWeight: 40, headerRoutes: [header('by-header', ['x-canary', 'on'])] }),
    );
    reconcileSettled(alb, c, ctxFor(), aDesired({ canaryWeight: 0 }));
    const after = c.get(ingress('checkout-public')) as KubeObjectJson;
    const ann = { ...after.metadata.annotations };
    delete ann[`${P}/actions.checkout-stable`];
    ann[RECORD] = original.metadata.annotations?.[RECORD] ?? '';
    expect(
      JSON.stringify({
        ...after,
        metadata: {
          ...after.metadata,
          resourceVersion: original.metadata.resourceVersion,
          annotations: ann,
        },
      }),
    ).toBe(JSON.stringify(original));
  });
});

describe('alb header routes', () => {
  it('adds the action, the http-header conditions and a use-annotation path before the stable path', () => {
    const c = fresh();
    const writes = reconcileSettled(
      alb,
      c,
      ctxFor(),
      aDesired({
        canaryWeight: 10,
        headerRoutes: [header('by-header', ['x-canary', 'on'], ['x-tenant', 'acme'])],
      }),
    );
    expectGuarded(writes);
    expect(action(c, `${P}/actions.by-header`)).toEqual(forward([['checkout-canary', 100]]));
    expect(annotations(c)[`${P}/conditions.by-header`]).toBe(
      '[{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"x-canary","values":["on"]}},{"field":"http-header","httpHeaderConfig":{"httpHeaderName":"x-tenant","values":["acme"]}}]',
    );
    expect(JSON.parse(annotations(c)[RECORD] ?? '')).toEqual({
      checkout: [
        `${P}/actions.checkout-stable`,
        `${P}/actions.by-header`,
        `${P}/conditions.by-header`,
      ],
      payments: [`${P}/actions.payments-stable`],
    });
    expect(paths(c)).toEqual([
      ['/docs', 'docs'],
      ['/api', 'by-header'],
      ['/api', 'checkout-stable'],
      ['/pay', 'payments-stable'],
    ]);
    const added = (
      c.get(ingress('checkout-public'))?.spec as { rules: Array<{ http: { paths: unknown[] } }> }
    ).rules[0]?.http.paths[1];
    expect(added).toEqual({
      path: '/api',
      pathType: 'Prefix',
      backend: { service: { name: 'by-header', port: { name: 'use-annotation' } } },
    });
  });

  it('orders header paths by managedRoutes and removes a route with its keys and path', () => {
    const c = fresh();
    const ctx = ctxFor();
    reconcileSettled(
      alb,
      c,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [header('by-tenant', ['x-tenant', 'acme'])] }),
    );
    reconcileSettled(
      alb,
      c,
      ctx,
      aDesired({
        canaryWeight: 10,
        headerRoutes: [
          header('by-tenant', ['x-tenant', 'acme']),
          header('by-header', ['x-canary', 'on']),
        ],
      }),
    );
    expect(paths(c)).toEqual([
      ['/docs', 'docs'],
      ['/api', 'by-header'],
      ['/api', 'by-tenant'],
      ['/api', 'checkout-stable'],
      ['/pay', 'payments-stable'],
    ]);
    reconcileSettled(
      alb,
      c,
      ctx,
      aDesired({ canaryWeight: 10, headerRoutes: [header('by-header', ['x-canary', 'on'])] }),
    );
    expect(paths(c)).toEqual([
      ['/docs', 'docs'],
      ['/api', 'by-header'],
      ['/api', 'checkout-stable'],
      ['/pay', 'payments-stable'],
    ]);
    expect(Object.keys(annotations(c)).filter((k) => k.includes('by-tenant'))).toEqual([]);
  });

  it.each([
    ['abort', aDesired({ canaryWeight: 0 })],
    ['promotion', aDesired({ canaryWeight: 0, canaryHash: 'h', stableHash: 'h' })],
  ])('%s removes every header route, leaving the weighted action at 0', (_what, end) => {
    const c = fresh();
    const ctx = ctxFor();
    reconcileSettled(
      alb,
      c,
      ctx,
      aDesired({
        canaryWeight: 60,
        headerRoutes: [
          header('by-header', ['x-canary', 'on']),
          header('by-tenant', ['x-tenant', 'a']),
        ],
      }),
    );
    reconcileSettled(alb, c, ctx, end);
    expect(paths(c)).toEqual([
      ['/docs', 'docs'],
      ['/api', 'checkout-stable'],
      ['/pay', 'payments-stable'],
    ]);
    expect(Object.keys(annotations(c)).filter((k) => /by-(header|tenant)/.test(k))).toEqual([]);
    expect(action(c)).toEqual(
      forward([
        ['checkout-canary', 0],
        ['checkout-stable', 100],
      ]),
    );
  });

  it('ignores mirror routes (validation allows them with Istio and plugins only)', () => {
    const c = fresh();
    const plain = alb.plan(ctxFor(), observe(c, alb, ctxFor()), aDesired({ canaryWeight: 10 }));
    const mirrored = alb.plan(
      ctxFor(),
      observe(c, alb, ctxFor()),
      aDesired({
        canaryWeight: 10,
        mirrorRoutes: [{ name: 'm', match: [{ path: { prefix: '/' } }] }],
      }),
    );
    expect(mirrored).toEqual(plain);
  });
});

describe('alb errors and validation', () => {
  it.each([
    [
      'a missing Ingress',
      ctxFor({ ingress: 'nope' }),
      aDesired({ canaryWeight: 10 }),
      "Ingress 'shop/nope' not found",
    ],
    [
      'an Ingress without the action service',
      ctxFor({ rootService: 'elsewhere' }),
      aDesired({ canaryWeight: 10 }),
      "Ingress 'shop/checkout-public' has no rule with backend service 'elsewhere'",
    ],
    [
      'a header matched by prefix',
      ctxFor(),
      aDesired({
        headerRoutes: [
          { name: 'by-header', match: [{ headerName: 'x', headerValue: { prefix: 'a' } }] },
        ],
      }),
      "header route 'by-header': header 'x': ALB matches headers by exact value only",
    ],
    [
      'an invalid config',
      ctxFor({ servicePort: undefined }),
      aDesired(),
      "invalid alb config: Rollout has missing field 'spec.strategy.canary.trafficRouting.alb.servicePort'",
    ],
  ])('plan fails clearly on %s', (_what, ctx, desired, message) => {
    expect(planError(alb, fresh(), ctx, desired)).toBe(message);
  });

  it.each([
    [{ ingress: 'a', servicePort: 80 }, []],
    [
      { servicePort: 80 },
      ["Rollout has missing field 'spec.strategy.canary.trafficRouting.alb.ingress'"],
    ],
    [
      { ingress: 'a', ingresses: ['b'], servicePort: 80 },
      ['spec.strategy.canary.trafficRouting.alb: set either ingress or ingresses, not both'],
    ],
    [
      { ingresses: ['a', 'a'], servicePort: 80 },
      ["spec.strategy.canary.trafficRouting.alb.ingresses lists Ingress 'a' more than once"],
    ],
    [
      { ingress: 'a', servicePort: 80, stickinessConfig: { enabled: true, durationSeconds: 0 } },
      [
        'spec.strategy.canary.trafficRouting.alb.stickinessConfig.durationSeconds must be between 1 and 604800, got 0',
      ],
    ],
    [{ ingress: 'a', servicePort: 80, stickinessConfig: { enabled: false } }, []],
  ])('validate %j', (config, problems) => {
    expect(alb.validate(aRouteContext({ config }))).toEqual(problems);
  });
});
