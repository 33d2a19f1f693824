import { analysisRunPath, type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import type { GitSource } from '../../core/gitops/config.js';
import { parseDeploymentRecord } from '../../core/gitops/plan-report.js';
import { isOwnedBy, revisionOf } from '../../core/rollout-info/object-info.js';
import { parseReleaseHold } from '../../core/rollout/release-hold.js';
import type { ClusterObservation, RolloutSummary } from '../../domain/fleet.js';
import {
  type AnalysisRun,
  isUnsuccessfulAnalysisPhase,
  LABELS,
  OWN,
  type Rollout,
} from '../../domain/index.js';
import { loadInventory } from '../gitops/inventory.js';

/**
 * What planRelease needs of one cluster for one source (issue 21 §2): the commit the
 * source's sync inventory there last applied, and a summary of every Rollout of the source's
 * namespace. Three requests, sent together: the inventory, one LIST of Rollouts, one LIST of
 * AnalysisRuns. Every Rollout is summarised whatever its commit (the planner picks the commit's
 * own, and `abortAll` and lockstep look at them by name), so `commit` narrows nothing here.
 * Throws (KubeApiError) when the cluster cannot be read; the loop then leaves it out.
 */
export async function loadClusterObservation(
  kube: KubeClient,
  cluster: string,
  source: GitSource,
): Promise<ClusterObservation> {
  const [inventory, rollouts, runs] = await Promise.all([
    loadInventory(kube, source),
    kube.list<Rollout>(rolloutPath(source.namespace)),
    kube.list<AnalysisRun>(analysisRunPath(source.namespace)),
  ]);
  return {
    cluster,
    ...(inventory ? { appliedCommit: inventory.sha } : {}),
    rollouts: rollouts.items
      .map((r) => buildRolloutSummary(cluster, r, runs.items))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * One Rollout as the release planner reads it (domain/fleet.ts `RolloutSummary`). Its commit is
 * the sha of the GitHub deployment record the sync wrote with the apply; its status speaks of
 * that update once `status.observedGeneration` (a string upstream, a number from some writers)
 * reaches the record's generation.
 */
export function buildRolloutSummary(
  cluster: string,
  rollout: Rollout,
  runs: readonly AnalysisRun[],
): RolloutSummary {
  const status = rollout.status ?? {};
  const record = parseDeploymentRecord(rollout.metadata.annotations?.[OWN.githubDeployment]);
  const observed = Number(status.observedGeneration);
  // A mark that does not parse reads as a step hold, as the reconcile honours it.
  const hold = parseReleaseHold(rollout.metadata.annotations?.[OWN.releaseHold])?.mode;
  return {
    cluster,
    namespace: rollout.metadata.namespace ?? '',
    name: rollout.metadata.name,
    revision: revisionOf(rollout.metadata),
    phase: status.phase,
    aborted: status.abort === true,
    analysesPassed: !runs.some(
      (run) => isCurrentRun(rollout, run) && isUnsuccessfulAnalysisPhase(run.status?.phase),
    ),
    stepIndex: status.currentStepIndex,
    paused:
      (status.pauseConditions?.length ?? 0) > 0 ||
      rollout.spec.paused === true ||
      status.controllerPause === true,
    ...(record ? { commit: record.sha } : {}),
    statusCurrent:
      record !== undefined && Number.isFinite(observed) && observed >= record.generation,
    ...(hold ? { releaseHold: hold } : {}),
  };
}

/** An AnalysisRun of the Rollout's current pod hash: one the update under way started. */
function isCurrentRun(rollout: Rollout, run: AnalysisRun): boolean {
  const hash = rollout.status?.currentPodHash;
  return (
    hash !== undefined &&
    run.metadata.labels?.[LABELS.podTemplateHash] === hash &&
    isOwnedBy(run.metadata, rollout.metadata.uid)
  );
}
