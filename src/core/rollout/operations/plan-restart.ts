import type { Rollout } from '../../../domain/index.js';
import { isoTime } from '../../../domain/time.js';
import type { OperationPlan } from './operation.js';
import { specWrite } from './rollout-state.js';

/**
 * `restart [--in 30s]` (spec §1.8, §8.11): `spec.restartAt = now + in` as RFC3339 in whole
 * seconds, as the plugin writes it; the controller evicts every pod created before then (and
 * requeues to reach a future restartAt). Never refused: restarting again simply moves the cut-off.
 */
export function planRestart(rollout: Rollout, now: number, inMs = 0): OperationPlan {
  const restartAt = isoTime(now + Math.max(0, inMs));
  return {
    writes: [specWrite({ restartAt })],
    summary: `restarting the pods of ${rollout.metadata.name} (restartAt ${restartAt})`,
  };
}
