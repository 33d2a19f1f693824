/**
 * The trigger an event reason fires (spec §6): CamelCase to kebab-case with `on-`, as Argo Rollouts
 * converts them (`RolloutStepCompleted` → `on-rollout-step-completed`, `ScalingReplicaSet` →
 * `on-scaling-replica-set`).
 */
export function triggerNameOf(reason: string): string {
  const words = reason.replace(/(.)([A-Z][a-z]+)/g, '$1-$2').replace(/([a-z0-9])([A-Z])/g, '$1-$2');
  return `on-${words.toLowerCase()}`;
}
