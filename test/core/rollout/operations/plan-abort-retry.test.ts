import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../../src/core/rollout/operations/index.js';
import { aRollout, atPauseStep, fullyPromoted, NOW } from './builders.js';

// spec §1.8 `abort` / `retry`, §8.7 (fully promoted rollouts ignore abort).
describe('planOperation(abort)', () => {
  it.each([
    { name: 'a canary mid-update', rollout: aRollout({ index: 0 }) },
    { name: 'a canary on a pause step', rollout: atPauseStep() },
    { name: 'a manually paused canary', rollout: atPauseStep({ paused: true }) },
    {
      name: 'a blue-green on its pause',
      rollout: aRollout({ strategy: 'blueGreen', pauses: ['BlueGreenPause'] }),
    },
  ])('$name: status.abort = true', ({ rollout }) => {
    expect(planOperation(rollout, 'abort', NOW)).toEqual({
      writes: [{ subresource: 'status', patch: { status: { abort: true } } }],
      summary: 'aborted the update of storefront to revision 2',
    });
  });

  // The plugin writes abort without looking (issue 19): so do we, and say why it changes nothing.
  it.each([
    {
      name: 'an aborted rollout',
      rollout: aRollout({ abort: true }),
      warning: 'rollout storefront is already aborted',
    },
    {
      name: 'a fully promoted rollout',
      rollout: fullyPromoted(),
      warning: 'rollout storefront has no update in progress to abort: the controller ignores it',
    },
    {
      name: 'a first deploy (no stable yet)',
      rollout: aRollout({ stable: undefined }),
      warning: 'rollout storefront has no update in progress to abort: the controller ignores it',
    },
    {
      name: 'a rollout the controller has not seen',
      rollout: aRollout({ noStatus: true }),
      warning:
        'rollout storefront has no status yet: the controller has not reconciled it, so there is no update in progress to abort',
    },
  ])('writes it all the same on $name, with a warning', ({ rollout, warning }) => {
    expect(planOperation(rollout, 'abort', NOW)).toEqual({
      writes: [{ subresource: 'status', patch: { status: { abort: true } } }],
      summary: `written as the plugin writes it, although ${warning}`,
      warning,
    });
  });
});

describe('planOperation(retry)', () => {
  it.each([
    {
      name: 'an aborted canary restarts at step 0',
      rollout: aRollout({ index: 0, abort: true }),
      summary: 'retrying the update of storefront from step 1/6',
    },
    {
      name: 'an aborted blue-green',
      rollout: aRollout({ strategy: 'blueGreen', abort: true }),
      summary: 'retrying the update of storefront',
    },
  ])('$name: status.abort = false', ({ rollout, summary }) => {
    expect(planOperation(rollout, 'retry', NOW)).toEqual({
      writes: [{ subresource: 'status', patch: { status: { abort: false } } }],
      summary,
    });
  });

  it.each([
    { name: 'a rollout mid-update', rollout: aRollout({ index: 0 }) },
    { name: 'a rollout whose abort was already cleared', rollout: aRollout({ abort: false }) },
    { name: 'a fully promoted rollout', rollout: fullyPromoted() },
  ])('writes it all the same on $name, with a warning', ({ rollout }) => {
    const warning = 'rollout storefront is not aborted: there is nothing to retry';
    expect(planOperation(rollout, 'retry', NOW)).toEqual({
      writes: [{ subresource: 'status', patch: { status: { abort: false } } }],
      summary: `written as the plugin writes it, although ${warning}`,
      warning,
    });
  });
});
