import { describe, expect, it } from 'vitest';
import {
  abortScaleDownDelaySeconds,
  canaryReplicasOrWeight,
  currentSetWeight,
  desiredCanaryWeightOnAbort,
} from '../../../../src/core/rollout/replicas/index.js';
import { aRollout, rs } from './builders.js';

const steps = [{ setWeight: 10 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '1m' } }];

describe('currentSetWeight (spec §8.5)', () => {
  it.each([
    { name: 'at a setWeight', index: 0, expected: 10 },
    { name: 'after a setWeight, walking back', index: 1, expected: 10 },
    { name: 'at the second setWeight', index: 3, expected: 50 },
    { name: 'past the last step ⇒ max weight', index: 4, expected: 100 },
  ])('$name ⇒ $expected', ({ index, expected }) => {
    expect(currentSetWeight(aRollout({ steps, status: { currentStepIndex: index } }))).toBe(
      expected,
    );
  });

  it('is 0 when no setWeight precedes the current step', () => {
    expect(currentSetWeight(aRollout({ steps: [{ pause: {} }, { setWeight: 50 }] }))).toBe(0);
  });

  it('is 0 when aborted', () => {
    expect(
      currentSetWeight(aRollout({ steps, status: { currentStepIndex: 3, abort: true } })),
    ).toBe(0);
  });

  it('is the max weight without steps', () => {
    expect(currentSetWeight(aRollout({ steps: [] }))).toBe(100);
  });

  it('is maxTrafficWeight past the last step with traffic routing', () => {
    const rollout = aRollout({
      routed: true,
      canary: { trafficRouting: { maxTrafficWeight: 1000 } },
      steps,
      status: { currentStepIndex: 4 },
    });
    expect(currentSetWeight(rollout)).toBe(1000);
  });

  it('treats a missing currentStepIndex as 0', () => {
    expect(currentSetWeight(aRollout({ steps, status: { currentStepIndex: undefined } }))).toBe(10);
  });
});

describe('abortScaleDownDelaySeconds', () => {
  it.each([
    { name: 'no traffic routing', canary: {}, expected: undefined },
    { name: 'routed, unset ⇒ 30', canary: { trafficRouting: {} }, expected: 30 },
    {
      name: 'routed, 0 ⇒ never',
      canary: { trafficRouting: {}, abortScaleDownDelaySeconds: 0 },
      expected: undefined,
    },
    {
      name: 'routed, 45',
      canary: { trafficRouting: {}, abortScaleDownDelaySeconds: 45 },
      expected: 45,
    },
    {
      name: 'dynamicStableScale, unset ⇒ no delay',
      canary: { trafficRouting: {}, dynamicStableScale: true },
      expected: undefined,
    },
    {
      name: 'dynamicStableScale, explicit',
      canary: { trafficRouting: {}, dynamicStableScale: true, abortScaleDownDelaySeconds: 30 },
      expected: 30,
    },
  ])('$name', ({ canary, expected }) => {
    expect(abortScaleDownDelaySeconds(canary)).toBe(expected);
  });
});

describe('canaryReplicasOrWeight (spec §8.5 GetCanaryReplicasOrWeight)', () => {
  const weight = (w: number) => ({ kind: 'weight', weight: w });
  const scaleSteps = [
    { setWeight: 10 },
    { setCanaryScale: { replicas: 3 } },
    { setWeight: 20 },
    { setCanaryScale: { matchTrafficWeight: true } },
  ];

  it.each([
    {
      name: 'promoteFull ⇒ max weight',
      rollout: aRollout({ steps, status: { promoteFull: true } }),
      expected: weight(100),
    },
    {
      name: 'no stable ⇒ max weight',
      rollout: aRollout({ steps, status: { stableRS: undefined } }),
      expected: weight(100),
    },
    {
      name: 'current pods are the stable ones ⇒ max weight',
      rollout: aRollout({ steps, status: { stableRS: 'canary' } }),
      expected: weight(100),
    },
    {
      name: 'a setWeight step',
      rollout: aRollout({ steps, status: { currentStepIndex: 2 } }),
      expected: weight(50),
    },
    {
      name: 'setCanaryScale.replicas with routing',
      rollout: aRollout({ routed: true, steps: scaleSteps, status: { currentStepIndex: 1 } }),
      expected: { kind: 'replicas', replicas: 3 },
    },
    {
      name: 'setCanaryScale still in effect after a later setWeight',
      rollout: aRollout({ routed: true, steps: scaleSteps, status: { currentStepIndex: 2 } }),
      expected: { kind: 'replicas', replicas: 3 },
    },
    {
      name: 'matchTrafficWeight cancels it',
      rollout: aRollout({ routed: true, steps: scaleSteps, status: { currentStepIndex: 3 } }),
      expected: weight(20),
    },
    {
      name: 'setCanaryScale.weight',
      rollout: aRollout({ routed: true, steps: [{ setCanaryScale: { weight: 40 } }] }),
      expected: weight(40),
    },
    {
      name: 'setCanaryScale without routing is ignored',
      rollout: aRollout({ steps: scaleSteps, status: { currentStepIndex: 1 } }),
      expected: weight(10),
    },
    {
      name: 'setCanaryScale with neither field falls back to setWeight',
      rollout: aRollout({
        routed: true,
        steps: [{ setWeight: 5 }, { setCanaryScale: {} }],
        status: { currentStepIndex: 1 },
      }),
      expected: weight(5),
    },
    {
      name: 'aborted: setCanaryScale ignored with the default delay',
      rollout: aRollout({
        routed: true,
        steps: scaleSteps,
        status: { currentStepIndex: 1, abort: true },
      }),
      expected: weight(0),
    },
    {
      name: 'aborted: setCanaryScale kept with abortScaleDownDelaySeconds 0',
      rollout: aRollout({
        routed: true,
        canary: { abortScaleDownDelaySeconds: 0 },
        steps: scaleSteps,
        status: { currentStepIndex: 1, abort: true },
      }),
      expected: { kind: 'replicas', replicas: 3 },
    },
    {
      name: 'past the last step setCanaryScale no longer applies',
      rollout: aRollout({
        routed: true,
        steps: [{ setCanaryScale: { replicas: 3 } }],
        status: { currentStepIndex: 1 },
      }),
      expected: weight(100),
    },
  ])('$name', ({ rollout, expected }) => {
    expect(canaryReplicasOrWeight(rollout)).toEqual(expected);
  });

  it('uses the step-down weight when aborted with dynamicStableScale and the RS counts are known', () => {
    const rollout = aRollout({
      replicas: 10,
      routed: true,
      canary: { dynamicStableScale: true },
      steps: [{ setWeight: 10 }, { setWeight: 50 }],
      status: { currentStepIndex: 1, abort: true },
    });
    expect(canaryReplicasOrWeight(rollout, { newRS: rs(5, 5), stableRS: rs(9, 9) })).toEqual(
      weight(10),
    );
    expect(canaryReplicasOrWeight(rollout)).toEqual(weight(0));
  });
});

describe('desiredCanaryWeightOnAbort (spec §9.1 TestGetDesiredCanaryWeightOnAbortWithScaleDownDelay)', () => {
  // steps [10, 50], R10, dynamicStableScale, aborted, canary RS 5/5.
  const rolloutWith = (abortDelay: number | undefined) =>
    aRollout({
      replicas: 10,
      routed: true,
      canary: {
        dynamicStableScale: true,
        ...(abortDelay === undefined ? {} : { abortScaleDownDelaySeconds: abortDelay }),
      },
      steps: [{ setWeight: 10 }, { setWeight: 50 }],
      status: { currentStepIndex: 1, abort: true },
    });

  it.each([
    {
      name: 'no delay set, stable 9 available: the canary keeps its 5 pods ⇒ 10',
      abortDelay: undefined,
      stableAvailable: 9,
      expected: 10,
    },
    {
      name: 'delay 30, stable 5 available: 5 pods still needed ⇒ 10',
      abortDelay: 30,
      stableAvailable: 5,
      expected: 10,
    },
    {
      name: 'delay 30, stable 9 available: the canary goes on a timer ⇒ 0',
      abortDelay: 30,
      stableAvailable: 9,
      expected: 0,
    },
    {
      name: 'delay 0 (kept forever), stable 9 available ⇒ 10',
      abortDelay: 0,
      stableAvailable: 9,
      expected: 10,
    },
  ])('$name', ({ abortDelay, stableAvailable, expected }) => {
    expect(
      desiredCanaryWeightOnAbort(rolloutWith(abortDelay), {
        newRS: rs(5, 5),
        stableRS: rs(stableAvailable, stableAvailable),
      }),
    ).toBe(expected);
  });

  it('is 0 once the stable carries everything and the canary is gone', () => {
    expect(
      desiredCanaryWeightOnAbort(rolloutWith(undefined), { newRS: rs(0, 0), stableRS: rs(10, 10) }),
    ).toBe(0);
  });
});
