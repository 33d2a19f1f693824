import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../../src/core/rollout/operations/index.js';
import { aRollout, atPauseStep, fullyPromoted, NOW } from './builders.js';

const FULL = { subresource: 'status', patch: { status: { promoteFull: true } } };
const UNPAUSE = { subresource: 'spec', patch: { spec: { paused: false } } };

// spec §1.8 `promote --full`: promoteFull only while current ≠ stable; unpause when paused.
describe('planOperation(promoteFull)', () => {
  it.each([
    {
      name: 'a canary mid-update',
      rollout: aRollout({ index: 0 }),
      writes: [FULL],
      summary: 'fully promoting storefront, skipping the remaining steps, pauses and analysis',
    },
    {
      name: 'a canary on a pause step (the controller clears the pause)',
      rollout: atPauseStep(),
      writes: [FULL],
      summary: 'fully promoting storefront, skipping the remaining steps, pauses and analysis',
    },
    {
      name: 'a paused canary',
      rollout: atPauseStep({ paused: true }),
      writes: [UNPAUSE, FULL],
      summary:
        'unpaused and fully promoting storefront, skipping the remaining steps, pauses and analysis',
    },
    {
      name: 'an aborted canary (promote --full overrides the abort)',
      rollout: aRollout({ index: 0, abort: true }),
      writes: [FULL],
      summary: 'fully promoting storefront, skipping the remaining steps, pauses and analysis',
    },
    {
      name: 'a blue-green on its pause',
      rollout: aRollout({
        strategy: 'blueGreen',
        pauses: ['BlueGreenPause'],
        controllerPause: true,
      }),
      writes: [FULL],
      summary: 'fully promoting storefront, skipping the remaining steps, pauses and analysis',
    },
    {
      name: 'current == stable but spec.paused: only unpauses',
      rollout: fullyPromoted({ paused: true }),
      writes: [UNPAUSE],
      summary: 'unpaused storefront (already fully promoted)',
    },
    {
      name: 'already requested but spec.paused: only unpauses',
      rollout: aRollout({ promoteFull: true, paused: true }),
      writes: [UNPAUSE],
      summary: 'unpaused storefront (full promotion already requested)',
    },
  ])('$name', ({ rollout, writes, summary }) => {
    expect(planOperation(rollout, 'promoteFull', NOW)).toEqual({ writes, summary });
  });

  it.each([
    {
      name: 'current == stable (a no-op upstream)',
      rollout: fullyPromoted(),
      refused: 'rollout storefront is already fully promoted',
    },
    {
      name: 'a full promotion already requested',
      rollout: aRollout({ promoteFull: true }),
      refused: 'a full promotion of rollout storefront is already requested',
    },
    {
      name: 'a rollout the controller has not seen',
      rollout: aRollout({ noStatus: true }),
      refused: 'rollout storefront has no status yet: the controller has not reconciled it',
    },
  ])('refuses $name', ({ rollout, refused }) => {
    expect(planOperation(rollout, 'promoteFull', NOW)).toEqual({ refused });
  });
});
