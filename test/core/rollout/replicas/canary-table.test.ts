import { describe, expect, it } from 'vitest';
import {
  basicCanaryInputOf,
  calculateBasicCanaryCounts,
  calculateTrafficRoutedCounts,
  trafficRoutedInputOf,
} from '../../../../src/core/rollout/replicas/index.js';
import { aCase, type CanaryCase, orThrow, rolloutOf, rs } from './builders.js';

// Spec §9.1.1: (R, W, surge, unavailable; stable spec/avail; canary spec/avail) ⇒ (stable, canary).
const rows: CanaryCase[] = [
  aCase({ name: '1 spec < available is not counted as extra', weight: 100, surge: 3, stable: rs(7, 8), canary: rs(6, 3), expected: { stable: 7, canary: 6 } }),
  aCase({ name: '2 surge int scales canary up', weight: 20, surge: 2, stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '3 surge % scales canary up', weight: 20, surge: '20%', stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '4 scale down extra stable', weight: 20, surge: '20%', stable: rs(10, 10), canary: rs(2, 2), expected: { stable: 8, canary: 2 } }),
  aCase({ name: '5 never past max surge', weight: 30, surge: 2, stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '6 unavailable int scales stable down', weight: 20, unavailable: 2, stable: rs(10, 10), expected: { stable: 8, canary: 0 } }),
  aCase({ name: '7 unavailable % scales stable down', weight: 20, unavailable: '20%', stable: rs(10, 10), expected: { stable: 8, canary: 0 } }),
  aCase({ name: '8 never past max unavailable', weight: 30, unavailable: 2, stable: rs(10, 10), expected: { stable: 8, canary: 0 } }),
  aCase({ name: '9 surge and unavailable together', weight: 50, surge: 2, unavailable: 1, stable: rs(10, 10), expected: { stable: 9, canary: 2 } }),
  aCase({ name: '10 weight 0 scales canary to 0', weight: 0, surge: 1, unavailable: 1, stable: rs(10, 10), canary: rs(1, 1), expected: { stable: 10, canary: 0 } }),
  aCase({ name: '11 weight 100 scales stable to 0', weight: 100, surge: 1, unavailable: 1, stable: rs(1, 1), canary: rs(10, 10), expected: { stable: 0, canary: 10 } }),
  aCase({ name: '12 no zero canary at 20 %', replicas: 1, weight: 20, surge: 1, stable: rs(1, 1), expected: { stable: 1, canary: 1 } }),
  aCase({ name: '13 no zero canary at 90 %', replicas: 1, weight: 90, surge: 1, stable: rs(1, 1), expected: { stable: 1, canary: 1 } }),
  aCase({ name: '14 below 50 % without surge keeps the stable pod', replicas: 1, weight: 49, unavailable: 1, stable: rs(1, 1), expected: { stable: 1, canary: 0 } }),
  aCase({ name: '15 from 50 % without surge drops the stable pod first', replicas: 1, weight: 51, unavailable: 1, stable: rs(1, 1), expected: { stable: 0, canary: 0 } }),
  aCase({ name: '16 from 50 % with stable already 0 starts the canary', replicas: 1, weight: 51, unavailable: 1, stable: rs(0, 0), expected: { stable: 0, canary: 1 } }),
  aCase({ name: '17 stable scaled up before canary (older RS 3/3)', weight: 30, surge: 1, stable: rs(1, 1), older: rs(3, 3), expected: { stable: 7, canary: 1 } }),
  aCase({ name: '18 scale down canary and stable', weight: 30, unavailable: 3, stable: rs(8, 5), canary: rs(4, 4), expected: { stable: 7, canary: 3 } }),
  aCase({ name: '19 scale down by availability', weight: 100, surge: 1, stable: rs(10, 2), canary: rs(10, 8), expected: { stable: 2, canary: 9 } }),
  aCase({ name: '20 an older RS blocks scale-down (older 3/3)', weight: 30, unavailable: 1, stable: rs(8, 6), canary: rs(4, 2), older: rs(3, 3), expected: { stable: 8, canary: 4 } }),
  aCase({ name: '21 5 % with surge 0, first pass', weight: 5, unavailable: 1, stable: rs(10, 10), expected: { stable: 9, canary: 0 } }),
  aCase({ name: '22 5 % with surge 0, second pass', weight: 5, unavailable: 1, stable: rs(9, 9), expected: { stable: 9, canary: 1 } }),
  aCase({ name: '23 both 0 % ⇒ unavailable 1', weight: 10, surge: '0%', unavailable: '0%', stable: rs(10, 10), expected: { stable: 9, canary: 0 } }),
  aCase({ name: '24 setCanaryScale.replicas 9 (routed)', replicas: 1, weight: 100, routed: true, setCanaryScale: { replicas: 9 }, stable: rs(1, 1), expected: { stable: 1, canary: 9 } }),
  aCase({ name: '25 setCanaryScale.weight 200 (routed)', replicas: 4, weight: 100, routed: true, setCanaryScale: { weight: 200 }, stable: rs(4, 4), expected: { stable: 4, canary: 8 } }),
  aCase({ name: '26 matchTrafficWeight ignores the scale (routed)', weight: 20, surge: '20%', routed: true, setCanaryScale: { replicas: 9, weight: 100, matchTrafficWeight: true }, stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '27 setCanaryScale without routing is ignored', weight: 20, surge: '20%', setCanaryScale: { replicas: 9, weight: 100 }, stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '28 surge while stable is unavailable', replicas: 4, weight: 100, surge: 1, stable: rs(4, 1), expected: { stable: 4, canary: 1 } }),
  aCase({ name: '29 to max unavailable without passing surge, first pass', replicas: 3, weight: 99, unavailable: 2, stable: rs(3, 3), expected: { stable: 1, canary: 0 } }),
  aCase({ name: '30 to max unavailable without passing surge, second pass', replicas: 3, weight: 99, unavailable: 2, stable: rs(1, 1), expected: { stable: 1, canary: 2 } }),
  aCase({ name: '31 max unavailable holds while stable is unavailable', replicas: 4, weight: 100, surge: 1, stable: rs(4, 1), canary: rs(1, 1), expected: { stable: 3, canary: 1 } }),
  aCase({ name: '32 aborting: stable surges first', replicas: 4, weight: 0, surge: 1, stable: rs(0, 0), canary: rs(4, 4), expected: { stable: 1, canary: 4 } }),
  aCase({ name: '33 aborting: canary kept until stable is available', replicas: 4, weight: 0, surge: 1, stable: rs(1, 0), canary: rs(4, 4), expected: { stable: 1, canary: 4 } }),
  aCase({ name: '34 aborting: canary shrinks by one', replicas: 4, weight: 0, surge: 1, stable: rs(1, 1), canary: rs(4, 4), expected: { stable: 1, canary: 3 } }),
  aCase({ name: '35 promoteFull ignores the weight', replicas: 4, weight: 1, surge: 4, unavailable: 4, promoteFull: true, stable: rs(4, 4), expected: { stable: 0, canary: 4 } }),
  aCase({ name: '36 promoteFull honours surge', replicas: 4, weight: 1, surge: 3, promoteFull: true, stable: rs(4, 4), expected: { stable: 4, canary: 3 } }),
  aCase({ name: '37 abort, abortScaleDownDelaySeconds 0 keeps setCanaryScale (routed)', replicas: 1, routed: true, setCanaryScale: { replicas: 1 }, abortDelay: 0, abort: true, stable: rs(1, 1), canary: rs(1, 1), expected: { stable: 1, canary: 1 } }),
  aCase({ name: '38 abort, abortScaleDownDelaySeconds 30 drops setCanaryScale (routed)', replicas: 1, routed: true, setCanaryScale: { replicas: 1 }, abortDelay: 30, abort: true, stable: rs(1, 1), canary: rs(1, 1), expected: { stable: 1, canary: 0 } }),
  aCase({ name: '39 minPodsPerReplicaSet 2 at 5 % (routed)', weight: 5, routed: true, minPods: 2, stable: rs(10, 10), expected: { stable: 10, canary: 2 } }),
  aCase({ name: '40 minPodsPerReplicaSet capped at replicas, promoteFull (routed)', replicas: 1, weight: 5, routed: true, minPods: 3, promoteFull: true, stable: rs(1, 1), expected: { stable: 1, canary: 1 } }),
];

describe('canary replica counts, spec §9.1.1', () => {
  it('has all 40 rows', () => {
    expect(rows).toHaveLength(40);
  });

  it.each(rows)('$name', (c) => {
    const rollout = rolloutOf(c);
    const counts = c.routed
      ? calculateTrafficRoutedCounts(trafficRoutedInputOf(rollout))
      : calculateBasicCanaryCounts(
          orThrow(basicCanaryInputOf(rollout, { newRS: c.canary, stableRS: c.stable, olderRSs: c.older ? [c.older] : [] })),
        );
    expect({ stable: counts.stable, canary: counts.canary }).toEqual(c.expected);
  });
});
