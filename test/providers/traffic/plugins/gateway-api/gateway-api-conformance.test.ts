import { gatewayApi } from '../../../../../src/providers/traffic/plugins/gateway-api/index.js';
import type {
  KubeObjectJson,
  ObjectRef,
  RouteContext,
} from '../../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  runRouterConformance,
  type ObjectMap,
  type OwnedPath,
} from '../../conformance.case.js';
import { aRouteContext } from '../../support/route-context.js';

const BOOK = 'rollouts.serverless.dev/gateway-api-managed';
const route = (
  kind: string,
  name: string,
  apiVersion = 'gateway.networking.k8s.io/v1',
): ObjectRef => ({ apiVersion, kind, namespace: 'shop', name });
const httpObjects = loadManifests(new URL('./fixtures/http-routes.yaml', import.meta.url));
const otherObjects = loadManifests(new URL('./fixtures/grpc-tcp.yaml', import.meta.url));
const ruleCount = new Map(
  [...httpObjects, ...otherObjects].map((o) => [
    o.metadata.name,
    (o.spec as { rules: unknown[] }).rules.length,
  ]),
);

const names = (r: unknown): string[] =>
  ((r as { backendRefs?: Array<{ name?: string }> }).backendRefs ?? []).map((b) => b.name ?? '');
const isWeighted = (r: unknown): boolean =>
  names(r).includes('checkout-canary') && names(r).includes('checkout-stable');

/** The router owns the rules it appended (past the fixture's own), the weights of weighted rules and its record. */
function foreign(o: KubeObjectJson): unknown {
  const count = ruleCount.get(o.metadata.name) ?? 0;
  const owned: OwnedPath[] = [
    ['spec', 'rules', (_v, i) => Number(i) >= count],
    ['spec', 'rules', isWeighted, 'backendRefs', '*', 'weight'],
    ['metadata', 'annotations', BOOK],
  ];
  return omitPaths(o, owned);
}

function managedRoutesIn(objects: ObjectMap, ctx: RouteContext): string[] {
  return [...objects.values()].flatMap((o) => {
    const text = o.metadata.annotations?.[BOOK];
    const mine =
      text === undefined
        ? {}
        : ((JSON.parse(text) as Record<string, Record<string, unknown[]>>)[ctx.rollout.name] ?? {});
    const extra =
      (o.spec as { rules: unknown[] }).rules.length - (ruleCount.get(o.metadata.name) ?? 0);
    if (extra !== Object.values(mine).flat().length)
      throw new Error(
        `${o.metadata.name}: ${extra} rules added but ${Object.values(mine).flat().length} recorded`,
      );
    return Object.keys(mine);
  });
}

const brokenConfigs = [
  {
    config: {},
    problem: 'needs at least one of httpRoute(s), grpcRoute(s), tcpRoute(s) or tlsRoute(s)',
  },
  {
    config: { httpRoutes: [{ useHeaderRoutes: true }] },
    problem:
      "missing field 'spec.strategy.canary.trafficRouting.plugins.argoproj-labs/gatewayAPI.httpRoutes[0].name'",
  },
  {
    config: { httpRoutes: [{ name: 'a' }] },
    problem: 'managedRoutes need an HTTPRoute with useHeaderRoutes: true',
  },
];

runRouterConformance('argoproj-labs/gatewayAPI', {
  router: gatewayApi,
  variant: 'two HTTPRoutes, one taking header routes',
  context: aRouteContext({
    config: {
      httpRoutes: [{ name: 'checkout-web', useHeaderRoutes: true }, { name: 'checkout-mobile' }],
    },
  }),
  objects: httpObjects,
  capabilities: { maxTrafficWeight: true, headerRoutes: true, mirrorRoutes: true },
  foreign,
  managedRoutesIn,
  requiredObjects: [route('HTTPRoute', 'checkout-web'), route('HTTPRoute', 'checkout-mobile')],
  brokenConfigs,
});

runRouterConformance('argoproj-labs/gatewayAPI', {
  router: gatewayApi,
  variant: 'httpRoute shorthand + GRPCRoute + TCPRoute',
  context: aRouteContext({
    config: {
      httpRoute: 'checkout-mobile',
      grpcRoute: 'checkout-grpc',
      tcpRoutes: [{ name: 'checkout-tcp' }],
    },
  }),
  objects: [...httpObjects.filter((o) => o.metadata.name === 'checkout-mobile'), ...otherObjects],
  capabilities: { maxTrafficWeight: true, headerRoutes: true, mirrorRoutes: true },
  foreign,
  managedRoutesIn,
  requiredObjects: [
    route('HTTPRoute', 'checkout-mobile'),
    route('GRPCRoute', 'checkout-grpc'),
    route('TCPRoute', 'checkout-tcp', 'gateway.networking.k8s.io/v1alpha2'),
  ],
  brokenConfigs,
});
