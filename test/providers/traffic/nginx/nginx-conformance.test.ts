import { runRouterConformance } from '../conformance.case.js';
import { aRouteContext } from '../support/route-context.js';
import { ingress, nginxFixture } from './fixture.js';

runRouterConformance('nginx', nginxFixture());

// One stable Ingress, a custom annotation prefix, no canary Ingress yet.
runRouterConformance('nginx', {
  ...nginxFixture(),
  variant: 'stableIngress, custom prefix',
  context: aRouteContext({
    config: { stableIngress: 'checkout-public', annotationPrefix: 'nginx.example.org' },
  }),
  requiredObjects: [ingress('checkout-public')],
  expectCleanedUp: (cluster) => {
    const canary = [...cluster.values()].find(
      (o) => o.metadata.name === 'checkout-checkout-public-canary',
    );
    if (canary?.metadata.annotations?.['nginx.example.org/canary-weight'] !== '0')
      throw new Error('canary Ingress not at weight 0');
  },
});
