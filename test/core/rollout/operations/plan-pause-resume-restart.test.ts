import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../../src/core/rollout/operations/index.js';
import { aRollout, atPauseStep, fullyPromoted, NOW } from './builders.js';

// spec §1.8 `pause`, `restart`; `resume` is the inverse of `pause`.
describe('planOperation(pause)', () => {
  it.each([
    { name: 'a canary mid-update', rollout: aRollout({ index: 0 }) },
    { name: 'a canary on a pause step', rollout: atPauseStep() },
    { name: 'a fully promoted rollout (holds the next update)', rollout: fullyPromoted() },
    { name: 'a blue-green', rollout: aRollout({ strategy: 'blueGreen' }) },
  ])('$name: spec.paused = true', ({ rollout }) => {
    expect(planOperation(rollout, 'pause', NOW)).toEqual({
      writes: [{ subresource: 'spec', patch: { spec: { paused: true } } }],
      summary: 'paused storefront',
    });
  });

  it('refuses a rollout already paused', () => {
    expect(planOperation(aRollout({ paused: true }), 'pause', NOW)).toEqual({
      refused: 'rollout storefront is already paused',
    });
  });
});

describe('planOperation(resume)', () => {
  it.each([
    { name: 'a paused canary', rollout: aRollout({ index: 0, paused: true }) },
    {
      name: 'a paused canary on a pause step (the condition stays)',
      rollout: atPauseStep({ paused: true }),
    },
  ])('$name: spec.paused = false', ({ rollout }) => {
    expect(planOperation(rollout, 'resume', NOW)).toEqual({
      writes: [{ subresource: 'spec', patch: { spec: { paused: false } } }],
      summary: 'resumed storefront',
    });
  });

  it.each([
    {
      name: 'a rollout not paused',
      rollout: aRollout({ index: 0 }),
      refused: 'rollout storefront is not paused',
    },
    {
      name: 'a rollout on a pause step',
      rollout: atPauseStep(),
      refused:
        'rollout storefront is not manually paused (it waits on CanaryPauseStep): use promote',
    },
    {
      name: 'a rollout explicitly unpaused',
      rollout: aRollout({ strategy: 'blueGreen', paused: false, pauses: ['BlueGreenPause'] }),
      refused:
        'rollout storefront is not manually paused (it waits on BlueGreenPause): use promote',
    },
  ])('refuses $name', ({ rollout, refused }) => {
    expect(planOperation(rollout, 'resume', NOW)).toEqual({ refused });
  });
});

describe('planOperation(restart)', () => {
  it.each([
    { name: 'a healthy rollout', rollout: fullyPromoted() },
    { name: 'a rollout mid-update', rollout: aRollout({ index: 2 }) },
    {
      name: 'a rollout already restarting',
      rollout: {
        ...fullyPromoted(),
        spec: { ...fullyPromoted().spec, restartAt: '2024-05-01T09:00:00Z' },
      },
    },
  ])('$name: spec.restartAt = now in whole seconds', ({ rollout }) => {
    expect(planOperation(rollout, 'restart', NOW)).toEqual({
      writes: [{ subresource: 'spec', patch: { spec: { restartAt: '2024-05-01T10:15:30Z' } } }],
      summary: 'restarting the pods of storefront (restartAt 2024-05-01T10:15:30Z)',
    });
  });
});
