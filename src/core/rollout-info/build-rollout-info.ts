import type { AnalysisRun, Pod, ReplicaSet, Rollout } from '../../domain/index.js';
import { currentStep } from '../rollout/steps.js';
import { buildAnalysisRunInfos } from './analysis-run-info.js';
import { buildExperimentInfos, type ExperimentView } from './experiment-info.js';
import { buildImages } from './images.js';
import { buildObjectInfo } from './object-info.js';
import { buildReplicaSetInfos } from './replica-set-info.js';
import { summarizeRollout } from './summarize-rollout.js';
import type {
  AnalysisRunInfo,
  ExperimentInfo,
  ReplicaSetInfo,
  RevisionInfo,
  RolloutInfo,
} from './types.js';

/** What the view is built from: the Rollout and the objects of its namespace (filtered by owner here). */
export interface ObservedRolloutObjects {
  rollout: Rollout;
  replicaSets: readonly ReplicaSet[];
  pods: readonly Pod[];
  analysisRuns: readonly AnalysisRun[];
  experiments?: readonly ExperimentView[];
  /** Epoch ms the ages and scale-down delays are measured at. */
  now: number;
}

/**
 * The tree `get rollout` prints and the dashboard shows (spec §5): the Rollout's status, step and
 * weights, its images, and its ReplicaSets (with pods), Experiments and AnalysisRuns grouped by
 * revision, newest first. Pure; JSON-serialisable.
 */
export function buildRolloutInfo(o: ObservedRolloutObjects): RolloutInfo {
  const { rollout, now } = o;
  const uid = rollout.metadata.uid;
  const replicaSets = buildReplicaSetInfos(uid, rollout, o.replicaSets, o.pods, now);
  const experiments = buildExperimentInfos(uid, o.experiments ?? [], o, now);
  const analysisRuns = buildAnalysisRunInfos(uid, o.analysisRuns, now);
  const summary = summarizeRollout(rollout);
  const actualWeight =
    summary.strategy === 'Canary'
      ? canaryActualWeight(rollout, replicaSets, summary.setWeight ?? 0)
      : undefined;
  return {
    ...buildObjectInfo(rollout.metadata, now),
    ...summary,
    ...(actualWeight !== undefined ? { actualWeight } : {}),
    images: buildImages(replicaSets, experiments),
    revisions: groupByRevision(replicaSets, experiments, analysisRuns),
    errors: errorsOf(rollout),
  };
}

/**
 * The weight the canary has now: 100 once past the last step; otherwise 0 until pods are
 * available; a basic canary's share of the available pods; with traffic routing the weight the
 * controller last set on the router (`status.canary.weights`), else the step's weight.
 */
function canaryActualWeight(
  rollout: Rollout,
  replicaSets: readonly ReplicaSetInfo[],
  setWeight: number,
): number {
  if (!currentStep(rollout, rollout.status?.currentStepIndex ?? 0)) return 100;
  const available = rollout.status?.availableReplicas ?? 0;
  if (available <= 0) return 0;
  const canary = rollout.spec.strategy?.canary;
  if (!canary?.trafficRouting) {
    const rs = replicaSets.find((r) => r.canary);
    return rs ? Math.floor((rs.available * 100) / available) : 0;
  }
  const weights = rollout.status?.canary?.weights as { canary?: { weight?: number } } | undefined;
  return weights?.canary?.weight ?? setWeight;
}

function groupByRevision(
  replicaSets: ReplicaSetInfo[],
  experiments: ExperimentInfo[],
  analysisRuns: AnalysisRunInfo[],
): RevisionInfo[] {
  const revisions = [
    ...new Set([...replicaSets, ...experiments, ...analysisRuns].map((x) => x.revision)),
  ].sort((a, b) => b - a);
  return revisions.map((revision) => ({
    revision,
    replicaSets: replicaSets.filter((x) => x.revision === revision),
    experiments: experiments.filter((x) => x.revision === revision),
    analysisRuns: analysisRuns.filter((x) => x.revision === revision),
  }));
}

/** InvalidSpec messages; once aborted, also the messages of the runs that did not succeed. */
function errorsOf(rollout: Rollout): string[] {
  const status = rollout.status ?? {};
  const errors = (status.conditions ?? [])
    .filter((c) => c.type === 'InvalidSpec')
    .map((c) => c.message);
  if (status.abort) {
    const runs = [
      status.canary?.currentStepAnalysisRunStatus,
      status.canary?.currentBackgroundAnalysisRunStatus,
      status.blueGreen?.prePromotionAnalysisRunStatus,
      status.blueGreen?.postPromotionAnalysisRunStatus,
    ];
    for (const run of runs as Array<{ status?: string; message?: string } | undefined>) {
      if (run?.message && ['Failed', 'Error', 'Inconclusive'].includes(run.status ?? ''))
        errors.push(run.message);
    }
  }
  return errors;
}
