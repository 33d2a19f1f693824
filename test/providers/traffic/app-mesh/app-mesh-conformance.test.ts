import { appMesh } from '../../../../src/providers/traffic/app-mesh/index.js';
import {
  refKey,
  type KubeObjectJson,
  type ObjectRef,
  type TrafficRouter,
} from '../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  refOf,
  runRouterConformance,
  whereField,
  type OwnedPath,
} from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

const ref = (kind: string, name: string): ObjectRef => ({
  apiVersion: 'appmesh.k8s.aws/v1beta2',
  kind,
  namespace: 'shop',
  name,
});
const objects = loadManifests(new URL('./fixtures/mesh.yaml', import.meta.url));

/**
 * The suite reads `objectsToRead(ctx)` once, but App Mesh finds its VirtualRouter through the
 * VirtualService (a second round, types.ts). The fixture answers the second round from the fresh
 * cluster, which names the same VirtualRouter throughout.
 */
const router: TrafficRouter = {
  ...appMesh,
  objectsToRead: (ctx) =>
    appMesh.objectsToRead(ctx, new Map(objects.map((o) => [refKey(refOf(o)), o]))),
};

const OWNED: OwnedPath[] = [
  [
    'spec',
    'routes',
    whereField('name', 'primary', 'rpc'),
    '*',
    'action',
    'weightedTargets',
    '*',
    'weight',
  ],
  ['spec', 'podSelector', 'matchLabels', 'rollouts-pod-template-hash'],
  ['metadata', 'annotations', 'argo-rollouts.argoproj.io/managed-by-rollouts'],
];

runRouterConformance('appMesh', {
  router,
  context: aRouteContext({
    config: {
      virtualService: { name: 'checkout', routes: ['primary', 'rpc'] },
      virtualNodeGroup: {
        canaryVirtualNodeRef: { name: 'checkout-canary' },
        stableVirtualNodeRef: { name: 'checkout-stable' },
      },
    },
  }),
  objects,
  capabilities: { maxTrafficWeight: false, headerRoutes: false, mirrorRoutes: false },
  foreign: (o: KubeObjectJson) => omitPaths(o, OWNED),
  requiredObjects: [
    ref('VirtualService', 'checkout'),
    ref('VirtualRouter', 'checkout-router'),
    ref('VirtualNode', 'checkout-canary'),
    ref('VirtualNode', 'checkout-stable'),
  ],
  brokenConfigs: [
    {
      config: {},
      problem:
        "Rollout has missing field 'spec.strategy.canary.trafficRouting.appMesh.virtualService'",
    },
    {
      config: { virtualService: { name: 'v' }, virtualNodeGroup: {} },
      problem:
        "missing field 'spec.strategy.canary.trafficRouting.appMesh.virtualNodeGroup.canaryVirtualNodeRef.name'",
    },
  ],
  expectCleanedUp: (all) => {
    for (const [name, hash] of [
      ['checkout-canary', 'c4n4ry'],
      ['checkout-stable', 'st4bl3'],
    ] as const) {
      const node = all.get(refKey(ref('VirtualNode', name)));
      const got = (node?.spec as { podSelector: { matchLabels: Record<string, string> } })
        .podSelector.matchLabels['rollouts-pod-template-hash'];
      if (got !== hash) throw new Error(`${name} selects ${got}`);
    }
  },
});
