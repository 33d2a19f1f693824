/** The NGINX router's conformance fixture: shop/checkout with two stable Ingresses (one already canaried). */
import { nginx } from '../../../../src/providers/traffic/nginx/index.js';
import type { KubeObjectJson, ObjectRef } from '../../../../src/providers/traffic/types.js';
import {
  loadManifests,
  omitPaths,
  type OwnedPath,
  type RouterFixture,
} from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';

export const NGINX_CONFIG = {
  stableIngresses: ['checkout-public', 'checkout-internal'],
  additionalIngressAnnotations: { 'canary-by-header': 'X-Canary' },
  canaryIngressAnnotations: { 'example.com/team': 'payments' },
};

export const ingress = (name: string): ObjectRef => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'Ingress',
  namespace: 'shop',
  name,
});

export const objects = (): KubeObjectJson[] =>
  loadManifests(new URL('./fixtures/checkout-ingresses.yaml', import.meta.url));

const P = 'nginx.ingress.kubernetes.io';
const OWNED_ON_CANARY: OwnedPath[] = [
  ...[
    'kubernetes.io/ingress.class',
    `${P}/canary-by-header`,
    `${P}/canary`,
    `${P}/canary-weight`,
    `${P}/canary-weight-total`,
    'example.com/team',
  ].map((key): OwnedPath => ['metadata', 'annotations', key]),
  ['spec', 'rules'],
  ['spec', 'tls'],
  ['spec', 'ingressClassName'],
];

export function nginxFixture(): RouterFixture {
  return {
    router: nginx,
    context: aRouteContext({ config: NGINX_CONFIG }),
    objects: objects(),
    capabilities: { maxTrafficWeight: true, headerRoutes: false, mirrorRoutes: false },
    foreign: (o) => (o.metadata.name.endsWith('-canary') ? omitPaths(o, OWNED_ON_CANARY) : o),
    requiredObjects: [ingress('checkout-public'), ingress('checkout-internal')],
    brokenConfigs: [
      {
        config: {},
        problem:
          "Rollout has missing field 'spec.strategy.canary.trafficRouting.nginx.stableIngress'",
      },
      {
        config: { stableIngress: 'a', stableIngresses: ['a'] },
        problem: "names stable Ingress 'a' more than once",
      },
      {
        config: { stableIngress: 'a', additionalIngressAnnotations: { 'canary-weight': '5' } },
        problem: `must not set '${P}/canary-weight'`,
      },
      {
        config: { stableIngress: 'a', canaryIngressAnnotations: { replicas: 5 } },
        problem: 'canaryIngressAnnotations.replicas must be a string',
      },
    ],
    expectCleanedUp: (cluster) => {
      // Upstream keeps the canary Ingress after promotion, at weight 0 (spec §4.3 step 2).
      for (const name of ['checkout-checkout-public-canary', 'checkout-checkout-internal-canary']) {
        const canary = [...cluster.values()].find((o) => o.metadata.name === name);
        if (canary?.metadata.annotations?.[`${P}/canary-weight`] !== '0')
          throw new Error(`${name} is not at weight 0`);
      }
    },
  };
}
