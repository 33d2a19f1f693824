// Rollouts in flight that a hold (a stop switch, issue 21 §5; a fleet release's, §3, §4) may
// hold: a canary v1 → v2 at a given step, and a blue-green v1 → v2 in its auto-promotion pause.
import type { ObservedRollout, Plan } from '../../../src/core/rollout/plan-types.js';
import { computeStepsHash } from '../../../src/core/rollout/template/index.js';
import {
  ANNOTATIONS,
  OWN,
  type CanaryStep,
  type RolloutStatus,
} from '../../../src/domain/index.js';
import { aBlueGreen, aCanary, aReplicaSet, aService } from '../../support/builders/index.js';
import { observed, secondsAgo, twoVersions } from './pipeline-table.js';

export const STEPS: CanaryStep[] = [
  { setWeight: 20 },
  { pause: {} },
  { setWeight: 60 },
  { pause: { duration: 10 } },
];
const canaryAt = (image: string) =>
  aCanary(
    { steps: STEPS },
    {
      image,
      metadata: { uid: 'ro-1', generation: 2, annotations: { [ANNOTATIONS.revision]: '2' } },
    },
  );
export const canary = twoVersions(canaryAt);

/** The canary from v1 to v2 at step `index` with `stable`/`canary` pods, plus the status given. */
export function canaryUpdating(o: {
  index: number;
  stable: number;
  canary: number;
  status?: RolloutStatus;
}): ObservedRollout {
  const rollout = {
    ...canary.v2,
    status: {
      observedGeneration: '2',
      currentPodHash: canary.NEW,
      currentStepHash: computeStepsHash(STEPS),
      stableRS: canary.STABLE,
      currentStepIndex: o.index,
      ...o.status,
    },
  };
  return observed(rollout, [
    aReplicaSet(canary.v1, { revision: 1, replicas: o.stable }),
    aReplicaSet(canary.v2, { revision: 2, replicas: o.canary }),
  ]);
}

/** At the 10 s pause (step 3), paused `seconds` ago. */
export const inTimedPause = (seconds: number) =>
  canaryUpdating({
    index: 3,
    stable: 2,
    canary: 3,
    status: {
      controllerPause: true,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: secondsAgo(seconds) }],
    },
  });

const bgAt = (image: string) =>
  aBlueGreen(
    { autoPromotionSeconds: 30 },
    {
      image,
      metadata: {
        uid: 'ro-1',
        generation: 2,
        annotations: {
          [ANNOTATIONS.revision]: '2',
          [OWN.managedServices]: 'guestbook-active,guestbook-preview',
        },
      },
    },
  );
export const bg = twoVersions(bgAt);

/** Blue-green v1 → v2, v2 saturated behind the preview, in its 30 s auto-promotion pause. */
export function bgPausedFor(seconds: number): ObservedRollout {
  const rollout = {
    ...bg.v2,
    status: {
      observedGeneration: '2',
      currentPodHash: bg.NEW,
      stableRS: bg.STABLE,
      blueGreen: { activeSelector: bg.STABLE, previewSelector: bg.NEW },
      controllerPause: true,
      pauseConditions: [{ reason: 'BlueGreenPause' as const, startTime: secondsAgo(seconds) }],
    },
  };
  const selector = (hash: string) => ({ app: 'guestbook', 'rollouts-pod-template-hash': hash });
  return observed(
    rollout,
    [
      aReplicaSet(bg.v1, { revision: 1, replicas: 5 }),
      aReplicaSet(bg.v2, { revision: 2, replicas: 5 }),
    ],
    {
      services: [
        aService('guestbook-active', { selector: selector(bg.STABLE) }),
        aService('guestbook-preview', { selector: selector(bg.NEW) }),
      ],
    },
  );
}

/**
 * At a completed setWeight step, an hour after the update last progressed: past its progress
 * deadline (600 s) unless something holds it.
 */
export const stalledAtCompletedStep = () =>
  canaryUpdating({
    index: 0,
    stable: 4,
    canary: 1,
    status: {
      conditions: [
        {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: 'progressing',
          lastUpdateTime: secondsAgo(3600),
          lastTransitionTime: secondsAgo(3600),
        },
      ],
    },
  });

/** An update each hold stops from moving, and how its plan ends without a hold. */
export type MoveRow = [title: string, given: () => ObservedRollout, unheldEnd: string];

export const moves: MoveRow[] = [
  [
    'a completed setWeight step does not advance',
    () => canaryUpdating({ index: 0, stable: 4, canary: 1 }),
    'RolloutStepCompleted',
  ],
  ['a timed pause past its end waits', () => inTimedPause(11), 'RolloutStepCompleted'],
  [
    'the last step done: not promoted',
    () => canaryUpdating({ index: 4, stable: 0, canary: 5 }),
    'RolloutCompleted',
  ],
  [
    'promote --full: not promoted',
    () => canaryUpdating({ index: 1, stable: 4, canary: 1, status: { promoteFull: true } }),
    'ScalingReplicaSet',
  ],
  [
    'blue-green: the auto-promotion pause past its end waits, the active Service stays',
    () => bgPausedFor(40),
    'RolloutCompleted',
  ],
];

/** The reason of the plan's Progressing condition. */
export const progressOf = (plan: Plan) =>
  plan.status.conditions?.find((c) => c.type === 'Progressing')?.reason;

/** The same observation with its status replaced (what the next reconcile reads after a commit). */
export function withStatus(o: ObservedRollout, status: RolloutStatus): ObservedRollout {
  return { ...o, rollout: { ...o.rollout, status } };
}
