import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import type { RolloutEvent } from '../../core/rollout/plan-types.js';
import type { AnalysisRun } from '../../domain/analysis.js';
import type { Experiment, ExperimentStatus } from '../../domain/experiment.js';
import type { Rollout } from '../../domain/rollout.js';
import { recordEvents } from '../record-events.js';
import type { Notifier } from './notifier.js';

const WARNING_PHASES: ReadonlySet<string> = new Set(['Failed', 'Error', 'Inconclusive']);

/**
 * `AnalysisRun<Phase>` for each analysis of an Experiment whose phase this reconcile changed, as
 * upstream's experiment controller records them (Warning for Failed, Error, Inconclusive). Pure.
 */
export function planExperimentAnalysisEvents(
  before: ExperimentStatus | undefined,
  after: ExperimentStatus,
): RolloutEvent[] {
  return (after.analysisRuns ?? []).flatMap((entry) => {
    const previous = before?.analysisRuns?.find((e) => e.name === entry.name)?.phase;
    if (!entry.phase || entry.phase === previous) return [];
    const run = entry.analysisRun ? ` (AnalysisRun ${entry.analysisRun})` : '';
    const detail = entry.message ? `: ${entry.message}` : '';
    return [
      {
        type: WARNING_PHASES.has(entry.phase) ? 'Warning' : 'Normal',
        reason: `AnalysisRun${entry.phase}`,
        message: `Analysis ${entry.name}${run} went from ${previous ?? 'NoPreviousStatus'} to ${entry.phase}${detail}`,
      },
    ];
  });
}

/** The Rollout that controls the Experiment (an experiment step), if any. */
function rolloutOwnerOf(ex: Experiment) {
  return ex.metadata.ownerReferences?.find((r) => r.kind === 'Rollout' && r.controller);
}

/**
 * Spec §6: an experiment step's analysis events are re-emitted on its Rollout, as Events and
 * through the notifier, so `on-analysis-run-failed` and friends fire for them. The notifier's
 * event id is the Experiment's uid and the version its reconcile was planned from: committed
 * once, so each event is claimed (and sent) once. Best effort, like the Experiment's own Events.
 */
export async function recordOnParentRollout(
  deps: { kube: KubeClient; notifier?: Notifier },
  ex: Experiment,
  events: RolloutEvent[],
  analysisRuns: AnalysisRun[],
  now: number,
): Promise<void> {
  const owner = rolloutOwnerOf(ex);
  if (!owner || !events.length) return;
  const rollout = await deps.kube
    .find<Rollout>(rolloutPath(ex.metadata.namespace ?? 'default', owner.name))
    .catch(() => undefined);
  if (!rollout || (owner.uid && rollout.metadata.uid !== owner.uid)) return;
  await recordEvents(deps.kube, rollout, events, now);
  await deps.notifier?.afterRolloutEvents(
    deps.kube,
    {
      rollout,
      version: rollout.metadata.resourceVersion ?? '',
      eventId: `${ex.metadata.uid ?? ''}@${ex.metadata.resourceVersion ?? ''}`,
      events,
      analysisRuns,
    },
    now,
  );
}
