/** The Traefik router's conformance fixture: shop/checkout's weighted TraefikService. */
import { traefik } from '../../../../src/providers/traffic/traefik/index.js';
import type { KubeObjectJson, ObjectRef } from '../../../../src/providers/traffic/types.js';
import { loadManifests, omitPaths, whereField, type RouterFixture } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

export const TRAEFIK_CONFIG = { weightedTraefikServiceName: 'checkout-weighted' };
export const serviceRef: ObjectRef = {
  apiVersion: 'traefik.io/v1alpha1',
  kind: 'TraefikService',
  namespace: 'shop',
  name: 'checkout-weighted',
};

export const objects = (): KubeObjectJson[] =>
  loadManifests(new URL('./fixtures/weighted-service.yaml', import.meta.url));

export function traefikFixture(): RouterFixture {
  return {
    router: traefik,
    context: aRouteContext({ config: TRAEFIK_CONFIG }),
    objects: objects(),
    capabilities: { maxTrafficWeight: false, headerRoutes: false, mirrorRoutes: false },
    foreign: (o) =>
      o.kind === 'TraefikService'
        ? omitPaths(o, [
            [
              'spec',
              'weighted',
              'services',
              whereField('name', 'checkout-canary', 'checkout-stable'),
              'weight',
            ],
          ])
        : o,
    requiredObjects: [serviceRef],
    brokenConfigs: [
      {
        config: {},
        problem:
          "Rollout has missing field 'spec.strategy.canary.trafficRouting.traefik.weightedTraefikServiceName'",
      },
      {
        config: { weightedTraefikServiceName: 'x', apiVersion: 'traefik.example/v9' },
        problem: 'apiVersion "traefik.example/v9" is not supported',
      },
    ],
  };
}
