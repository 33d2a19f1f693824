import { describe, expect, it } from 'vitest';
import { canaryServiceAddress } from '../../../../src/providers/traffic/ambassador/canary-mapping.js';
import { ambassador } from '../../../../src/providers/traffic/ambassador/index.js';
import type {
  KubeObjectJson,
  RouteContext,
  RouterPlan,
} from '../../../../src/providers/traffic/types.js';
import { aDesired, InMemoryCluster } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { AMBASSADOR_CONFIG, mapping, objects } from './fixture.js';

const ctx = (overrides: Partial<RouteContext> = {}): RouteContext =>
  aRouteContext({ config: AMBASSADOR_CONFIG, ...overrides });

function plan(c: RouteContext, cluster: InMemoryCluster, weight = 30): RouterPlan {
  return ambassador.plan(c, cluster.observe(ambassador.objectsToRead(c)), aDesired(weight));
}

function step(c: RouteContext, cluster: InMemoryCluster, weight: number): void {
  const p = plan(c, cluster, weight);
  if ('error' in p) throw new Error(p.error);
  cluster.apply(p.writes);
}

const withBase = (name: string, change: (o: KubeObjectJson) => KubeObjectJson): KubeObjectJson[] =>
  objects().map((o) => (o.metadata.name === name ? change(o) : o));

describe('ambassador canary Mappings', () => {
  it('clones the base Mapping as <mapping>-canary, owned by the Rollout, service pointed at the canary, weighted', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctx(), cluster, 30);
    expect(cluster.get(mapping('checkout-api-canary'))).toEqual({
      apiVersion: 'getambassador.io/v2',
      kind: 'Mapping',
      metadata: {
        name: 'checkout-api-canary',
        namespace: 'shop',
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name: 'checkout',
            uid: ctx().rollout.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        uid: expect.any(String) as string,
        resourceVersion: expect.any(String) as string,
      },
      spec: {
        ambassador_id: ['edge'],
        host: 'shop.example.com',
        prefix: '/checkout/api/',
        rewrite: '/api/',
        service: 'checkout-canary.shop:8080',
        timeout_ms: 5000,
        retry_policy: { retry_on: '5xx', num_retries: 2 },
        weight: 30,
      },
    });
  });

  it('moves an existing clone with a guarded merge patch of spec.weight alone', () => {
    expect(
      plan(ctx({ config: { mappings: ['checkout-web'] } }), new InMemoryCluster(objects()), 45),
    ).toEqual({
      writes: [
        {
          op: 'mergePatch',
          ref: mapping('checkout-web-canary'),
          patch: { metadata: { resourceVersion: '7003' }, spec: { weight: 45 } },
        },
      ],
    });
  });

  it('deletes the clones at weight 0, and writes nothing when there are none', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctx(), cluster, 20);
    expect(plan(ctx(), cluster, 0)).toEqual({
      writes: [
        { op: 'delete', ref: mapping('checkout-api-canary') },
        { op: 'delete', ref: mapping('checkout-web-canary') },
      ],
    });
    step(ctx(), cluster, 0);
    expect(plan(ctx(), cluster, 0)).toEqual({ writes: [] });
    expect(ambassador.readWeights(ctx(), cluster.observe(ambassador.objectsToRead(ctx())))).toEqual(
      { canary: 0, stable: 100, additional: [] },
    );
  });

  it('refuses a base Mapping that has a weight of its own', () => {
    const cluster = new InMemoryCluster(
      withBase('checkout-api', (o) => ({ ...o, spec: { ...(o.spec as object), weight: 20 } })),
    );
    expect(plan(ctx(), cluster)).toEqual({
      error: "multiple weighted mappings not supported: Mapping 'shop/checkout-api' has weight 20",
    });
  });

  it('still removes the clones at weight 0 when a base Mapping is missing (abort must get through)', () => {
    const cluster = new InMemoryCluster(objects());
    cluster.remove(mapping('checkout-web'));
    expect(plan(ctx(), cluster, 0)).toEqual({
      writes: [{ op: 'delete', ref: mapping('checkout-web-canary') }],
    });
  });

  it('refuses a clone another controller owns', () => {
    const cluster = new InMemoryCluster(
      withBase('checkout-web-canary', (o) => ({
        ...o,
        metadata: {
          ...o.metadata,
          ownerReferences: [
            {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'Rollout',
              name: 'other',
              uid: 'u-2',
              controller: true,
            },
          ],
        },
      })),
    );
    expect(plan(ctx(), cluster, 0)).toEqual({
      error: "Mapping 'shop/checkout-web-canary' exists but is not owned by Rollout 'checkout'",
    });
  });

  it('reads the lowest clone weight; a missing clone is 0', () => {
    const cluster = new InMemoryCluster(objects());
    expect(ambassador.readWeights(ctx(), cluster.observe(ambassador.objectsToRead(ctx())))).toEqual(
      { canary: 0, stable: 100, additional: [] },
    );
    const web = { config: { mappings: ['checkout-web'] } };
    expect(
      ambassador.readWeights(ctx(web), cluster.observe(ambassador.objectsToRead(ctx(web)))),
    ).toEqual({ canary: 10, stable: 90, additional: [] });
  });

  it('uses getambassador.io/v3alpha1 when the config names it', () => {
    const c = ctx({ config: { ...AMBASSADOR_CONFIG, apiVersion: 'getambassador.io/v3alpha1' } });
    expect(ambassador.objectsToRead(c).map((r) => r.apiVersion)).toEqual(
      Array(4).fill('getambassador.io/v3alpha1'),
    );
  });

  it.each([
    ['checkout-stable', 'checkout-canary'],
    ['checkout-stable:8080', 'checkout-canary:8080'],
    ['checkout-stable.shop:8080', 'checkout-canary.shop:8080'],
    ['checkout-stable.shop.svc.cluster.local', 'checkout-canary.shop.svc.cluster.local'],
    ['https://checkout-stable:443', 'https://checkout-canary:443'],
    ['', 'checkout-canary'],
  ])('points service %j at the canary: %j', (service, expected) => {
    expect(canaryServiceAddress(service, 'checkout-canary')).toBe(expected);
  });
});
