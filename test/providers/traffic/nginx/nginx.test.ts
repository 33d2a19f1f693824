import { describe, expect, it } from 'vitest';
import { canaryIngressName } from '../../../../src/providers/traffic/nginx/refs.js';
import { nginx } from '../../../../src/providers/traffic/nginx/index.js';
import {
  refKey,
  type KubeObjectJson,
  type ObjectWrite,
  type RouteContext,
} from '../../../../src/providers/traffic/types.js';
import { aDesired, InMemoryCluster } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { ingress, NGINX_CONFIG, objects } from './fixture.js';

const P = 'nginx.ingress.kubernetes.io';
const ctxWith = (overrides: Partial<RouteContext> = {}): RouteContext =>
  aRouteContext({ config: NGINX_CONFIG, ...overrides });

function planned(ctx: RouteContext, cluster: InMemoryCluster, weight: number): ObjectWrite[] {
  const plan = nginx.plan(ctx, cluster.observe(nginx.objectsToRead(ctx)), aDesired(weight));
  if ('error' in plan) throw new Error(plan.error);
  return plan.writes;
}

function step(ctx: RouteContext, cluster: InMemoryCluster, weight: number): ObjectWrite[] {
  const writes = planned(ctx, cluster, weight);
  cluster.apply(writes);
  return writes;
}

function planError(ctx: RouteContext, cluster: InMemoryCluster): string {
  const plan = nginx.plan(ctx, cluster.observe(nginx.objectsToRead(ctx)), aDesired(30));
  return 'error' in plan ? plan.error : '(no error)';
}

const publicCanary = ingress('checkout-checkout-public-canary');
const internalCanary = ingress('checkout-checkout-internal-canary');

describe('nginx canary Ingress', () => {
  it('creates <rollout>-<stableIngress>-canary, owned by the Rollout, with TLS, class and only the stable rules rewritten to the canary', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctxWith(), cluster, 25);
    expect(cluster.get(publicCanary)).toEqual({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: {
        name: 'checkout-checkout-public-canary',
        namespace: 'shop',
        annotations: {
          [`${P}/canary-by-header`]: 'X-Canary',
          [`${P}/canary`]: 'true',
          [`${P}/canary-weight`]: '25',
          'example.com/team': 'payments',
        },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Rollout',
            name: 'checkout',
            uid: aRouteContext().rollout.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
        uid: expect.any(String) as string,
        resourceVersion: expect.any(String) as string,
      },
      spec: {
        ingressClassName: 'nginx',
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-example-com-tls' }],
        rules: [
          {
            host: 'shop.example.com',
            http: {
              paths: [
                {
                  path: '/checkout',
                  pathType: 'Prefix',
                  backend: { service: { name: 'checkout-canary', port: { number: 80 } } },
                },
                // Upstream copies the whole rule; only backends on stableService change.
                {
                  path: '/static',
                  pathType: 'Prefix',
                  backend: { service: { name: 'storefront-assets', port: { name: 'http' } } },
                },
              ],
            },
          },
        ],
      },
    });
  });

  it('copies kubernetes.io/ingress.class from the stable Ingress', () => {
    const cluster = new InMemoryCluster(
      objects().filter((o) => o.metadata.name !== internalCanary.name),
    );
    step(ctxWith(), cluster, 10);
    expect(cluster.get(internalCanary)?.metadata.annotations?.['kubernetes.io/ingress.class']).toBe(
      'nginx-internal',
    );
  });

  it('moves the weight with a guarded merge patch of the canary-weight annotation alone', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctxWith(), cluster, 10);
    const rv = cluster.get(publicCanary)?.metadata.resourceVersion;
    const writes = planned(ctxWith(), cluster, 40);
    expect(writes).toContainEqual({
      op: 'mergePatch',
      ref: publicCanary,
      patch: { metadata: { resourceVersion: rv, annotations: { [`${P}/canary-weight`]: '40' } } },
    });
  });

  it('never writes a stable Ingress', () => {
    const cluster = new InMemoryCluster(objects());
    const stables = new Set(NGINX_CONFIG.stableIngresses.map((n) => refKey(ingress(n))));
    const writes = [0, 30, 100, 0].flatMap((w) => step(ctxWith(), cluster, w));
    const targets = writes.map((w) =>
      refKey(w.op === 'create' ? ingress(w.object.metadata.name) : w.ref),
    );
    expect(targets.filter((t) => stables.has(t))).toEqual([]);
  });

  it('keeps what a third party added to an existing canary Ingress', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctxWith(), cluster, 60);
    const canary = cluster.get(internalCanary);
    expect(canary?.metadata.annotations?.['external-dns.alpha.kubernetes.io/ttl']).toBe('60');
    expect(canary?.metadata.labels).toEqual({ 'backup.example.com/include': 'true' });
    expect(canary?.metadata['finalizers']).toEqual(['backup.example.com/snapshot']);
    expect(canary?.metadata.annotations?.[`${P}/canary-weight`]).toBe('60');
  });

  it('writes canary-weight-total only when maxTrafficWeight is not 100, and removes it when it goes back', () => {
    const cluster = new InMemoryCluster(objects());
    step(ctxWith({ maxTrafficWeight: 1000 }), cluster, 250);
    expect(cluster.get(publicCanary)?.metadata.annotations).toMatchObject({
      [`${P}/canary-weight`]: '250',
      [`${P}/canary-weight-total`]: '1000',
    });
    expect(
      nginx.readWeights(
        ctxWith({ maxTrafficWeight: 1000 }),
        cluster.observe(nginx.objectsToRead(ctxWith())),
      ),
    ).toEqual({ canary: 250, stable: 750, additional: [] });
    step(ctxWith(), cluster, 25);
    expect(cluster.get(publicCanary)?.metadata.annotations).not.toHaveProperty(
      `${P}/canary-weight-total`,
    );
  });

  it('uses annotationPrefix for its own keys and to prefix additionalIngressAnnotations (keys already prefixed stay)', () => {
    const cluster = new InMemoryCluster(objects());
    const config = {
      stableIngress: 'checkout-public',
      annotationPrefix: 'custom.nginx.org',
      additionalIngressAnnotations: {
        'canary-by-cookie': 'beta',
        'custom.nginx.org/canary-by-header': 'X-Beta',
      },
    };
    step(ctxWith({ config }), cluster, 5);
    expect(cluster.get(publicCanary)?.metadata.annotations).toEqual({
      'custom.nginx.org/canary-by-cookie': 'beta',
      'custom.nginx.org/canary-by-header': 'X-Beta',
      'custom.nginx.org/canary': 'true',
      'custom.nginx.org/canary-weight': '5',
    });
  });

  it('refuses a canary Ingress that another owner controls', () => {
    const stranger = objects().map((o): KubeObjectJson =>
      o.metadata.name === internalCanary.name
        ? {
            ...o,
            metadata: {
              ...o.metadata,
              ownerReferences: [
                {
                  apiVersion: 'apps/v1',
                  kind: 'Deployment',
                  name: 'legacy',
                  uid: 'u-1',
                  controller: true,
                },
              ],
            },
          }
        : o,
    );
    expect(planError(ctxWith(), new InMemoryCluster(stranger))).toBe(
      "Ingress 'shop/checkout-checkout-internal-canary' exists but is not owned by Rollout 'checkout'",
    );
  });

  it('refuses a stable Ingress without a rule for stableService', () => {
    expect(
      planError(ctxWith({ stableService: 'checkout-v1' }), new InMemoryCluster(objects())),
    ).toBe("Ingress 'shop/checkout-public' has no rules using service 'checkout-v1' as a backend");
  });

  it('names a missing stable Ingress', () => {
    const cluster = new InMemoryCluster(objects());
    cluster.remove(ingress('checkout-internal'));
    expect(planError(ctxWith(), cluster)).toBe("Ingress 'shop/checkout-internal' not found");
  });

  it('refuses to plan on a config validate rejects', () => {
    expect(planError(ctxWith({ config: {} }), new InMemoryCluster(objects()))).toMatch(
      /^invalid nginx config: Rollout has missing field/,
    );
  });

  it.each([
    { rollout: 'checkout', stable: 'web', name: 'checkout-web-canary' },
    {
      rollout: 'r'.repeat(200),
      stable: 's'.repeat(100),
      name: `${'r'.repeat(200)}-${'s'.repeat(45)}-canary`,
    },
  ])(
    'names the canary Ingress within 253 characters ($name.length)',
    ({ rollout, stable, name }) => {
      expect(canaryIngressName(rollout, stable)).toBe(name);
      expect(canaryIngressName(rollout, stable).length).toBeLessThanOrEqual(253);
    },
  );

  describe('readWeights', () => {
    const read = (cluster: InMemoryCluster) =>
      nginx.readWeights(ctxWith(), cluster.observe(nginx.objectsToRead(ctxWith())));

    it('is undefined while a canary Ingress is missing', () => {
      expect(read(new InMemoryCluster(objects()))).toBeUndefined();
    });

    it('reports the lowest canary weight when the canary Ingresses disagree', () => {
      const cluster = new InMemoryCluster(objects());
      step(ctxWith(), cluster, 50);
      const internal = cluster.get(internalCanary);
      if (internal === undefined) throw new Error('no canary');
      cluster.put({
        ...internal,
        metadata: {
          ...internal.metadata,
          annotations: { ...internal.metadata.annotations, [`${P}/canary-weight`]: '20' },
        },
      });
      expect(read(cluster)).toEqual({ canary: 20, stable: 80, additional: [] });
    });

    it('reads 0 from a canary Ingress without canary: "true" (nginx ignores its weight)', () => {
      const cluster = new InMemoryCluster(objects());
      step(ctxWith(), cluster, 50);
      for (const ref of [publicCanary, internalCanary]) {
        const o = cluster.get(ref);
        if (o !== undefined)
          cluster.put({
            ...o,
            metadata: {
              ...o.metadata,
              annotations: { ...o.metadata.annotations, [`${P}/canary`]: 'false' },
            },
          });
      }
      expect(read(cluster)).toEqual({ canary: 0, stable: 100, additional: [] });
    });
  });
});
