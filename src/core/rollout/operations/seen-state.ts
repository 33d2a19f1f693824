/**
 * What a caller saw of a Rollout when it decided on an operation (issue 15): the step index and the
 * pod-template hash (`status.currentStepIndex`, `status.currentPodHash`). A field left out is
 * filled as `buildBinding` (state-binding.ts) says.
 */
export interface SeenState {
  stepIndex?: number;
  podHash?: string;
}
