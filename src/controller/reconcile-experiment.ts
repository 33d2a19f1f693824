import { experimentPath, type KubeClient, KubeApiError } from '../adapters/kube/index.js';
import { type ExperimentPlan, planExperiment } from '../core/experiment/index.js';
import type { Experiment } from '../domain/experiment.js';
import { createMergePatch } from '../core/merge-diff.js';
import { OWN } from '../domain/index.js';
import { executeExperimentActions } from './execute-experiment-actions.js';
import { loadExperiment } from './load-experiment.js';
import {
  planExperimentAnalysisEvents,
  recordOnParentRollout,
} from './notifications/experiment-analysis-events.js';
import type { Notifier } from './notifications/notifier.js';
import type { ReconcileOutcome } from './reconcile-rollout.js';
import { recordEvents } from './record-events.js';

export interface ExperimentReconcileResult {
  outcome: ReconcileOutcome;
  plan?: ExperimentPlan;
  nextReconcileAt?: number;
  experiment?: Experiment;
}

export interface ExperimentDeps {
  kube: KubeClient;
  now: () => number;
  /** Told of an experiment step's analysis events, re-emitted on its Rollout (spec §6). */
  notifier?: Notifier;
}

/**
 * One Experiment reconcile: load → decide → claim → act → commit (DESIGN §3), as for Rollouts.
 * The CRD has no status subresource, so the status goes through the main resource, guarded by
 * the resourceVersion the claim left. A plan with nothing to do makes zero writes.
 */
export async function reconcileExperiment(
  deps: ExperimentDeps,
  ref: { namespace: string; name: string },
): Promise<ExperimentReconcileResult> {
  const now = deps.now();
  const observed = await loadExperiment(deps.kube, ref, now);
  if (!observed) return { outcome: 'gone' };
  const plan = planExperiment(observed);
  const ex = observed.experiment;
  const statusPatch = createMergePatch(ex.status ?? {}, plan.status);
  const after = { ...ex, status: plan.status };
  if (!plan.actions.length && statusPatch === undefined)
    return { outcome: 'unchanged', plan, experiment: after, ...next(plan) };
  const path = experimentPath(ref.namespace, ref.name);
  try {
    let resourceVersion = ex.metadata.resourceVersion;
    if (plan.actions.length) {
      const claimed = await deps.kube.mergePatch<Experiment>(path, {
        metadata: { resourceVersion, annotations: { [OWN.claim]: String(now) } },
      });
      resourceVersion = claimed.metadata.resourceVersion;
      await executeExperimentActions(deps.kube, ref, plan.actions);
    }
    if (statusPatch !== undefined)
      await deps.kube.mergePatch(path, { metadata: { resourceVersion }, status: statusPatch });
  } catch (e) {
    if (e instanceof KubeApiError && e.isConflict) return { outcome: 'conflict', plan };
    throw e;
  }
  const analysisEvents = planExperimentAnalysisEvents(ex.status, plan.status);
  const events = [...plan.events, ...analysisEvents];
  await recordEvents(deps.kube, { ...ex, kind: 'Experiment' }, events, now);
  await recordOnParentRollout(deps, ex, analysisEvents, observed.analysisRuns, now);
  return { outcome: 'committed', plan, experiment: after, ...next(plan) };
}

function next(plan: ExperimentPlan): { nextReconcileAt?: number } {
  return plan.nextReconcileAt !== undefined ? { nextReconcileAt: plan.nextReconcileAt } : {};
}
