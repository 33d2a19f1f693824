import { describe, expect, it } from 'vitest';
import { finishStatus } from '../../../src/core/rollout/finish-status.js';
import type { PlanContext } from '../../../src/core/rollout/plan-context.js';
import type { RolloutCondition, RolloutStatus } from '../../../src/domain/index.js';
import { aContext, anRs, aRollout } from './plan-builders.js';

const at = '2024-01-01T00:00:00Z';
const condition = (type: string, status: string, reason: string): RolloutCondition =>
  ({
    type,
    status,
    reason,
    message: reason,
    lastTransitionTime: at,
    lastUpdateTime: at,
  }) as RolloutCondition;

/** A context whose status before this reconcile is `prev`, mid-update (stable `old`, new `new`). */
function aContextWith(prev: RolloutStatus, o: { paused?: boolean } = {}): PlanContext {
  const rollout = aRollout({ status: prev });
  if (o.paused) rollout.spec.paused = true;
  const ctx = aContext({
    rollout,
    rss: [anRs({ hash: 'old', replicas: 2 }), anRs({ hash: 'new', replicas: 1 })],
    newHash: 'new',
    stableHash: 'old',
  });
  return { ...ctx, prev, status: structuredClone(prev) };
}

const pausedCondition = (ctx: PlanContext) =>
  ctx.status.conditions?.find((c) => c.type === 'Paused')?.status;

// Both found by running the same plugin operations under upstream's controller (test/upstream/differential).
describe('finishStatus, as upstream (rollout/sync.go, rollout/pause.go)', () => {
  it('keeps Progressing NewReplicaSetAvailable when a completed Rollout is paused', () => {
    const ctx = aContextWith(
      {
        stableRS: 'new',
        currentPodHash: 'new',
        conditions: [
          condition('Progressing', 'True', 'NewReplicaSetAvailable'),
          condition('Completed', 'True', 'RolloutCompleted'),
        ],
      },
      { paused: true },
    );
    finishStatus(ctx);
    expect(ctx.status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'NewReplicaSetAvailable',
    );
  });

  it.each([
    ['the controller ended a timed pause step', true, ['RolloutResumed']],
    ['`promote` had cleared the pause conditions before this reconcile', false, []],
  ])('emits RolloutResumed only when %s', (_, pausedBefore, expected) => {
    const ctx = aContextWith({
      stableRS: 'old',
      currentPodHash: 'new',
      ...(pausedBefore ? { pauseConditions: [{ reason: 'CanaryPauseStep', startTime: at }] } : {}),
      conditions: [condition('Progressing', 'Unknown', 'RolloutPaused')],
    });
    delete ctx.status.pauseConditions;
    finishStatus(ctx);
    expect(ctx.events.map((e) => e.reason).filter((r) => r === 'RolloutResumed')).toEqual(expected);
    expect(ctx.status.conditions?.find((c) => c.type === 'Progressing')?.reason).not.toBe(
      'RolloutPaused',
    );
  });

  it('leaves the Paused condition True while an abort stands', () => {
    const ctx = aContextWith({
      stableRS: 'old',
      currentPodHash: 'new',
      abort: true,
      abortedAt: at,
      conditions: [
        condition('Progressing', 'False', 'RolloutAborted'),
        condition('Paused', 'True', 'RolloutPaused'),
      ],
    });
    finishStatus(ctx);
    expect(pausedCondition(ctx)).toBe('True');
  });

  it('turns the Paused condition False once nothing pauses and no abort stands', () => {
    const ctx = aContextWith({
      stableRS: 'old',
      currentPodHash: 'new',
      conditions: [
        condition('Progressing', 'True', 'ReplicaSetUpdated'),
        condition('Paused', 'True', 'RolloutPaused'),
      ],
    });
    finishStatus(ctx);
    expect(pausedCondition(ctx)).toBe('False');
  });

  it.each([
    ['consumes a resume seen while spec.paused is set', true, undefined],
    ['keeps a resume for the step to complete when not paused', false, true],
  ])('%s', (_name, paused, expected) => {
    const ctx = aContextWith(
      { stableRS: 'old', currentPodHash: 'new', currentStepIndex: 1, controllerPause: true },
      { paused },
    );
    finishStatus(ctx);
    expect(ctx.status.controllerPause).toBe(expected);
  });
});
