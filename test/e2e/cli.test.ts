import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeOnBackends } from '../support/backends.js';
import {
  FIXTURES,
  JOURNEY_TIMEOUT_MS,
  replicaSetsUntil,
  rollouts,
  selectorOf,
} from './support/journey.js';

// Our CLI as a process on the bed's kubeconfig (a client certificate on the real backend), with
// our controller reconciling what it writes.

const storefront = selectorOf('storefront-canary');
const phase = '{.status.phase} {.status.currentStepIndex}';

describeOnBackends('CLI journey', {}, (bed) => {
  it(
    'lists the Rollout as Healthy once the controller has brought it up',
    async () => {
      await bed.ok('apply', '-f', join(FIXTURES, 'rollout-canary.yaml'));
      expect(await bed.until(['rollout', 'storefront-canary'], '{.status.phase}', 'Healthy')).toBe(
        'Healthy',
      );
      const list = await rollouts(bed, 'list', 'rollouts');
      expect(list.code, list.stderr).toBe(0);
      const row = list.stdout.split('\n').find((l) => l.startsWith('storefront-canary'));
      expect(row?.split(/\s+/)).toEqual(expect.arrayContaining(['Canary', 'Healthy']));
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'sets an image and shows the paused canary in `get rollout`',
    async () => {
      const set = await rollouts(bed, 'set', 'image', 'storefront-canary', '*=nginx:1.26');
      expect(set.code, set.stderr).toBe(0);
      expect(await bed.until(['rollout', 'storefront-canary'], phase, 'Paused 1')).toBe('Paused 1');
      const get = await rollouts(bed, 'get', 'rollout', 'storefront-canary');
      expect(get.code, get.stderr).toBe(0);
      expect(get.stdout).toMatch(/Status:\s+.*Paused/);
      expect(get.stdout).toMatch(/Step:\s+1\/6/);
      expect(get.stdout).toContain('nginx:1.26');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'promotes fully and `status` exits 0 on Healthy, every pod on the new image',
    async () => {
      const promote = await rollouts(bed, 'promote', 'storefront-canary', '--full');
      expect(promote.code, promote.stderr).toBe(0);
      const status = await rollouts(bed, 'status', 'storefront-canary', '--timeout', '60s');
      expect(status.code, status.stdout + status.stderr).toBe(0);
      expect(status.stdout.trim().split('\n').at(-1)).toBe('Healthy');
      expect(await replicaSetsUntil(bed, storefront, ['nginx:1.25=0/0', 'nginx:1.26=4/4'])).toEqual(
        ['nginx:1.25=0/0', 'nginx:1.26=4/4'],
      );
    },
    JOURNEY_TIMEOUT_MS,
  );
});
