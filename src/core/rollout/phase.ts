import type { Rollout, RolloutPhase, RolloutStatus } from '../../domain/index.js';
import { REASONS } from './conditions.js';

/**
 * Phase and message from the status, first match wins (spec §1.9). Recomputed on every reconcile,
 * never carried over.
 */
export function computePhase(
  rollout: Rollout,
  status: RolloutStatus,
): { phase: RolloutPhase; message: string } {
  const conditions = status.conditions ?? [];
  const invalid = conditions.find((c) => c.type === 'InvalidSpec' && c.status === 'True');
  if (invalid) return { phase: 'Degraded', message: `${REASONS.invalidSpec}: ${invalid.message}` };
  const failed = conditions.find(
    (c) => c.reason === REASONS.aborted || c.reason === REASONS.timedOut,
  );
  if (failed) return { phase: 'Degraded', message: `${failed.reason}: ${failed.message}` };
  if (rollout.spec.paused) return { phase: 'Paused', message: 'manually paused' };
  const pause = status.pauseConditions?.[0];
  if (pause) return { phase: 'Paused', message: pause.reason };
  if (rollout.spec.restartAt && rollout.spec.restartAt !== status.restartedAt)
    return { phase: 'Progressing', message: 'rollout is restarting' };
  const replicas = rollout.spec.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < replicas)
    return { phase: 'Progressing', message: 'more replicas need to be updated' };
  if ((status.availableReplicas ?? 0) < updated)
    return { phase: 'Progressing', message: 'updated replicas are still becoming available' };
  if (rollout.spec.strategy?.blueGreen) {
    if (status.blueGreen?.activeSelector !== status.currentPodHash)
      return { phase: 'Progressing', message: 'active service cutover pending' };
    if (status.stableRS !== status.currentPodHash)
      return { phase: 'Progressing', message: 'waiting for analysis to complete' };
  }
  const canary = rollout.spec.strategy?.canary;
  if (canary) {
    if (!canary.trafficRouting && (status.replicas ?? 0) > updated)
      return { phase: 'Progressing', message: 'old replicas are pending termination' };
    if (status.stableRS !== status.currentPodHash)
      return { phase: 'Progressing', message: 'waiting for all steps to complete' };
  }
  return { phase: 'Healthy', message: '' };
}
