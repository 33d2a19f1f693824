import { describe, expect, it } from 'vitest';
import type { CanaryStep } from '../../../../src/domain/index.js';
import {
  calculateTrafficRoutedCounts,
  type RecordedWeights,
  recordedWeightsOf,
  trafficRoutedInputOf,
  trafficWeightToReplicas,
  withMinPods,
} from '../../../../src/core/rollout/replicas/index.js';
import { aRollout, rs } from './builders.js';

describe('trafficWeightToReplicas (spec §8.4): plain ceiling', () => {
  it.each([
    [0, 0],
    [20, 2],
    [25, 3],
    [33, 4],
    [99, 10],
    [100, 10],
  ])('10 replicas at %i ⇒ %i', (weight, expected) => {
    expect(trafficWeightToReplicas(10, weight, 100)).toBe(expected);
  });

  it('uses maxWeight as the denominator', () => {
    expect(trafficWeightToReplicas(10, 250, 1000)).toBe(3);
  });
});

describe('withMinPods', () => {
  it.each([
    { count: 0, minPods: 3, replicas: 10, expected: 0 },
    { count: 1, minPods: 3, replicas: 10, expected: 3 },
    { count: 5, minPods: 3, replicas: 10, expected: 5 },
    { count: 1, minPods: 3, replicas: 2, expected: 2 },
    { count: 1, minPods: undefined, replicas: 10, expected: 1 },
  ])(
    '$count with minPods $minPods of $replicas ⇒ $expected',
    ({ count, minPods, replicas, expected }) => {
      expect(withMinPods(count, minPods, replicas)).toBe(expected);
    },
  );
});

/** A routed, dynamicStableScale Rollout of 10 at the given step; `weights` are the previous status'. */
function dynamicCounts(o: {
  steps: CanaryStep[];
  index?: number;
  abort?: boolean;
  weights?: RecordedWeights;
  newRS?: ReturnType<typeof rs>;
  stableRS?: ReturnType<typeof rs>;
}) {
  const rollout = aRollout({
    replicas: 10,
    steps: o.steps,
    routed: true,
    canary: { dynamicStableScale: true },
    status: { currentStepIndex: o.index ?? 0, abort: o.abort ?? false },
  });
  return calculateTrafficRoutedCounts(
    trafficRoutedInputOf(rollout, { newRS: o.newRS, stableRS: o.stableRS }, o.weights),
  );
}

describe('calculateTrafficRoutedCounts', () => {
  it('keeps the stable full without dynamicStableScale (R10, setWeight 10 ⇒ 1, 10)', () => {
    const rollout = aRollout({ replicas: 10, routed: true, steps: [{ setWeight: 10 }] });
    expect(calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout))).toEqual({
      canary: 1,
      stable: 10,
    });
  });

  it('rounds the canary up, unlike the basic canary (33 % of 10 ⇒ 4)', () => {
    const rollout = aRollout({ replicas: 10, routed: true, steps: [{ setWeight: 33 }] });
    expect(calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout))).toEqual({
      canary: 4,
      stable: 10,
    });
  });

  it('follows maxTrafficWeight', () => {
    const rollout = aRollout({
      replicas: 10,
      routed: true,
      canary: { trafficRouting: { maxTrafficWeight: 1000 } },
      steps: [{ setWeight: 250 }],
    });
    expect(calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout))).toEqual({
      canary: 3,
      stable: 10,
    });
  });

  describe('dynamicStableScale (spec §9.1 TestCalculateReplicaCountsForCanaryTrafficRoutingDynamicScale)', () => {
    it('scales the stable down once traffic has left it (setWeight 10, weights 10/90 ⇒ 1, 9)', () => {
      expect(
        dynamicCounts({ steps: [{ setWeight: 10 }], weights: { canary: 10, stable: 90 } }),
      ).toEqual({ canary: 1, stable: 9 });
    });

    it('takes the desired canary over the recorded one (setWeight 20, weights 10/90 ⇒ 2, 9)', () => {
      expect(
        dynamicCounts({ steps: [{ setWeight: 20 }], weights: { canary: 10, stable: 90 } }),
      ).toEqual({ canary: 2, stable: 9 });
    });

    it('without recorded weights follows the desired weight alone (setWeight 20 ⇒ 2, 8)', () => {
      expect(dynamicCounts({ steps: [{ setWeight: 20 }] })).toEqual({ canary: 2, stable: 8 });
    });

    it('on abort keeps the canary while traffic still goes to it (weights 20/80 ⇒ 2, 10)', () => {
      expect(
        dynamicCounts({
          steps: [{ setWeight: 20 }],
          abort: true,
          weights: { canary: 20, stable: 80 },
        }),
      ).toEqual({ canary: 2, stable: 10 });
    });

    it('on abort shrinks the canary as traffic leaves it (weights 10/90 ⇒ 1, 10)', () => {
      expect(
        dynamicCounts({
          steps: [{ setWeight: 20 }],
          abort: true,
          weights: { canary: 10, stable: 90 },
        }),
      ).toEqual({ canary: 1, stable: 10 });
    });

    it('on abort steps the weight down through the setWeight list as the stable becomes available', () => {
      // Aborted at 60 %: canary 6/6, stable 4/4, router 60/40. The stable can carry 40 %, so the weight
      // steps back to the largest setWeight needing fewer than 6 canary pods (20) and the stable grows to 8.
      const counts = dynamicCounts({
        steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }],
        index: 2,
        abort: true,
        weights: { canary: 60, stable: 40 },
        newRS: rs(6, 6),
        stableRS: rs(4, 4),
      });
      expect(counts).toEqual({ canary: 6, stable: 8 });
    });

    it('on abort with a single setWeight there is nothing to step back to: weight 0, stable back to full', () => {
      const counts = dynamicCounts({
        steps: [{ setWeight: 60 }],
        abort: true,
        weights: { canary: 60, stable: 40 },
        newRS: rs(6, 6),
        stableRS: rs(4, 4),
      });
      expect(counts).toEqual({ canary: 6, stable: 10 });
    });

    it('raises both sides to minPodsPerReplicaSet', () => {
      const rollout = aRollout({
        replicas: 10,
        routed: true,
        canary: { dynamicStableScale: true, minPodsPerReplicaSet: 3 },
        steps: [{ setWeight: 95 }],
      });
      expect(
        calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout, {}, { canary: 95, stable: 5 })),
      ).toEqual({ canary: 10, stable: 3 });
    });

    it('applies minPodsPerReplicaSet to an explicit setCanaryScale.replicas too', () => {
      const rollout = aRollout({
        replicas: 10,
        routed: true,
        canary: { dynamicStableScale: true, minPodsPerReplicaSet: 3 },
        steps: [{ setWeight: 10 }, { setCanaryScale: { replicas: 1 } }],
        status: { currentStepIndex: 1 },
      });
      expect(calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout))).toEqual({
        canary: 3,
        stable: 10,
      });
    });
  });
});

describe('recordedWeightsOf', () => {
  it('reads status.canary.weights', () => {
    const rollout = aRollout({
      status: {
        canary: {
          weights: { canary: { weight: 20, podTemplateHash: 'a' }, stable: { weight: 80 } },
        },
      },
    });
    expect(recordedWeightsOf(rollout)).toEqual({ canary: 20, stable: 80 });
  });

  it('treats an omitted weight as 0', () => {
    expect(
      recordedWeightsOf(
        aRollout({ status: { canary: { weights: { canary: {}, stable: { weight: 100 } } } } }),
      ),
    ).toEqual({ canary: 0, stable: 100 });
  });

  it.each([
    ['no weights', {}],
    ['weights without stable', { weights: { canary: { weight: 1 } } }],
    ['a non-numeric weight', { weights: { canary: { weight: '1' }, stable: { weight: 99 } } }],
  ])('is undefined for %s', (_name, canary) => {
    expect(recordedWeightsOf(aRollout({ status: { canary } }))).toBeUndefined();
  });
});
