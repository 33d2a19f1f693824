import { ANNOTATIONS, type Rollout } from '../../../domain/index.js';
import { stepsOf } from '../steps.js';
import type { OperationPlan, OperationWrite, PlannedOperation } from './operation.js';
import { isFullyPromoted, isUnobserved, statusWrite, unobservedReason } from './rollout-state.js';

/**
 * `abort` (spec §1.8, §8.7): `status.abort = true`, written whatever the state, as the plugin
 * writes it (issue 19: `abort && retry` must not stop at the abort). With no update in progress
 * the write changes nothing (the controller drops an abort of a fully promoted Rollout), and the
 * plan says so in a warning.
 */
export function planAbort(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  const write = statusWrite({ abort: true });
  if (isUnobserved(rollout))
    return writtenAnyway(
      write,
      `${unobservedReason(rollout)}, so there is no update in progress to abort`,
    );
  if (rollout.status?.abort) return writtenAnyway(write, `rollout ${name} is already aborted`);
  if (!rollout.status?.stableRS || isFullyPromoted(rollout))
    return writtenAnyway(
      write,
      `rollout ${name} has no update in progress to abort: the controller ignores it`,
    );
  const revision = rollout.metadata.annotations?.[ANNOTATIONS.revision];
  return {
    writes: [write],
    summary: `aborted the update of ${name}${revision ? ` to revision ${revision}` : ''}`,
  };
}

/**
 * `retry rollout` (spec §1.8, §8.7): `status.abort = false`, written whatever the state, as the
 * plugin writes it; an aborted update starts again from step 0 with fresh analysis. A Rollout that
 * is not aborted is left as it is, with a warning.
 */
export function planRetry(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  const write = statusWrite({ abort: false });
  if (!rollout.status?.abort)
    return writtenAnyway(write, `rollout ${name} is not aborted: there is nothing to retry`);
  const steps = stepsOf(rollout);
  const from = rollout.spec.strategy?.canary && steps.length ? ` from step 1/${steps.length}` : '';
  return { writes: [write], summary: `retrying the update of ${name}${from}` };
}

/** The plugin's write where it changes nothing: made all the same, with why as a warning. */
function writtenAnyway(write: OperationWrite, why: string): PlannedOperation {
  return {
    writes: [write],
    summary: `written as the plugin writes it, although ${why}`,
    warning: why,
  };
}
