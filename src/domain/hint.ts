/**
 * What every trigger turns into (DESIGN §3): a name to re-read, never state to trust. The relay's
 * events, GitHub pushes, the resync sweep and timers all hand over hints; one dispatcher
 * (`src/controller/dispatch/`) says what each kind wakes.
 */

/**
 * Kinds a use case reconciles by name: `GitSource` syncs a source (or starts its fleet release),
 * `Release` steps a fleet release (issue 21).
 */
export type ReconcileKind = 'Rollout' | 'AnalysisRun' | 'Experiment' | 'GitSource' | 'Release';

/**
 * Kinds that only point at their owners: a Pod names its ReplicaSet, whose controller owner is a
 * Rollout or an Experiment (the pod-template-hash label alone cannot say which Rollout, as hashes
 * repeat across Rollouts); a Deployment is named by the Rollouts whose `workloadRef` points at it.
 */
export type OwnerLookupKind = 'ReplicaSet' | 'Deployment';

export type HintKind = ReconcileKind | OwnerLookupKind;

export interface Hint {
  kind: HintKind;
  namespace: string;
  name: string;
}

/** A hint a use case takes directly. */
export interface ReconcileHint extends Hint {
  kind: ReconcileKind;
}

/** One identity per `kind/namespace/name`: a Durable Object's name, a queue key, a dedup key. */
export function hintKey(h: Hint): string {
  return `${h.kind}/${h.namespace}/${h.name}`;
}
