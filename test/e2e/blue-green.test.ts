import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  aRollout,
  aService,
  hashOf,
  JOURNEY_TIMEOUT_MS,
  patchStatus,
  replicaSetsUntil,
  selectorOf,
  serviceHashPath,
  setImage,
} from './support/journey.js';

// Blue-green with a manual promotion gate: the preview Service sees the new pods first, the active
// one switches on promotion, and the old pods go after scaleDownDelaySeconds.

const checkout = selectorOf('checkout');
const selectorHash = (bed: Parameters<typeof hashOf>[0], svc: string) =>
  bed.ok('get', 'svc', svc, '-o', `jsonpath=${serviceHashPath}`);

describeOnBackends('blue-green journey', {}, (bed) => {
  it(
    'brings a new Rollout to Healthy with the active Service on its pods',
    async () => {
      await bed.apply(
        aService('checkout-active', 'checkout'),
        aService('checkout-preview', 'checkout'),
        aRollout({
          name: 'checkout',
          replicas: 2,
          strategy: {
            blueGreen: {
              activeService: 'checkout-active',
              previewService: 'checkout-preview',
              autoPromotionEnabled: false,
              scaleDownDelaySeconds: 2,
            },
          },
        }),
      );
      expect(await bed.until(['rollout', 'checkout'], '{.status.phase}', 'Healthy')).toBe(
        'Healthy',
      );
      expect(await replicaSetsUntil(bed, checkout, ['nginx:1.25=2/2'])).toEqual(['nginx:1.25=2/2']);
      expect(await selectorHash(bed, 'checkout-active')).toBe(
        await hashOf(bed, checkout, 'nginx:1.25'),
      );
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'holds an update for promotion: the new pods behind the preview Service only',
    async () => {
      await setImage(bed, 'checkout', 'nginx:1.26');
      const paused = '{.status.phase} {.status.pauseConditions[0].reason}';
      expect(await bed.until(['rollout', 'checkout'], paused, 'Paused BlueGreenPause')).toBe(
        'Paused BlueGreenPause',
      );
      expect(await replicaSetsUntil(bed, checkout, ['nginx:1.25=2/2', 'nginx:1.26=2/2'])).toEqual([
        'nginx:1.25=2/2',
        'nginx:1.26=2/2',
      ]);
      expect(await selectorHash(bed, 'checkout-preview')).toBe(
        await hashOf(bed, checkout, 'nginx:1.26'),
      );
      expect(await selectorHash(bed, 'checkout-active')).toBe(
        await hashOf(bed, checkout, 'nginx:1.25'),
      );
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'switches the active Service on promotion and scales the old pods down after the delay',
    async () => {
      await patchStatus(bed, 'checkout', { pauseConditions: null });
      const newHash = await hashOf(bed, checkout, 'nginx:1.26');
      expect(await bed.until(['svc', 'checkout-active'], serviceHashPath, newHash)).toBe(newHash);
      expect(await bed.until(['rollout', 'checkout'], '{.status.phase}', 'Healthy')).toBe(
        'Healthy',
      );
      expect(await replicaSetsUntil(bed, checkout, ['nginx:1.25=0/0', 'nginx:1.26=2/2'])).toEqual([
        'nginx:1.25=0/0',
        'nginx:1.26=2/2',
      ]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
