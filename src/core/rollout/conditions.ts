import type { RolloutCondition, RolloutStatus } from '../../domain/index.js';

export const REASONS = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  rsNotAvailable: 'ReplicaSetNotAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  aborted: 'RolloutAborted',
  paused: 'RolloutPaused',
  resumed: 'RolloutResumed',
  retry: 'RolloutRetry',
  available: 'AvailableReason',
  healthy: 'RolloutHealthy',
  completed: 'RolloutCompleted',
  invalidSpec: 'InvalidSpec',
} as const;

export function getCondition(status: RolloutStatus, type: string): RolloutCondition | undefined {
  return status.conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition the way upstream does: same status and reason ⇒ nothing changes (timestamps
 * kept); same status ⇒ lastTransitionTime kept; otherwise both timestamps move to now.
 */
export function setCondition(
  status: RolloutStatus,
  c: { type: string; status: 'True' | 'False' | 'Unknown'; reason: string; message: string },
  nowIso: string,
  opts: { touch?: boolean } = {},
): void {
  const existing = getCondition(status, c.type);
  if (
    existing &&
    existing.status === c.status &&
    existing.reason === c.reason &&
    existing.message === c.message &&
    !opts.touch
  )
    return;
  const next: RolloutCondition = {
    ...c,
    lastUpdateTime: nowIso,
    lastTransitionTime:
      existing && existing.status === c.status ? existing.lastTransitionTime : nowIso,
  };
  status.conditions = [...(status.conditions ?? []).filter((x) => x.type !== c.type), next];
}

export function removeCondition(status: RolloutStatus, type: string): void {
  if (!status.conditions?.some((c) => c.type === type)) return;
  status.conditions = status.conditions.filter((c) => c.type !== type);
}
