/** The Ambassador router's conformance fixture: shop/checkout's two Mappings, one already cloned. */
import { ambassador } from '../../../../src/providers/traffic/ambassador/index.js';
import type { KubeObjectJson, ObjectRef } from '../../../../src/providers/traffic/types.js';
import { loadManifests, type RouterFixture } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

export const AMBASSADOR_CONFIG = { mappings: ['checkout-api', 'checkout-web'] };

export const mapping = (name: string, apiVersion = 'getambassador.io/v2'): ObjectRef => ({
  apiVersion,
  kind: 'Mapping',
  namespace: 'shop',
  name,
});

export const objects = (): KubeObjectJson[] =>
  loadManifests(new URL('./fixtures/emissary-mappings.yaml', import.meta.url));

export function ambassadorFixture(): RouterFixture {
  return {
    router: ambassador,
    context: aRouteContext({ config: AMBASSADOR_CONFIG }),
    objects: objects(),
    capabilities: { maxTrafficWeight: false, headerRoutes: false, mirrorRoutes: false },
    // Clones are the Rollout's whole (deleted at weight 0); base Mappings are never written.
    foreign: (o) => (o.metadata.name.endsWith('-canary') ? undefined : o),
    requiredObjects: [mapping('checkout-api'), mapping('checkout-web')],
    brokenConfigs: [
      {
        config: {},
        problem:
          "Rollout has missing field 'spec.strategy.canary.trafficRouting.ambassador.mappings'",
      },
      { config: { mappings: ['a', 'a'] }, problem: "lists 'a' more than once" },
      {
        config: { mappings: ['a', 'a-canary'] },
        problem: "lists both 'a' and its canary clone 'a-canary'",
      },
      { config: { mappings: [''] }, problem: 'mappings[0] must be a non-empty Mapping name' },
      {
        config: { mappings: ['a'], apiVersion: 'getambassador.io/v9' },
        problem: 'apiVersion "getambassador.io/v9" is not supported',
      },
    ],
    expectCleanedUp: (cluster) => {
      const clones = [...cluster.values()]
        .filter((o) => o.kind === 'Mapping' && o.metadata.name.endsWith('-canary'))
        .map((o) => o.metadata.name);
      if (clones.length > 0)
        throw new Error(`canary Mappings left after promotion: ${clones.join(', ')}`);
    },
  };
}
