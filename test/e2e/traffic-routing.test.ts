import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  EXAMPLES,
  FIXTURES,
  JOURNEY_TIMEOUT_MS,
  replicaSetsUntil,
  selectorOf,
  setImage,
} from './support/journey.js';

// Each router pauses its first step with the weight written into the object it routes through.
// Both backends have the Istio, SMI and Gateway API CRDs (manifests/devcluster/); the NGINX one
// routes through a core Ingress.

const paused = '{.status.phase} {.status.currentStepIndex}';

describeOnBackends('traffic routing journey', {}, (bed) => {
  /** Applies `file`, waits until Healthy, updates the image, and waits for the pause at `step`. */
  async function updateToPause(file: string, rollout: string, step: number): Promise<void> {
    await bed.ok('apply', '-f', file);
    expect(await bed.until(['rollout', rollout], '{.status.phase}', 'Healthy')).toBe('Healthy');
    await setImage(bed, rollout, 'nginx:1.26');
    expect(await bed.until(['rollout', rollout], paused, `Paused ${step}`)).toBe(`Paused ${step}`);
  }

  it(
    'NGINX: a canary Ingress weighted 25, the stable ReplicaSet kept at full size',
    async () => {
      await updateToPause(join(EXAMPLES, 'traffic/nginx-canary.yaml'), 'checkout', 1);
      const annotations = JSON.parse(
        await bed.ok(
          'get',
          'ingress',
          'checkout-checkout-canary',
          '-o',
          'jsonpath={.metadata.annotations}',
        ),
      ) as Record<string, string>;
      expect(annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/canary': 'true',
        'nginx.ingress.kubernetes.io/canary-weight': '25',
      });
      expect(
        await replicaSetsUntil(bed, selectorOf('checkout'), ['nginx:1.25=4/4', 'nginx:1.26=1/1']),
      ).toEqual(['nginx:1.25=4/4', 'nginx:1.26=1/1']);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'SMI: the TrafficSplit sends 10 to the canary Service and 90 to the stable',
    async () => {
      await updateToPause(join(FIXTURES, 'rollout-smi.yaml'), 'orders', 1);
      const split = await bed.ok(
        'get',
        'trafficsplit',
        'orders',
        '-o',
        'jsonpath={range .spec.backends[*]}{.service}={.weight} {end}',
      );
      expect(split.trim().split(' ').sort()).toEqual(['orders-canary=10', 'orders-stable=90']);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'Istio: the VirtualService route weighs the subsets 80/20, the subsets pinned to hashes',
    async () => {
      await updateToPause(join(FIXTURES, 'istio-subset-split.yaml'), 'ratings', 1);
      const route = await bed.ok(
        'get',
        'virtualservice',
        'ratings-routes',
        '-o',
        'jsonpath={range .spec.http[0].route[*]}{.destination.subset}={.weight} {end}',
      );
      expect(route.trim().split(' ').sort()).toEqual(['current=80', 'next=20']);
      const subsets = await bed.ok(
        'get',
        'destinationrule',
        'ratings-subsets',
        '-o',
        'jsonpath={range .spec.subsets[*]}{.labels.rollouts-pod-template-hash} {end}',
      );
      expect(subsets.trim().split(' ')).toHaveLength(2);
      expect(new Set(subsets.trim().split(' ')).size).toBe(2);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'Gateway API: the HTTPRoute weighs stable 75 / canary 25, with the testers header route',
    async () => {
      await updateToPause(join(EXAMPLES, 'traffic/gateway-api-canary.yaml'), 'cart', 2);
      const weights = await bed.ok(
        'get',
        'httproute',
        'cart',
        '-o',
        'jsonpath={range .spec.rules[*]}{range .backendRefs[*]}{.name}={.weight} {end}{end}',
      );
      expect(weights.trim().split(' ')).toEqual(
        expect.arrayContaining(['cart-stable=75', 'cart-canary=25']),
      );
      // The header route: its own rule, matching x-tester, to the canary only.
      const rules = await bed.ok(
        'get',
        'httproute',
        'cart',
        '-o',
        'jsonpath={range .spec.rules[*]}{.matches[*].headers[*].name}>{.backendRefs[*].name};{end}',
      );
      expect(rules.split(';')).toContain('x-tester>cart-canary');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
