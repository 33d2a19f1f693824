import {
  analysisRunPath,
  type KubeClient,
  listOrEmpty,
  replicaSetPath,
  rolloutPath,
} from '../../adapters/kube/index.js';
import {
  buildRolloutInfo,
  type RolloutSummary,
  summarizeRollout,
} from '../../core/rollout-info/index.js';
import { sortSummaries } from '../../controller/load-rollout-info.js';
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
export async function loadCards(
  kube: KubeClient,
  namespace: string | undefined,
  now: number,
): Promise<RolloutCardExtra[]> {
  return (await loadListView(kube, namespace, now)).cards;
}

/**
 * What the list shows, summaries and cards, from one list of Rollouts and one of ReplicaSets (the
 * server-rendered first view needs both; the page fetches them as two API calls).
 */
export async function loadListView(
  kube: KubeClient,
  namespace: string | undefined,
  now: number,
): Promise<{ summaries: RolloutSummary[]; cards: RolloutCardExtra[] }> {
  const [rollouts, replicaSets] = await Promise.all([
    kube.list<Rollout>(rolloutPath(namespace)),
    listOrEmpty<ReplicaSet>(kube, replicaSetPath(namespace)),
  ]);
  const cards = rollouts.items.map((rollout): RolloutCardExtra => {
    const mine = replicaSets.filter((rs) => rs.metadata.namespace === rollout.metadata.namespace);
    const info = buildRolloutInfo({ rollout, replicaSets: mine, pods: [], analysisRuns: [], now });
    return {
      namespace: info.namespace,
      name: info.name,
      images: info.images,
      ...(info.actualWeight !== undefined ? { actualWeight: info.actualWeight } : {}),
    };
  });
  return { summaries: sortSummaries(rollouts.items.map(summarizeRollout)), cards };
}

/** The Rollout page's steps, containers and measurements, or undefined when there is no such Rollout. */
export async function loadRolloutDetail(
  kube: KubeClient,
  namespace: string,
  name: string,
): Promise<RolloutDetail | undefined> {
  const rollout = await kube.find<Rollout>(rolloutPath(namespace, name));
  if (!rollout) return undefined;
  const runs = await listOrEmpty<AnalysisRun>(kube, analysisRunPath(namespace));
  return buildRolloutDetail(rollout, runs);
}
