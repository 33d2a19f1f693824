import { alb } from '../../../../src/providers/traffic/alb/index.js';
import type { KubeObjectJson, RouteContext } from '../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  runRouterConformance,
  type ObjectMap,
  type OwnedPath,
} from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

const P = 'alb.ingress.kubernetes.io';
const RECORD = 'rollouts.argoproj.io/managed-alb-annotations';
const ROUTES = ['conformance-header', 'conformance-mirror'];
const toRoute = (p: unknown): boolean =>
  ROUTES.includes(
    (p as { backend?: { service?: { name?: string } } }).backend?.service?.name ?? '',
  );

/** The weighted action, the header-route keys and paths, and the shared record (rewritten with this Rollout's keys). */
const OWNED: OwnedPath[] = [
  ...[`actions.checkout-stable`, ...ROUTES.flatMap((r) => [`actions.${r}`, `conditions.${r}`])].map(
    (k): OwnedPath => ['metadata', 'annotations', `${P}/${k}`],
  ),
  ['metadata', 'annotations', RECORD],
  ['spec', 'rules', '*', 'http', 'paths', toRoute],
];

function managedRoutesIn(objects: ObjectMap, ctx: RouteContext): string[] {
  return [...objects.values()].flatMap((o) => {
    const paths = (
      (o.spec as { rules?: Array<{ http?: { paths?: unknown[] } }> }).rules ?? []
    ).flatMap((r) => r.http?.paths ?? []);
    const onPaths = paths
      .filter(toRoute)
      .map((p) => (p as { backend: { service: { name: string } } }).backend.service.name);
    const keyed = ctx.managedRoutes.filter(
      (r) => o.metadata.annotations?.[`${P}/actions.${r}`] !== undefined,
    );
    return [...new Set([...onPaths, ...keyed])];
  });
}

runRouterConformance('alb', {
  router: alb,
  context: aRouteContext({
    config: { ingresses: ['checkout-public', 'checkout-internal'], servicePort: 8080 },
  }),
  objects: loadManifests(new URL('./fixtures/ingresses.yaml', import.meta.url)),
  capabilities: {
    maxTrafficWeight: false,
    additionalDestinations: ['checkout-exp-a'],
    headerRoutes: true,
    mirrorRoutes: false,
  },
  foreign: (o: KubeObjectJson) => omitPaths(o, OWNED),
  managedRoutesIn,
  requiredObjects: [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'shop',
      name: 'checkout-public',
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      namespace: 'shop',
      name: 'checkout-internal',
    },
  ],
  brokenConfigs: [
    {
      config: { servicePort: 80 },
      problem: "Rollout has missing field 'spec.strategy.canary.trafficRouting.alb.ingress'",
    },
    {
      config: { ingress: 'a' },
      problem: "Rollout has missing field 'spec.strategy.canary.trafficRouting.alb.servicePort'",
    },
    {
      config: {
        ingress: 'a',
        servicePort: 80,
        stickinessConfig: { enabled: true, durationSeconds: 700000 },
      },
      problem: 'durationSeconds must be between 1 and 604800',
    },
  ],
  expectCleanedUp: (objects) => {
    for (const o of objects.values()) {
      const record = JSON.parse(o.metadata.annotations?.[RECORD] ?? '{}') as Record<
        string,
        string[]
      >;
      if (JSON.stringify(record.checkout) !== JSON.stringify([`${P}/actions.checkout-stable`]))
        throw new Error(`${o.metadata.name} still records ${record.checkout?.join(', ')}`);
    }
  },
});
