import type { Rollout } from '../../../domain/index.js';
import { stepsOf, stepString } from '../steps.js';
import type { OperationPlan } from './operation.js';
import {
  isFullyPromoted,
  isUnobserved,
  refuse,
  specWrite,
  statusWrite,
  unobservedReason,
} from './rollout-state.js';

type StatusPart =
  { status: Record<string, unknown>; what: string } | { refused: string } | undefined;

/**
 * `promote` without flags (spec §1.8, §10.4; upstream `getPatches`): unpause the spec if it is
 * paused; clear the pause conditions if there are any; otherwise move a canary one step on, which
 * is how a running analysis or experiment step is skipped. A canary paused on an inconclusive step
 * analysis also gets `controllerPause: false` and the next index, or it would stay stuck there.
 */
export function planPromote(rollout: Rollout): OperationPlan {
  const name = rollout.metadata.name;
  const paused = rollout.spec.paused === true;
  if (isUnobserved(rollout)) return refuse(unobservedReason(rollout));
  if (rollout.status?.abort)
    return refuse(
      `rollout ${name} is aborted: retry it to start the update again, or promote --full`,
    );
  if (isFullyPromoted(rollout)) {
    if (!paused) return refuse(`rollout ${name} is already fully promoted`);
    return {
      writes: [specWrite({ paused: false })],
      summary: `unpaused ${name} (already fully promoted)`,
    };
  }
  const part = promoteStatus(rollout);
  if (part && 'refused' in part) return part;
  if (!part) {
    if (!paused) return refuse(notPausedReason(rollout));
    return { writes: [specWrite({ paused: false })], summary: `unpaused ${name}` };
  }
  return {
    writes: [...(paused ? [specWrite({ paused: false })] : []), statusWrite(part.status)],
    summary: `${paused ? 'unpaused and ' : ''}promoted ${name} ${part.what}`,
  };
}

function promoteStatus(rollout: Rollout): StatusPart {
  const status = rollout.status ?? {};
  const conditions = status.pauseConditions ?? [];
  const steps = stepsOf(rollout);
  const canary = !!rollout.spec.strategy?.canary;
  const index = status.currentStepIndex ?? 0;
  const next = Math.min(index + 1, steps.length);
  if (
    canary &&
    steps.length &&
    isStepAnalysisInconclusive(rollout) &&
    conditions.length &&
    status.controllerPause
  ) {
    return {
      status: { pauseConditions: null, controllerPause: false, currentStepIndex: next },
      what: `${pastStep(rollout, index)} after an inconclusive analysis`,
    };
  }
  if (conditions.length) {
    const what =
      canary && index < steps.length
        ? pastStep(rollout, index)
        : `out of ${conditions.map((c) => c.reason).join(', ')}`;
    return { status: { pauseConditions: null }, what };
  }
  if (!canary || !steps.length || index >= steps.length) return undefined;
  // controllerPause without a condition: a promote was written and the controller has not acted on
  // it yet. A second promote now would skip the following step too.
  if (status.controllerPause) {
    return rollout.spec.paused
      ? undefined
      : {
          refused: `a promote of rollout ${rollout.metadata.name} is already pending: the controller has not resumed it yet`,
        };
  }
  // Upstream writes `pauseConditions: null` with the index here too (there are none to clear).
  return {
    status: { pauseConditions: null, currentStepIndex: next },
    what: pastStep(rollout, index),
  };
}

function isStepAnalysisInconclusive(rollout: Rollout): boolean {
  const run = rollout.status?.canary?.currentStepAnalysisRunStatus as
    { status?: string } | undefined;
  return run?.status === 'Inconclusive';
}

function pastStep(rollout: Rollout, index: number): string {
  const steps = stepsOf(rollout);
  return `past step ${index + 1}/${steps.length} (${stepString(steps[index])})`;
}

function notPausedReason(rollout: Rollout): string {
  const steps = stepsOf(rollout);
  const index = rollout.status?.currentStepIndex ?? 0;
  const name = rollout.metadata.name;
  if (rollout.spec.strategy?.canary && steps.length && index >= steps.length)
    return `rollout ${name} is not paused and already past its last step (${steps.length}/${steps.length})`;
  return `rollout ${name} is not paused`;
}
