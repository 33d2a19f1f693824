import { ANNOTATIONS, type Rollout } from '../../../domain/index.js';
import { stepsOf } from '../steps.js';
import type { OperationPlan } from './operation.js';
import { isFullyPromoted, isUnobserved, refuse, statusWrite, unobservedReason } from './rollout-state.js';

/** `abort` (spec §1.8, §8.7): `status.abort = true`. A fully promoted Rollout ignores an abort, so it is refused. */
export function planAbort(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  if (isUnobserved(rollout)) return refuse(unobservedReason(rollout));
  if (rollout.status?.abort) return refuse(`rollout ${name} is already aborted`);
  if (!rollout.status?.stableRS || isFullyPromoted(rollout)) return refuse(`rollout ${name} has no update in progress to abort`);
  const revision = rollout.metadata.annotations?.[ANNOTATIONS.revision];
  return { writes: [statusWrite({ abort: true })], summary: `aborted the update of ${name}${revision ? ` to revision ${revision}` : ''}` };
}

/** `retry rollout` (spec §1.8, §8.7): `status.abort = false`; the update starts again from step 0 with fresh analysis. */
export function planRetry(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  if (!rollout.status?.abort) return refuse(`rollout ${name} is not aborted: only an aborted rollout can be retried`);
  const steps = stepsOf(rollout);
  const from = rollout.spec.strategy?.canary && steps.length ? ` from step 1/${steps.length}` : '';
  return { writes: [statusWrite({ abort: false })], summary: `retrying the update of ${name}${from}` };
}
