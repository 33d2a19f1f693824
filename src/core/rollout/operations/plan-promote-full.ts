import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan } from './operation.js';
import { isUnobserved, refuse, specWrite, statusWrite, unobservedReason } from './rollout-state.js';

/**
 * `promote --full` (spec §1.8): unpause the spec if paused, and ask for `promoteFull` while the
 * current ReplicaSet is not the stable one. The controller then skips the remaining steps, pauses
 * and analysis (it also clears an abort, spec §8.5 step 2).
 */
export function planPromoteFull(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  const status = rollout.status ?? {};
  const paused = rollout.spec.paused === true;
  if (isUnobserved(rollout)) return refuse(unobservedReason(rollout));
  const needed = status.currentPodHash !== status.stableRS;
  if (!needed) {
    if (!paused) return refuse(`rollout ${name} is already fully promoted`);
    return {
      writes: [specWrite({ paused: false })],
      summary: `unpaused ${name} (already fully promoted)`,
    };
  }
  if (status.promoteFull) {
    if (!paused) return refuse(`a full promotion of rollout ${name} is already requested`);
    return {
      writes: [specWrite({ paused: false })],
      summary: `unpaused ${name} (full promotion already requested)`,
    };
  }
  return {
    writes: [...(paused ? [specWrite({ paused: false })] : []), statusWrite({ promoteFull: true })],
    summary: `${paused ? 'unpaused and ' : ''}fully promoting ${name}, skipping the remaining steps, pauses and analysis`,
  };
}
