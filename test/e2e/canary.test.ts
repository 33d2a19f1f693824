import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  aRollout,
  aService,
  hashOf,
  JOURNEY_TIMEOUT_MS,
  patchStatus,
  managersOf,
  replicaSetsUntil,
  selectorOf,
  serviceHashPath,
  setImage,
} from './support/journey.js';

// A basic canary (no traffic router: the weight is the pods' share) driven by our controller on
// wall-clock time, promoted and aborted the way the upstream plugin writes it (status patches).

const shop = selectorOf('shop');
const phase = '{.status.phase} {.status.currentStepIndex}';

describeOnBackends('canary journey', {}, (bed) => {
  it(
    'brings a new Rollout to Healthy: 4 ready pods, both Services on the stable hash',
    async () => {
      await bed.apply(
        aService('shop-stable', 'shop'),
        aService('shop-canary', 'shop'),
        aRollout({
          name: 'shop',
          strategy: {
            canary: {
              stableService: 'shop-stable',
              canaryService: 'shop-canary',
              steps: [
                { setWeight: 25 },
                { pause: {} },
                { setWeight: 50 },
                { pause: { duration: '2s' } },
              ],
            },
          },
        }),
      );
      expect(await bed.until(['rollout', 'shop'], phase, 'Healthy 4')).toBe('Healthy 4');
      expect(await replicaSetsUntil(bed, shop, ['nginx:1.25=4/4'])).toEqual(['nginx:1.25=4/4']);
      const stable = await hashOf(bed, shop, 'nginx:1.25');
      expect(await bed.ok('get', 'svc', 'shop-stable', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        stable,
      );
      expect(await bed.ok('get', 'svc', 'shop-canary', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        stable,
      );
    },
    JOURNEY_TIMEOUT_MS,
  );

  // A real API server omits `spec.minReadySeconds: 0` (omitempty); the controller once read the
  // absence as a change and re-claimed every Rollout on every reconcile, ~30 writes/s per Rollout
  // (test/core/rollout/real-server-shapes.test.ts pins the core side).
  it('leaves a Healthy Rollout alone: its resourceVersion stays put for 3 s', async () => {
    const rv = () => bed.ok('get', 'rollout', 'shop', '-o', 'jsonpath={.metadata.resourceVersion}');
    const before = await rv();
    await sleep(3000);
    expect(await rv()).toBe(before);
  }, 30_000);

  it('credits its writes to serverless-rollouts in managedFields', async () => {
    expect(await managersOf(bed, 'rollout', 'shop')).toContain('serverless-rollouts/Update/status');
    expect(await managersOf(bed, 'svc', 'shop-stable')).toContain('serverless-rollouts/Update/');
    const replicaSets = await managersOf(bed, 'rs', '-l', shop);
    expect(replicaSets).toContain('serverless-rollouts/Update/');
    expect(replicaSets.join(' ')).not.toMatch(/unknown/);
  });

  it(
    'pauses an update at 25 %: canary 1 of 4 pods, the canary Service on the new hash',
    async () => {
      await setImage(bed, 'shop', 'nginx:1.26');
      expect(await bed.until(['rollout', 'shop'], phase, 'Paused 1')).toBe('Paused 1');
      expect(await replicaSetsUntil(bed, shop, ['nginx:1.25=3/3', 'nginx:1.26=1/1'])).toEqual([
        'nginx:1.25=3/3',
        'nginx:1.26=1/1',
      ]);
      const [stable, canary] = [
        await hashOf(bed, shop, 'nginx:1.25'),
        await hashOf(bed, shop, 'nginx:1.26'),
      ];
      expect(await bed.ok('get', 'svc', 'shop-canary', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        canary,
      );
      expect(await bed.ok('get', 'svc', 'shop-stable', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        stable,
      );
      expect(
        await bed.ok(
          'get',
          'rollout',
          'shop',
          '-o',
          'jsonpath={.status.pauseConditions[0].reason}',
        ),
      ).toBe('CanaryPauseStep');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'goes on when the pause is lifted: 50 %, a 2 s pause, then Healthy on the new image',
    async () => {
      await patchStatus(bed, 'shop', { pauseConditions: null });
      expect(await bed.until(['rollout', 'shop'], phase, 'Healthy 4')).toBe('Healthy 4');
      expect(await replicaSetsUntil(bed, shop, ['nginx:1.25=0/0', 'nginx:1.26=4/4'])).toEqual([
        'nginx:1.25=0/0',
        'nginx:1.26=4/4',
      ]);
      expect(await bed.ok('get', 'svc', 'shop-stable', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        await hashOf(bed, shop, 'nginx:1.26'),
      );
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'aborts a paused update: Degraded, the stable back at 4 pods, the canary at 0',
    async () => {
      await setImage(bed, 'shop', 'nginx:1.27');
      expect(await bed.until(['rollout', 'shop'], phase, 'Paused 1')).toBe('Paused 1');
      await patchStatus(bed, 'shop', { abort: true });
      expect(await bed.until(['rollout', 'shop'], '{.status.phase}', 'Degraded')).toBe('Degraded');
      expect(
        await replicaSetsUntil(bed, shop, ['nginx:1.25=0/0', 'nginx:1.26=4/4', 'nginx:1.27=0/0']),
      ).toEqual(['nginx:1.25=0/0', 'nginx:1.26=4/4', 'nginx:1.27=0/0']);
      expect(await bed.ok('get', 'svc', 'shop-canary', '-o', `jsonpath=${serviceHashPath}`)).toBe(
        await hashOf(bed, shop, 'nginx:1.26'),
      );
    },
    JOURNEY_TIMEOUT_MS,
  );
});
