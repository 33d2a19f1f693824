import { describe, expect, it } from 'vitest';
import { planOperation } from '../../../../src/core/rollout/operations/index.js';
import { aRollout, atPauseStep, fullyPromoted, NOW } from './builders.js';

// spec §1.8 `promote`, §10.4; upstream getPatches (promote without flags).
describe('planOperation(promote)', () => {
  it.each([
    {
      name: 'a pause step: clears the pause conditions, leaves the index to the controller',
      rollout: atPauseStep(),
      writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
      summary: 'promoted storefront past step 2/6 (pause)',
    },
    {
      name: 'a timed pause step: the same',
      rollout: aRollout({ index: 3, pauses: ['CanaryPauseStep'], controllerPause: true }),
      writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
      summary: 'promoted storefront past step 4/6 (pause: 10s)',
    },
    {
      name: 'a running analysis step (no pause condition): skips it with the next index',
      rollout: aRollout({ index: 4, stepAnalysis: 'Running' }),
      writes: [
        {
          subresource: 'status',
          patch: { status: { pauseConditions: null, currentStepIndex: 5 } },
        },
      ],
      summary: 'promoted storefront past step 5/6 (analysis)',
    },
    {
      name: 'a setWeight step still scaling: the plugin skips that too',
      rollout: aRollout({ index: 0 }),
      writes: [
        {
          subresource: 'status',
          patch: { status: { pauseConditions: null, currentStepIndex: 1 } },
        },
      ],
      summary: 'promoted storefront past step 1/6 (setWeight: 20)',
    },
    {
      name: 'no currentStepIndex counts as step 0',
      rollout: aRollout({}),
      writes: [
        {
          subresource: 'status',
          patch: { status: { pauseConditions: null, currentStepIndex: 1 } },
        },
      ],
      summary: 'promoted storefront past step 1/6 (setWeight: 20)',
    },
    {
      name: 'an inconclusive step analysis: clears conditions and controllerPause, next index',
      rollout: aRollout({
        index: 4,
        stepAnalysis: 'Inconclusive',
        pauses: ['InconclusiveAnalysisRun'],
        controllerPause: true,
      }),
      writes: [
        {
          subresource: 'status',
          patch: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 5 } },
        },
      ],
      summary: 'promoted storefront past step 5/6 (analysis) after an inconclusive analysis',
    },
    {
      name: 'inconclusive at the last step: the index stays at len(steps)',
      rollout: aRollout({
        steps: [{ setWeight: 50 }, { analysis: {} }],
        index: 1,
        stepAnalysis: 'Inconclusive',
        pauses: ['InconclusiveAnalysisRun'],
        controllerPause: true,
      }),
      writes: [
        {
          subresource: 'status',
          patch: { status: { pauseConditions: null, controllerPause: false, currentStepIndex: 2 } },
        },
      ],
      summary: 'promoted storefront past step 2/2 (analysis) after an inconclusive analysis',
    },
    {
      name: 'inconclusive without controllerPause: only the conditions are cleared',
      rollout: aRollout({
        index: 4,
        stepAnalysis: 'Inconclusive',
        pauses: ['InconclusiveAnalysisRun'],
        controllerPause: false,
      }),
      writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
      summary: 'promoted storefront past step 5/6 (analysis)',
    },
    {
      name: 'spec.paused at a pause step: unpauses the spec first, then clears the conditions',
      rollout: atPauseStep({ paused: true }),
      writes: [
        { subresource: 'spec', patch: { spec: { paused: false } } },
        { subresource: 'status', patch: { status: { pauseConditions: null } } },
      ],
      summary: 'unpaused and promoted storefront past step 2/6 (pause)',
    },
    {
      name: 'spec.paused past the last step: only unpauses',
      rollout: aRollout({ index: 6, paused: true }),
      writes: [{ subresource: 'spec', patch: { spec: { paused: false } } }],
      summary: 'unpaused storefront',
    },
    {
      name: 'spec.paused with a promote already pending: only unpauses',
      rollout: aRollout({ index: 1, controllerPause: true, paused: true }),
      writes: [{ subresource: 'spec', patch: { spec: { paused: false } } }],
      summary: 'unpaused storefront',
    },
    {
      name: 'fully promoted but spec.paused: only unpauses',
      rollout: fullyPromoted({ paused: true }),
      writes: [{ subresource: 'spec', patch: { spec: { paused: false } } }],
      summary: 'unpaused storefront (already fully promoted)',
    },
    {
      name: 'blue-green on BlueGreenPause: clears the pause conditions',
      rollout: aRollout({
        strategy: 'blueGreen',
        pauses: ['BlueGreenPause'],
        controllerPause: true,
      }),
      writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
      summary: 'promoted storefront out of BlueGreenPause',
    },
    {
      name: 'blue-green on an inconclusive pre-promotion analysis: clears the conditions only',
      rollout: aRollout({
        strategy: 'blueGreen',
        pauses: ['InconclusiveAnalysisRun'],
        controllerPause: true,
      }),
      writes: [{ subresource: 'status', patch: { status: { pauseConditions: null } } }],
      summary: 'promoted storefront out of InconclusiveAnalysisRun',
    },
    {
      name: 'blue-green spec.paused: unpauses',
      rollout: aRollout({ strategy: 'blueGreen', paused: true }),
      writes: [{ subresource: 'spec', patch: { spec: { paused: false } } }],
      summary: 'unpaused storefront',
    },
  ])('$name', ({ rollout, writes, summary }) => {
    expect(planOperation(rollout, 'promote', NOW)).toEqual({ writes, summary });
  });

  it.each([
    {
      name: 'an aborted rollout',
      rollout: aRollout({ index: 0, abort: true }),
      refused:
        'rollout storefront is aborted: retry it to start the update again, or promote --full',
    },
    {
      name: 'a fully promoted rollout',
      rollout: fullyPromoted(),
      refused: 'rollout storefront is already fully promoted',
    },
    {
      name: 'not paused and past the last step',
      rollout: aRollout({ index: 6 }),
      refused: 'rollout storefront is not paused and already past its last step (6/6)',
    },
    {
      name: 'a promote already pending (controllerPause, no condition)',
      rollout: aRollout({ index: 1, controllerPause: true }),
      refused:
        'a promote of rollout storefront is already pending: the controller has not resumed it yet',
    },
    {
      name: 'a blue-green not paused',
      rollout: aRollout({ strategy: 'blueGreen' }),
      refused: 'rollout storefront is not paused',
    },
    {
      name: 'a canary without steps, not paused',
      rollout: aRollout({ steps: [] }),
      refused: 'rollout storefront is not paused',
    },
    {
      name: 'a rollout the controller has not seen',
      rollout: aRollout({ noStatus: true }),
      refused: 'rollout storefront has no status yet: the controller has not reconciled it',
    },
  ])('refuses $name', ({ rollout, refused }) => {
    expect(planOperation(rollout, 'promote', NOW)).toEqual({ refused });
  });
});
