import type { AnalysisRun, ObjectMeta, Pod, ReplicaSet } from '../../domain/index.js';
import { buildAnalysisRunInfos } from './analysis-run-info.js';
import { analysisIcon } from './icons.js';
import { buildObjectInfo, isOwnedBy, revisionOf } from './object-info.js';
import { buildReplicaSetInfos } from './replica-set-info.js';
import type { ExperimentInfo } from './types.js';

/** The fields of an argoproj.io/v1alpha1 Experiment the view reads (spec §3). */
export interface ExperimentView {
  metadata: ObjectMeta;
  status?: { phase?: string; message?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface ExperimentObjects {
  replicaSets: readonly ReplicaSet[];
  pods: readonly Pod[];
  analysisRuns: readonly AnalysisRun[];
}

/** The Experiments owned by `ownerUid` with their ReplicaSets, pods and AnalysisRuns; newest revision first. */
export function buildExperimentInfos(
  ownerUid: string | undefined,
  experiments: readonly ExperimentView[],
  objects: ExperimentObjects,
  now: number,
): ExperimentInfo[] {
  const infos = experiments
    .filter((e) => isOwnedBy(e.metadata, ownerUid))
    .map((e) => buildExperimentInfo(e, objects, now));
  return infos.sort(
    (a, b) =>
      b.revision - a.revision ||
      ((a.createdAt ?? '') < (b.createdAt ?? '')
        ? -1
        : (a.createdAt ?? '') > (b.createdAt ?? '')
          ? 1
          : 0),
  );
}

export function buildExperimentInfo(
  experiment: ExperimentView,
  objects: ExperimentObjects,
  now: number,
): ExperimentInfo {
  const uid = experiment.metadata.uid;
  return {
    ...buildObjectInfo(experiment.metadata, now),
    status: experiment.status?.phase ?? '',
    icon: analysisIcon(experiment.status?.phase),
    message: experiment.status?.message ?? '',
    revision: revisionOf(experiment.metadata),
    replicaSets: buildReplicaSetInfos(uid, undefined, objects.replicaSets, objects.pods, now),
    analysisRuns: buildAnalysisRunInfos(uid, objects.analysisRuns, now),
  };
}
