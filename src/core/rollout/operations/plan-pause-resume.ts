import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan } from './operation.js';
import { refuse, specWrite } from './rollout-state.js';

/** `pause` (spec §1.8): `spec.paused = true`; the controller halts scaling and steps ("manually paused"). */
export function planPause(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  if (rollout.spec.paused) return refuse(`rollout ${name} is already paused`);
  return { writes: [specWrite({ paused: true })], summary: `paused ${name}` };
}

/**
 * `resume`: `spec.paused = false`, the inverse of `pause`. A pause step or a blue-green pause is a
 * pause condition, not `spec.paused`; `promote` is what ends those, so resume says so.
 */
export function planResume(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  if (!rollout.spec.paused) {
    const reasons = (rollout.status?.pauseConditions ?? []).map((c) => c.reason);
    return refuse(
      reasons.length
        ? `rollout ${name} is not manually paused (it waits on ${reasons.join(', ')}): use promote`
        : `rollout ${name} is not paused`,
    );
  }
  return { writes: [specWrite({ paused: false })], summary: `resumed ${name}` };
}
