import type { Hint, ReconcileHint } from '../../domain/hint.js';
import type { ReplicaSet, Rollout } from '../../domain/index.js';

/** The use case a hint runs, or the owner lookup that turns it into hints that do. */
export type Dispatch =
  | { use: 'reconcileRollout' | 'reconcileAnalysisRun' | 'reconcileExperiment'; ref: ReconcileHint }
  | { use: 'syncGitSource' | 'stepRelease'; ref: ReconcileHint }
  | { use: 'findReplicaSetOwner' | 'findWorkloadRefOwners'; namespace: string; name: string };

/**
 * Hint → what to run (DESIGN §10: one function for Node, Workers and the test world). Pure: the
 * lookups it asks for are done by `executeHint`, their answers read by the `plan*Owners` below.
 */
export function planDispatch(hint: Hint): Dispatch {
  const { namespace, name } = hint;
  switch (hint.kind) {
    case 'Rollout':
      return { use: 'reconcileRollout', ref: { kind: 'Rollout', namespace, name } };
    case 'AnalysisRun':
      return { use: 'reconcileAnalysisRun', ref: { kind: 'AnalysisRun', namespace, name } };
    case 'Experiment':
      return { use: 'reconcileExperiment', ref: { kind: 'Experiment', namespace, name } };
    case 'GitSource':
      return { use: 'syncGitSource', ref: { kind: 'GitSource', namespace, name } };
    case 'Release':
      return { use: 'stepRelease', ref: { kind: 'Release', namespace, name } };
    case 'ReplicaSet':
      return { use: 'findReplicaSetOwner', namespace, name };
    case 'Deployment':
      return { use: 'findWorkloadRefOwners', namespace, name };
  }
}

/** The Rollout or Experiment that controls a ReplicaSet; none when it is gone or owned by neither. */
export function planReplicaSetOwners(
  namespace: string,
  rs: ReplicaSet | undefined,
): ReconcileHint[] {
  const owner = rs?.metadata.ownerReferences?.find(
    (o) => o.controller && (o.kind === 'Rollout' || o.kind === 'Experiment'),
  );
  if (!owner) return [];
  return [
    { kind: owner.kind === 'Experiment' ? 'Experiment' : 'Rollout', namespace, name: owner.name },
  ];
}

/** The Rollouts whose `workloadRef` names the Deployment. */
export function planWorkloadRefOwners(
  namespace: string,
  deployment: string,
  rollouts: readonly Rollout[],
): ReconcileHint[] {
  return rollouts
    .filter((r) => r.spec.workloadRef?.name === deployment)
    .map((r) => ({ kind: 'Rollout', namespace, name: r.metadata.name }));
}
