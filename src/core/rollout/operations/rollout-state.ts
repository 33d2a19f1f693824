import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan, OperationWrite } from './operation.js';

/** The current ReplicaSet is the stable one: there is no update to step through, promote or abort. */
export function isFullyPromoted(rollout: Rollout): boolean {
  const s = rollout.status;
  return !!s?.stableRS && s.stableRS === s.currentPodHash;
}

/** The controller has not yet written the pod hash, so nothing about the update is known. */
export function isUnobserved(rollout: Rollout): boolean {
  return !rollout.status?.currentPodHash;
}

export function refuse(reason: string): OperationPlan {
  return { refused: reason };
}

export function specWrite(spec: Record<string, unknown>): OperationWrite {
  return { subresource: 'spec', patch: { spec } };
}

export function statusWrite(status: Record<string, unknown>): OperationWrite {
  return { subresource: 'status', patch: { status } };
}

/** Why an operation that needs the controller's view of the update cannot be planned yet. */
export function unobservedReason(rollout: Rollout): string {
  return `rollout ${rollout.metadata.name} has no status yet: the controller has not reconciled it`;
}
