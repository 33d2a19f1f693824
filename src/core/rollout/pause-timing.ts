import { OWN, type PauseCondition, type PauseReason, type Rollout } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';

/**
 * When a pause began. `startTime` is whole seconds (metav1.Time); the annotation keeps the
 * millisecond, and is used when it falls in that same second, i.e. belongs to this pause.
 */
export function pauseStartMs(rollout: Rollout, condition: PauseCondition): number {
  const second = Date.parse(condition.startTime);
  const precise = Date.parse(rollout.metadata.annotations?.[OWN.pauseStartedAt] ?? '');
  return Number.isFinite(precise) && Math.floor(precise / 1000) * 1000 === second
    ? precise
    : second;
}

/** When a pause of `seconds` ends: it is over once `now` is past this. */
export function pauseEndsAt(rollout: Rollout, condition: PauseCondition, seconds: number): number {
  return pauseStartMs(rollout, condition) + seconds * 1000;
}

/**
 * A pause starts now: adds the condition (startTime in whole seconds, as upstream writes it) and,
 * when it lasts `seconds`, records the precise start and wakes the Rollout just after it ends.
 */
export function startPause(
  ctx: PlanContext,
  reason: PauseReason,
  seconds: number | undefined,
): PauseCondition {
  const condition: PauseCondition = { reason, startTime: ctx.nowIso };
  ctx.status.pauseConditions = [...(ctx.status.pauseConditions ?? []), condition];
  ctx.status.controllerPause = true;
  if (seconds !== undefined) {
    ctx.actions.push({
      kind: 'patchRollout',
      patch: {
        metadata: { annotations: { [OWN.pauseStartedAt]: new Date(ctx.now).toISOString() } },
      },
    });
    ctx.wakeAt.push(ctx.now + seconds * 1000 + 1);
  }
  return condition;
}
