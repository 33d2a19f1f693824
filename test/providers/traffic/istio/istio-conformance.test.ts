import { istio } from '../../../../src/providers/traffic/istio/index.js';
import type {
  KubeObjectJson,
  ObjectRef,
  RouteContext,
} from '../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  runRouterConformance,
  whereField,
  type ObjectMap,
  type OwnedPath,
} from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

const API = 'networking.istio.io/v1alpha3';
const ref = (kind: string, name: string): ObjectRef => ({
  apiVersion: API,
  kind,
  namespace: 'shop',
  name,
});
const EXPERIMENT = 'checkout-exp-a';
const isExperiment = (d: unknown): boolean =>
  (d as { destination?: { host?: string } }).destination?.host === EXPERIMENT;

/** Names of the managed routes in the VirtualServices now. */
function managedRoutesIn(objects: ObjectMap, ctx: RouteContext): string[] {
  return [...objects.values()]
    .filter((o) => o.kind === 'VirtualService')
    .flatMap((o) =>
      ((o.spec as { http?: Array<{ name?: string }> }).http ?? []).map((r) => r.name ?? ''),
    )
    .filter((n) => ctx.managedRoutes.includes(n));
}

const managed = whereField('name', 'conformance-header', 'conformance-mirror');
const first = (_v: unknown, i: string | number): boolean => i === 0;

// Host-level: the named HTTP route, the TLS route on 443 and the TCP route on 9000.
const HOST_OWNED: OwnedPath[] = [
  ['spec', 'http', managed],
  ['spec', 'http', whereField('name', 'primary'), 'route', isExperiment],
  ['spec', 'http', whereField('name', 'primary'), 'route', '*', 'weight'],
  ...(['tls', 'tcp'] as const).flatMap((k): OwnedPath[] => [
    ['spec', k, first, 'route', isExperiment],
    ['spec', k, first, 'route', '*', 'weight'],
  ]),
];

runRouterConformance('istio', {
  router: istio,
  variant: 'host-level, HTTP + TLS + TCP',
  context: aRouteContext({
    config: {
      virtualService: {
        name: 'checkout-vsvc',
        routes: ['primary'],
        tlsRoutes: [{ port: 443, sniHosts: ['checkout.example.com'] }],
        tcpRoutes: [{ port: 9000 }],
      },
    },
  }),
  objects: loadManifests(new URL('./fixtures/host-split.yaml', import.meta.url)),
  capabilities: {
    maxTrafficWeight: false,
    additionalDestinations: [EXPERIMENT],
    headerRoutes: true,
    mirrorRoutes: true,
  },
  foreign: (o) => omitPaths(o, HOST_OWNED),
  managedRoutesIn,
  requiredObjects: [ref('VirtualService', 'checkout-vsvc')],
  brokenConfigs: [
    {
      config: {},
      problem:
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.istio.virtualService'",
    },
    {
      config: { virtualService: { name: 'a' }, virtualServices: [{ name: 'b' }] },
      problem: 'set either virtualService or virtualServices',
    },
    {
      config: { virtualService: { name: 'a', routes: ['conformance-header'] } },
      problem: 'is also a managed route',
    },
  ],
});

const SUBSET_OWNED: OwnedPath[] = [
  ['spec', 'http', managed],
  ['spec', 'http', whereField('name', 'weighted'), 'route', isExperiment],
  ['spec', 'http', whereField('name', 'weighted'), 'route', '*', 'weight'],
  ['spec', 'subsets', '*', 'labels', 'rollouts-pod-template-hash'],
  ['metadata', 'annotations', 'argo-rollouts.argoproj.io/managed-by-rollouts'],
];

runRouterConformance('istio', {
  router: istio,
  variant: 'subset-level, DestinationRule',
  context: aRouteContext({
    canaryService: '',
    stableService: '',
    config: {
      virtualServices: [{ name: 'checkout-mesh', routes: ['weighted'] }],
      destinationRule: {
        name: 'checkout-destrule',
        canarySubsetName: 'canary',
        stableSubsetName: 'stable',
      },
    },
  }),
  objects: loadManifests(new URL('./fixtures/subset-two-way.yaml', import.meta.url)),
  capabilities: {
    maxTrafficWeight: false,
    additionalDestinations: [EXPERIMENT],
    headerRoutes: true,
    mirrorRoutes: true,
  },
  foreign: (o: KubeObjectJson) => omitPaths(o, SUBSET_OWNED),
  managedRoutesIn,
  requiredObjects: [
    ref('VirtualService', 'checkout-mesh'),
    ref('DestinationRule', 'checkout-destrule'),
  ],
  brokenConfigs: [
    {
      config: { virtualService: { name: 'a' }, destinationRule: { name: 'dr' } },
      problem:
        "missing field 'spec.strategy.canary.trafficRouting.istio.destinationRule.canarySubsetName'",
    },
    {
      config: {
        virtualService: { name: 'a' },
        destinationRule: { name: 'dr', canarySubsetName: 's', stableSubsetName: 's' },
      },
      problem: 'must differ',
    },
  ],
  expectCleanedUp: (objects) => {
    const dr = objects.get(`${API}/DestinationRule/shop/checkout-destrule`);
    const labels = (dr?.spec as { subsets: Array<{ labels: Record<string, string> }> }).subsets.map(
      (s) => s.labels['rollouts-pod-template-hash'],
    );
    if (labels.join() !== 'st4bl3,c4n4ry')
      throw new Error(`DestinationRule subsets select ${labels.join()}`);
  },
});
