/**
 * Why a reconcile's plan ends where it does, in the spec's words: a stop before any strategy runs
 * (spec §8.1 steps 1, 5, 8), a stage that ends a strategy pass early (§8.1 "return early"), or
 * what the status pass concluded (§8.5, §8.6).
 */
export type PlanEnd =
  | 'BeingDeleted'
  | 'DefaultedReplicas'
  | 'InvalidSpec'
  | 'PodTemplateHashCollision'
  | 'UpdateStarted'
  | 'ScalingEvent'
  | 'PodsEvicted'
  | 'InconclusivePause'
  | 'ScalingReplicaSet'
  | 'RolloutCompleted'
  | 'RolloutStepCompleted'
  | 'RolloutAborted'
  | 'FullyPromoted'
  | 'Paused'
  | 'CanaryPauseStep'
  | 'BlueGreenPause'
  | 'UpdateInProgress'
  | 'StopSwitchHold'
  | 'ReleaseHold';

/** What one stage of a pass returns when it may end the plan: go on, or stop and say why. */
export type StageOutcome = { done: false } | { done: true; reason: PlanEnd };

export const GO_ON: StageOutcome = { done: false };

export function endPlan(reason: PlanEnd): StageOutcome {
  return { done: true, reason };
}

/** The log line for each end (`Plan.reason`), kept in the words the controller logged before. */
export const PLAN_END_TEXT: Record<PlanEnd, string> = {
  BeingDeleted: 'being deleted',
  DefaultedReplicas: 'defaulted spec.replicas',
  InvalidSpec: 'invalid spec',
  PodTemplateHashCollision: 'pod template hash collision',
  UpdateStarted: 'template or steps changed',
  ScalingEvent: 'scaling event',
  PodsEvicted: 'evicted pods for a restart',
  InconclusivePause: 'paused on an inconclusive analysis',
  ScalingReplicaSet: 'scaled replica sets',
  RolloutCompleted: 'promoted the new ReplicaSet to stable',
  RolloutStepCompleted: 'completed a canary step',
  RolloutAborted: 'aborted',
  FullyPromoted: 'fully promoted',
  Paused: 'manually paused',
  CanaryPauseStep: 'paused at a pause step',
  BlueGreenPause: 'paused before promotion',
  UpdateInProgress: 'update in progress',
  StopSwitchHold: 'held by a stop switch',
  ReleaseHold: 'held by a fleet release',
};
