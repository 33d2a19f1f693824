import { apisix } from '../../../../src/providers/traffic/apisix/index.js';
import type { KubeObjectJson, RouteContext } from '../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  runRouterConformance,
  whereField,
  type ObjectMap,
} from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

const MANAGED_BY = 'argo-rollouts.argoproj.io/managed-by-rollouts';

/** Header routes are ApisixRoutes of their own, managed by the Rollout. */
function managedRoutesIn(objects: ObjectMap, ctx: RouteContext): string[] {
  return [...objects.values()]
    .filter(
      (o) => o.kind === 'ApisixRoute' && o.metadata.annotations?.[MANAGED_BY] === ctx.rollout.name,
    )
    .map((o) => o.metadata.name);
}

runRouterConformance('apisix', {
  router: apisix,
  context: aRouteContext({
    config: { route: { name: 'checkout-route', rules: ['checkout-route', 'checkout-legacy'] } },
  }),
  objects: loadManifests(new URL('./fixtures/apisix-route.yaml', import.meta.url)),
  capabilities: { maxTrafficWeight: false, headerRoutes: true, mirrorRoutes: false },
  foreign: (o: KubeObjectJson) =>
    omitPaths(o, [
      [
        'spec',
        'http',
        whereField('name', 'checkout-route', 'checkout-legacy'),
        'backends',
        '*',
        'weight',
      ],
    ]),
  managedRoutesIn,
  requiredObjects: [
    {
      apiVersion: 'apisix.apache.org/v2',
      kind: 'ApisixRoute',
      namespace: 'shop',
      name: 'checkout-route',
    },
  ],
  brokenConfigs: [
    {
      config: {},
      problem: "Rollout has missing field 'spec.strategy.canary.trafficRouting.apisix.route'",
    },
    {
      config: { route: {} },
      problem: "Rollout has missing field 'spec.strategy.canary.trafficRouting.apisix.route.name'",
    },
    {
      config: { route: { name: 'r', rules: ['a', 'a'] } },
      problem: "lists rule 'a' more than once",
    },
  ],
  expectCleanedUp: (objects, ctx) => {
    const left = managedRoutesIn(objects, ctx);
    if (left.length > 0) throw new Error(`header ApisixRoutes left: ${left.join(', ')}`);
  },
});
