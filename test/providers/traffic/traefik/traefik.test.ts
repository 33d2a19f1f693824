import { describe, expect, it } from 'vitest';
import { traefik } from '../../../../src/providers/traffic/traefik/index.js';
import type { KubeObjectJson, RouteContext } from '../../../../src/providers/traffic/types.js';
import { aDesired, InMemoryCluster } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { objects, serviceRef, TRAEFIK_CONFIG } from './fixture.js';

const ctx = (overrides: Partial<RouteContext> = {}): RouteContext =>
  aRouteContext({ config: TRAEFIK_CONFIG, ...overrides });

function plan(c: RouteContext, cluster: InMemoryCluster, weight = 30) {
  return traefik.plan(c, cluster.observe(traefik.objectsToRead(c)), aDesired(weight));
}

function withServices(services: unknown[]): KubeObjectJson[] {
  return objects().map((o) =>
    o.kind === 'TraefikService' ? { ...o, spec: { weighted: { services } } } : o,
  );
}

describe('traefik weighted TraefikService', () => {
  it('patches the two weights at their exact indices, guarded by resourceVersion and each entry name', () => {
    expect(plan(ctx(), new InMemoryCluster(objects()), 30)).toEqual({
      writes: [
        {
          op: 'jsonPatch',
          ref: serviceRef,
          patch: [
            { op: 'test', path: '/metadata/resourceVersion', value: '5100' },
            { op: 'test', path: '/spec/weighted/services/2/name', value: 'checkout-canary' },
            { op: 'test', path: '/spec/weighted/services/0/name', value: 'checkout-stable' },
            { op: 'add', path: '/spec/weighted/services/2/weight', value: 30 },
            { op: 'replace', path: '/spec/weighted/services/0/weight', value: 70 },
          ],
        },
      ],
    });
  });

  it('fails the patch when the list was reordered, even if the resourceVersion test were to pass', () => {
    const cluster = new InMemoryCluster(objects());
    const p = plan(ctx(), cluster, 30);
    if ('error' in p) throw new Error(p.error);
    const reordered = cluster.get(serviceRef);
    if (reordered === undefined) throw new Error('missing');
    (reordered.spec as { weighted: { services: unknown[] } }).weighted.services.reverse();
    cluster.put(reordered);
    // Point the resourceVersion test at the new version, so only the entry-name tests stand guard.
    const current = cluster.get(serviceRef)?.metadata.resourceVersion;
    const writes = p.writes.map((w) =>
      w.op === 'jsonPatch'
        ? { ...w, patch: w.patch.map((op, i) => (i === 0 ? { ...op, value: current } : op)) }
        : w,
    );
    expect(() => cluster.apply(writes)).toThrow(/test failed/);
  });

  it('leaves other entries, their fields and sticky settings alone', () => {
    const cluster = new InMemoryCluster(objects());
    const p = plan(ctx(), cluster, 45);
    if ('error' in p) throw new Error(p.error);
    cluster.apply(p.writes);
    expect(cluster.get(serviceRef)?.spec).toEqual({
      weighted: {
        sticky: { cookie: { name: 'checkout_lb', httpOnly: true } },
        services: [
          { name: 'checkout-stable', port: 80, weight: 55, passHostHeader: true },
          { name: 'checkout-maintenance', namespace: 'ops', port: 8080, weight: 0 },
          {
            name: 'checkout-canary',
            port: 80,
            passHostHeader: true,
            responseForwarding: { flushInterval: '100ms' },
            weight: 45,
          },
        ],
      },
    });
  });

  it.each([
    {
      services: [{ name: 'checkout-stable', weight: 100 }],
      error:
        "TraefikService 'shop/checkout-weighted' has no weighted service named 'checkout-canary' (the canary service)",
    },
    {
      services: [{ name: 'checkout-canary', weight: 0 }],
      error:
        "TraefikService 'shop/checkout-weighted' has no weighted service named 'checkout-stable' (the stable service)",
    },
  ])('refuses a service without both entries: $error', ({ services, error }) => {
    expect(plan(ctx(), new InMemoryCluster(withServices(services)))).toEqual({ error });
  });

  it('refuses a TraefikService that is not weighted', () => {
    const cluster = new InMemoryCluster(
      objects().map((o) =>
        o.kind === 'TraefikService' ? { ...o, spec: { mirroring: { name: 'x' } } } : o,
      ),
    );
    expect(plan(ctx(), cluster)).toEqual({
      error: "TraefikService 'shop/checkout-weighted' has no spec.weighted.services",
    });
  });

  it('reads the group from apiVersion (traefik.containo.us for Traefik v2)', () => {
    const c = ctx({ config: { ...TRAEFIK_CONFIG, apiVersion: 'traefik.containo.us/v1alpha1' } });
    expect(traefik.objectsToRead(c)).toEqual([
      { ...serviceRef, apiVersion: 'traefik.containo.us/v1alpha1' },
    ]);
  });

  it('reads no weights while an entry has none', () => {
    const cluster = new InMemoryCluster(objects());
    expect(
      traefik.readWeights(ctx(), cluster.observe(traefik.objectsToRead(ctx()))),
    ).toBeUndefined();
  });
});
