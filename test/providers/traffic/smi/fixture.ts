/** The SMI router's conformance fixture: shop/checkout with a TrafficSplit (v1alpha2) it created earlier. */
import { smi } from '../../../../src/providers/traffic/smi/index.js';
import type { KubeObjectJson } from '../../../../src/providers/traffic/types.js';
import { loadManifests, omitPaths, type RouterFixture } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

export const SMI_CONFIG = { rootService: 'checkout', apiVersion: 'split.smi-spec.io/v1alpha2' };

export const objects = (): KubeObjectJson[] =>
  loadManifests(new URL('./fixtures/linkerd-split.yaml', import.meta.url));

export function smiFixture(): RouterFixture {
  return {
    router: smi,
    context: aRouteContext({ config: SMI_CONFIG }),
    objects: objects(),
    capabilities: {
      maxTrafficWeight: false,
      additionalDestinations: ['checkout-exp-baseline', 'checkout-exp-candidate'],
      headerRoutes: false,
      mirrorRoutes: false,
    },
    foreign: (o) =>
      o.kind === 'TrafficSplit' && o.metadata.name === 'checkout'
        ? omitPaths(o, [
            ['spec', 'service'],
            ['spec', 'backends'],
          ])
        : o,
    // The split is created when missing, and the root Service is not read: nothing is required.
    requiredObjects: [],
    brokenConfigs: [
      {
        config: { apiVersion: 'split.smi-spec.io/v1beta9' },
        problem: "apiVersion 'split.smi-spec.io/v1beta9' is not supported",
      },
      {
        config: { trafficSplitName: 'Checkout_Split' },
        problem: "trafficSplitName 'Checkout_Split' is not a valid object name",
      },
      { config: { rootService: 42 }, problem: 'smi.rootService must be a string' },
      {
        config: 'smi',
        problem: "Rollout has missing field 'spec.strategy.canary.trafficRouting.smi'",
      },
    ],
    expectCleanedUp: (cluster) => {
      // Upstream keeps the split after promotion, all traffic on stable.
      const split = [...cluster.values()].find(
        (o) => o.kind === 'TrafficSplit' && o.metadata.name === 'checkout',
      );
      const backends = (split?.spec as { backends?: unknown } | undefined)?.backends;
      if (
        JSON.stringify(backends) !==
        JSON.stringify([
          { service: 'checkout-canary', weight: 0 },
          { service: 'checkout-stable', weight: 100 },
        ])
      ) {
        throw new Error(`split not reset: ${JSON.stringify(backends)}`);
      }
    },
  };
}
