import { describe, expect, it } from 'vitest';
import { assessRolloutStatus, summarizeRollout } from '../../../src/core/rollout-info/index.js';
import { aRollout } from './builders.js';

// `list rollouts` columns and the status a client reads (spec §1.9, §5), from the Rollout alone.
describe('summarizeRollout', () => {
  it.each([
    [
      'paused at the first pause step',
      aRollout({ status: { phase: 'Paused', message: 'CanaryPauseStep', currentStepIndex: 1 } }),
      { status: 'Paused', icon: '॥', step: '1/4', setWeight: 20 },
    ],
    [
      'past the last step',
      aRollout({ status: { phase: 'Healthy', currentStepIndex: 4 } }),
      { status: 'Healthy', icon: '✔', step: '4/4', setWeight: 100 },
    ],
    [
      'between weights: the nearest earlier setWeight',
      aRollout({ status: { phase: 'Progressing', currentStepIndex: 3 } }),
      { status: 'Progressing', icon: '◌', step: '3/4', setWeight: 60 },
    ],
    [
      'aborted: weight 0, Degraded',
      aRollout({
        status: {
          phase: 'Degraded',
          message: 'RolloutAborted: x',
          abort: true,
          currentStepIndex: 0,
        },
      }),
      { status: 'Degraded', icon: '✖', step: '0/4', setWeight: 0 },
    ],
    [
      'no steps: no step column, full weight',
      aRollout({ steps: [], status: { phase: 'Healthy' } }),
      { step: undefined, setWeight: 100 },
    ],
    ['no index yet', aRollout({ status: { phase: 'Progressing' } }), { step: undefined }],
    [
      'blue-green: no step or weight',
      aRollout({ blueGreen: true, status: { phase: 'Healthy' } }),
      { strategy: 'BlueGreen', step: undefined, setWeight: undefined },
    ],
  ])('%s', (_name, rollout, expected) => {
    const s = summarizeRollout(rollout);
    for (const [k, v] of Object.entries(expected)) expect(s[k as keyof typeof s], k).toBe(v);
  });

  it('counts replicas from the status and desired from the spec', () => {
    const s = summarizeRollout(
      aRollout({
        status: { replicas: 6, updatedReplicas: 2, readyReplicas: 5, availableReplicas: 4 },
      }),
    );
    expect(s).toMatchObject({ desired: 5, current: 6, updated: 2, ready: 5, available: 4 });
  });
});

describe('assessRolloutStatus', () => {
  it.each([
    [
      'the controller has not seen the new generation',
      aRollout({ generation: 3, status: { phase: 'Healthy', observedGeneration: '2' } }),
      'Progressing',
      'waiting for rollout spec update to be observed',
    ],
    [
      'a promote the controller has not acted on yet',
      aRollout({
        status: {
          phase: 'Paused',
          message: 'CanaryPauseStep',
          controllerPause: true,
          pauseConditions: [],
        },
      }),
      'Progressing',
      'waiting for rollout to unpause',
    ],
    [
      'the controller paused it',
      aRollout({
        status: {
          phase: 'Paused',
          message: 'CanaryPauseStep',
          controllerPause: true,
          pauseConditions: [{ reason: 'CanaryPauseStep', startTime: 'x' }],
        },
      }),
      'Paused',
      'CanaryPauseStep',
    ],
    [
      'degraded with the controller message',
      aRollout({
        status: {
          phase: 'Degraded',
          message: 'ProgressDeadlineExceeded: ReplicaSet "x" has timed out progressing.',
        },
      }),
      'Degraded',
      'ProgressDeadlineExceeded: ReplicaSet "x" has timed out progressing.',
    ],
    [
      'a non-numeric observedGeneration counts as observed',
      aRollout({ generation: 3, status: { phase: 'Healthy', observedGeneration: 'abc123' } }),
      'Healthy',
      '',
    ],
  ])('%s', (_name, rollout, status, message) => {
    expect(assessRolloutStatus(rollout)).toEqual({ status, message });
  });
});
