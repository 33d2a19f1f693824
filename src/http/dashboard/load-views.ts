import { analysisRunPath, type KubeClient, listOrEmpty, replicaSetPath, rolloutPath } from '../../adapters/kube/index.js';
import { buildRolloutInfo } from '../../core/rollout-info/index.js';
import type { AnalysisRun, ReplicaSet, Rollout } from '../../domain/index.js';
import { buildRolloutDetail, type RolloutDetail } from './rollout-detail.js';

/** What a card of the list shows beyond the summary: the images and the actual weight. */
export interface RolloutCardExtra {
  namespace: string;
  name: string;
  images: Array<{ image: string; tags: string[] }>;
  actualWeight?: number;
}

/** The list's cards of `namespace` (undefined: every namespace): two lists, no per-Rollout reads. */
export async function loadCards(kube: KubeClient, namespace: string | undefined, now: number): Promise<RolloutCardExtra[]> {
  const [rollouts, replicaSets] = await Promise.all([kube.list<Rollout>(rolloutPath(namespace)), listOrEmpty<ReplicaSet>(kube, replicaSetPath(namespace))]);
  return rollouts.items.map((rollout): RolloutCardExtra => {
    const mine = replicaSets.filter((rs) => rs.metadata.namespace === rollout.metadata.namespace);
    const info = buildRolloutInfo({ rollout, replicaSets: mine, pods: [], analysisRuns: [], now });
    return { namespace: info.namespace, name: info.name, images: info.images, ...(info.actualWeight !== undefined ? { actualWeight: info.actualWeight } : {}) };
  });
}

/** The Rollout page's steps, containers and measurements, or undefined when there is no such Rollout. */
export async function loadRolloutDetail(kube: KubeClient, namespace: string, name: string): Promise<RolloutDetail | undefined> {
  const rollout = await kube.find<Rollout>(rolloutPath(namespace, name));
  if (!rollout) return undefined;
  const runs = await listOrEmpty<AnalysisRun>(kube, analysisRunPath(namespace));
  return buildRolloutDetail(rollout, runs);
}
