import { ttlExpiresAt } from '../../core/analysis/run/index.js';
import type { ReconcileHint } from '../../domain/hint.js';
import {
  type AnalysisRun,
  type Experiment,
  isCompletedAnalysisPhase,
  isCompletedExperimentPhase,
  type Rollout,
} from '../../domain/index.js';

/**
 * The resync sweep (DESIGN §3) finds work whose wake-up may have been lost: a timer in a process
 * that died, an alarm that never fired, an event the relay could not deliver. It is not the clock
 * for pauses; it only wakes objects that may still have something to do.
 */

/** A Rollout's generation is unobserved, or it has not settled Healthy (a pause, analysis or deadline). */
export function isRolloutResyncNeeded(r: Rollout): boolean {
  return (
    r.status?.observedGeneration !== String(r.metadata.generation) || r.status?.phase !== 'Healthy'
  );
}

/** An Experiment still running, or finished but with template pods not yet scaled down. */
export function isExperimentResyncNeeded(ex: Experiment): boolean {
  return (
    !isCompletedExperimentPhase(ex.status?.phase) ||
    (ex.status?.templateStatuses ?? []).some((t) => t.replicas > 0)
  );
}

/** An AnalysisRun with measurements still to take, or a finished one its TTL will delete. */
export function isAnalysisRunResyncNeeded(run: AnalysisRun): boolean {
  return !isCompletedAnalysisPhase(run.status?.phase) || ttlExpiresAt(run) !== undefined;
}

interface Named {
  metadata: { name: string; namespace?: string };
}

function wakes<T extends Named>(
  kind: ReconcileHint['kind'],
  items: readonly T[],
  needed: (item: T) => boolean,
): ReconcileHint[] {
  return items.filter(needed).map((o) => ({
    kind,
    namespace: o.metadata.namespace ?? 'default',
    name: o.metadata.name,
  }));
}

export const planRolloutWakes = (items: readonly Rollout[]) =>
  wakes('Rollout', items, isRolloutResyncNeeded);
export const planExperimentWakes = (items: readonly Experiment[]) =>
  wakes('Experiment', items, isExperimentResyncNeeded);
export const planAnalysisRunWakes = (items: readonly AnalysisRun[]) =>
  wakes('AnalysisRun', items, isAnalysisRunResyncNeeded);

/** What one sweep wakes, Rollouts first (they create the Experiments and AnalysisRuns). */
export function planResync(observed: {
  rollouts?: readonly Rollout[];
  experiments?: readonly Experiment[];
  analysisRuns?: readonly AnalysisRun[];
}): ReconcileHint[] {
  return [
    ...planRolloutWakes(observed.rollouts ?? []),
    ...planExperimentWakes(observed.experiments ?? []),
    ...planAnalysisRunWakes(observed.analysisRuns ?? []),
  ];
}
