import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../../src/core/rollout/plan-rollout.js';
import type { ObservedRollout } from '../../../../src/core/rollout/plan-types.js';
import { computeStepsHash } from '../../../../src/core/rollout/template/index.js';
import { ANNOTATIONS, type CanaryStep, type RolloutStatus } from '../../../../src/domain/index.js';
import {
  aCanary,
  aPod,
  aReplicaSet,
  type RolloutOverrides,
} from '../../../support/builders/index.js';
import { expectPlan, NOW, observed, type Row, secondsAgo, twoVersions } from '../pipeline-table.js';

// Basic canary, 5 replicas, default maxSurge 25 % (2 pods) and maxUnavailable 25 % (1 pod).
const STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: { duration: 10 } },
];
// Revision 2 is v2's ReplicaSet, as the Rollout's own revision annotation says.
const at = (image: string, o: RolloutOverrides = {}) =>
  aCanary(
    { steps: STEPS },
    {
      image,
      metadata: {
        uid: 'ro-1',
        generation: 2,
        annotations: { [ANNOTATIONS.revision]: '2' },
      },
      ...o,
    },
  );
const { v1, v2, STABLE, NEW, roles } = twoVersions((image) => at(image));

/**
 * `guestbook` updating from v1 to v2 at step `index`: `stable` and `canary` pods (all available),
 * the status a previous reconcile wrote, plus the given status and spec changes.
 */
function updating(o: {
  index: number;
  stable: number;
  canary: number;
  status?: RolloutStatus;
  spec?: RolloutOverrides['spec'];
}): ObservedRollout {
  const rollout = at('demo:v2', {
    ...(o.spec ? { spec: o.spec } : {}),
    status: {
      observedGeneration: '2',
      currentPodHash: NEW,
      currentStepHash: computeStepsHash(STEPS),
      stableRS: STABLE,
      currentStepIndex: o.index,
      ...o.status,
    },
  });
  return observed(rollout, [
    aReplicaSet(v1, { revision: 1, replicas: o.stable }),
    aReplicaSet(v2, { revision: 2, replicas: o.canary }),
  ]);
}

/** At the 10 s pause (step 3, 3 canary / 2 stable), paused `seconds` ago. */
function inTimedPause(seconds: number): ObservedRollout {
  return updating({
    index: 3,
    stable: 2,
    canary: 3,
    status: {
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: secondsAgo(seconds) }],
    },
  });
}

/** v2 fully promoted: stable == current, every step done, 5 pods on v2. */
function promoted(o: { spec?: RolloutOverrides['spec']; pods?: boolean } = {}): ObservedRollout {
  const state = updating({
    index: STEPS.length,
    stable: 0,
    canary: 5,
    status: { stableRS: NEW },
    ...(o.spec ? { spec: o.spec } : {}),
  });
  const newRS = state.replicaSets[1]!;
  const pods = [0, 1, 2, 3, 4].map((index) => aPod(newRS, { index, createdAt: secondsAgo(600) }));
  return { ...state, ...(o.pods ? { pods } : {}) };
}

const rows: Row[] = [
  [
    'a Rollout being deleted is left alone (spec §8.1 step 1)',
    () => observed(at('demo:v2', { metadata: { deletionTimestamp: secondsAgo(1) } }), []),
    'BeingDeleted',
    { actions: [] },
  ],
  [
    'an unset spec.replicas is written as 1 and nothing else happens (§8.1 step 8)',
    () => observed(at('demo:v2', { spec: { replicas: undefined } }), []),
    'DefaultedReplicas',
    { actions: ['patch rollout'] },
  ],
  [
    'a step with two actions is an InvalidSpec, Degraded (§1.11)',
    () => observed(aCanary({ steps: [{ setWeight: 20, pause: {} }] }, { image: 'demo:v2' }), []),
    'InvalidSpec',
    { actions: [], status: { phase: 'Degraded' } },
  ],
  [
    'first sight: creates the new ReplicaSet, resets the status and stops (§8.1 step 6, §8.5 1)',
    () => observed(v2, []),
    'UpdateStarted',
    {
      actions: ['create guestbook-new', 'patch rollout'],
      status: { currentPodHash: NEW, currentStepIndex: 0 },
    },
  ],
  [
    'a foreign ReplicaSet holding the name bumps collisionCount and stops (§8.1 step 6)',
    () => {
      const foreign = aReplicaSet(at('demo:other'), { revision: 1, replicas: 1 });
      return observed(v2, [
        { ...foreign, metadata: { ...foreign.metadata, name: `guestbook-${NEW}` } },
      ]);
    },
    'PodTemplateHashCollision',
    { actions: [], status: { collisionCount: 1 } },
  ],
  [
    'a new template on a healthy v1 starts an update at step 0 without scaling (§8.5 1)',
    () => {
      const { rollout } = promoted();
      const status = { ...rollout.status, currentPodHash: STABLE, stableRS: STABLE };
      return observed({ ...v2, status }, [aReplicaSet(v1, { revision: 1, replicas: 5 })]);
    },
    'UpdateStarted',
    { actions: ['create guestbook-new', 'patch rollout'], status: { currentStepIndex: 0 } },
  ],
  [
    'spec.replicas 5 → 6 mid-update only rescales both ReplicaSets (§8.1 step 10)',
    () => updating({ index: 0, stable: 5, canary: 0, spec: { replicas: 6 } }),
    'ScalingEvent',
    {
      actions: ['scale guestbook-stable to 5', 'scale guestbook-new to 1'],
      status: { currentStepIndex: 0 },
    },
  ],
  [
    'a due restart evicts one pod (maxUnavailable 1) and stops before scaling (§8.11)',
    () => promoted({ spec: { restartAt: secondsAgo(60) }, pods: true }),
    'PodsEvicted',
    { actions: ['evict guestbook-new-0', 'patch rollout'] },
  ],
  [
    'an inconclusive analysis holds scaling and steps until promoted (§10.13)',
    () =>
      updating({
        index: 0,
        stable: 5,
        canary: 0,
        status: {
          controllerPause: true,
          pauseConditions: [{ reason: 'InconclusiveAnalysisRun', startTime: secondsAgo(5) }],
        },
      }),
    'InconclusivePause',
    { actions: [], status: { currentStepIndex: 0 } },
  ],
  [
    'setWeight 20 of 5 (1 canary / 4 stable): stable is scaled first, 5 → 4, and the pass stops (§8.3, §8.4 order)',
    () => updating({ index: 0, stable: 5, canary: 0 }),
    'ScalingReplicaSet',
    { actions: ['scale guestbook-stable to 4'], status: { currentStepIndex: 0 } },
  ],
  [
    'then the canary goes 0 → 1, still at step 0',
    () => updating({ index: 0, stable: 4, canary: 0 }),
    'ScalingReplicaSet',
    { actions: ['scale guestbook-new to 1'], status: { currentStepIndex: 0 } },
  ],
  [
    'at 1 canary / 4 stable the setWeight step is done: one step forward (§8.5 5)',
    () => updating({ index: 0, stable: 4, canary: 1 }),
    'RolloutStepCompleted',
    { actions: [], status: { currentStepIndex: 1 } },
  ],
  [
    'reaching an indefinite pause adds CanaryPauseStep (§8.5 pause)',
    () => updating({ index: 1, stable: 4, canary: 1 }),
    'CanaryPauseStep',
    {
      actions: [],
      status: {
        currentStepIndex: 1,
        controllerPause: true,
        pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-12-07T03:00:00Z' }],
      },
    },
  ],
  [
    'a promote (controllerPause, no condition) completes the pause step (§1.8 promote)',
    () => updating({ index: 1, stable: 4, canary: 1, status: { controllerPause: true } }),
    'RolloutStepCompleted',
    { actions: [], status: { currentStepIndex: 2 } },
  ],
  [
    'a 10 s pause started 11 s ago is over (§8.5 pause with duration)',
    () => inTimedPause(11),
    'RolloutStepCompleted',
    { actions: [], status: { currentStepIndex: 4 } },
  ],
  [
    'a 10 s pause started 5 s ago still holds',
    () => inTimedPause(5),
    'CanaryPauseStep',
    { actions: [], status: { currentStepIndex: 3 } },
  ],
  [
    'all steps done and 5 of 5 available: the new ReplicaSet becomes stable (§8.5 3)',
    () => updating({ index: 4, stable: 0, canary: 5 }),
    'RolloutCompleted',
    { actions: [], status: { stableRS: NEW, currentStepIndex: 4 } },
  ],
  [
    'a fully promoted Rollout has nothing left to do',
    () => promoted(),
    'FullyPromoted',
    { actions: [], status: { stableRS: NEW } },
  ],
  [
    'aborted with the pods back on stable: step index 0, nothing to scale (§8.7)',
    () =>
      updating({
        index: 0,
        stable: 5,
        canary: 0,
        status: { abort: true, abortedAt: secondsAgo(30) },
      }),
    'RolloutAborted',
    { actions: [], status: { abort: true, currentStepIndex: 0 } },
  ],
  [
    'spec.paused halts scaling and steps (§1.8 pause)',
    () => updating({ index: 0, stable: 5, canary: 0, spec: { paused: true } }),
    'Paused',
    { actions: [], status: { currentStepIndex: 0 } },
  ],
  [
    'promote --full aims at 5 canary / 0 stable, draining stable within maxUnavailable: 5 → 4 (§1.8)',
    () => updating({ index: 0, stable: 5, canary: 0, status: { promoteFull: true } }),
    'ScalingReplicaSet',
    { actions: ['scale guestbook-stable to 4'], status: { promoteFull: true } },
  ],
];

describe('planCanary: observed state → where the plan ends, what it does', () => {
  it.each(rows)('%s', (_title, given, end, expected) => {
    expectPlan(planRollout(given()), end, expected, roles);
  });

  it('logs each end in words (Plan.reason)', () => {
    expect(planRollout(updating({ index: 0, stable: 5, canary: 0 })).reason).toBe(
      'scaled replica sets',
    );
  });

  it('plans from the time it is given, never a clock', () => {
    const state = updating({ index: 1, stable: 4, canary: 1 });
    const plan = planRollout({ ...state, now: NOW + 3_600_000 });
    expect(plan.status.pauseConditions).toEqual([
      { reason: 'CanaryPauseStep', startTime: '2026-12-07T04:00:00Z' },
    ]);
  });
});
