import { runRouterConformance } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { objects, smiFixture } from './fixture.js';

runRouterConformance('smi', smiFixture());

// A cluster without the split, on the v1alpha1 default (quantity weights): the router creates it.
runRouterConformance('smi', {
  ...smiFixture(),
  variant: 'v1alpha1, split created',
  context: aRouteContext({ config: { trafficSplitName: 'checkout-split' } }),
  objects: objects().filter((o) => o.kind !== 'TrafficSplit' || o.metadata.name !== 'checkout'),
  expectCleanedUp: (cluster) => {
    const split = [...cluster.values()].find((o) => o.metadata.name === 'checkout-split');
    const backends = (split?.spec as { backends?: unknown } | undefined)?.backends;
    if (
      JSON.stringify(backends) !==
      JSON.stringify([
        { service: 'checkout-canary', weight: '0' },
        { service: 'checkout-stable', weight: '100' },
      ])
    ) {
      throw new Error(`split not reset: ${JSON.stringify(backends)}`);
    }
  },
});
