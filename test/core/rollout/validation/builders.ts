import type { Rollout } from '../../../../src/domain/index.js';
import { aRollout, type RolloutOverrides } from '../../../support/builders/index.js';

/** A canary Rollout routed by `trafficRouting`, with both services set. */
export function aRoutedRollout(trafficRouting: unknown, o: RolloutOverrides = {}): Rollout {
  return aRollout({
    ...o,
    canary: { canaryService: 'guestbook-canary', stableService: 'guestbook-stable', ...o.canary },
    trafficRouting,
  });
}
