import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../../src/core/rollout/operations/index.js';
import { aRollout, atPauseStep, fullyPromoted, NOW } from './builders.js';

// spec §1.8 `abort` / `retry`, §8.7 (fully promoted rollouts ignore abort).
describe('planOperation(abort)', () => {
  it.each([
    { name: 'a canary mid-update', rollout: aRollout({ index: 0 }) },
    { name: 'a canary on a pause step', rollout: atPauseStep() },
    { name: 'a manually paused canary', rollout: atPauseStep({ paused: true }) },
    { name: 'a blue-green on its pause', rollout: aRollout({ strategy: 'blueGreen', pauses: ['BlueGreenPause'] }) },
  ])('$name: status.abort = true', ({ rollout }) => {
    expect(planOperation(rollout, 'abort', NOW)).toEqual({ writes: [{ subresource: 'status', patch: { status: { abort: true } } }], summary: 'aborted the update of storefront to revision 2' });
  });

  it.each([
    { name: 'an aborted rollout', rollout: aRollout({ abort: true }), refused: 'rollout storefront is already aborted' },
    { name: 'a fully promoted rollout', rollout: fullyPromoted(), refused: 'rollout storefront has no update in progress to abort' },
    { name: 'a first deploy (no stable yet)', rollout: aRollout({ stable: undefined }), refused: 'rollout storefront has no update in progress to abort' },
    { name: 'a rollout the controller has not seen', rollout: aRollout({ noStatus: true }), refused: 'rollout storefront has no status yet: the controller has not reconciled it' },
  ])('refuses $name', ({ rollout, refused }) => {
    expect(planOperation(rollout, 'abort', NOW)).toEqual({ refused });
  });
});

describe('planOperation(retry)', () => {
  it.each([
    { name: 'an aborted canary restarts at step 0', rollout: aRollout({ index: 0, abort: true }), summary: 'retrying the update of storefront from step 1/6' },
    { name: 'an aborted blue-green', rollout: aRollout({ strategy: 'blueGreen', abort: true }), summary: 'retrying the update of storefront' },
  ])('$name: status.abort = false', ({ rollout, summary }) => {
    expect(planOperation(rollout, 'retry', NOW)).toEqual({ writes: [{ subresource: 'status', patch: { status: { abort: false } } }], summary });
  });

  it.each([
    { name: 'a rollout mid-update', rollout: aRollout({ index: 0 }) },
    { name: 'a rollout whose abort was already cleared', rollout: aRollout({ abort: false }) },
    { name: 'a fully promoted rollout', rollout: fullyPromoted() },
  ])('refuses $name', ({ rollout }) => {
    expect(planOperation(rollout, 'retry', NOW)).toEqual({ refused: 'rollout storefront is not aborted: only an aborted rollout can be retried' });
  });
});
