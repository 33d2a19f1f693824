/**
 * Reads what the rollout views are built from (spec §5: `get rollout`, `list rollouts`, the
 * dashboard's `/info` routes) through the one Kubernetes client. Shared by the REST API and the CLI;
 * no hono here, so the CLI can import it without the HTTP layer.
 */
import {
  analysisRunPath,
  experimentPath,
  KubeApiError,
  type KubeClient,
  podPath,
  replicaSetPath,
  rolloutPath,
  listOrEmpty,
} from '../adapters/kube/index.js';
import {
  buildRolloutInfo,
  type ExperimentView,
  type RolloutInfo,
  type RolloutSummary,
  summarizeRollout,
} from '../core/rollout-info/index.js';
import { formatSelector } from '../core/rollout/status-counts.js';
import { type AnalysisRun, OWN, type Pod, type ReplicaSet, type Rollout } from '../domain/index.js';

/** The namespace path segment (`/api/v1/rollouts/_all/info`) meaning every namespace. */
export const ALL_NAMESPACES = '_all';

/** The Rollout, or undefined when there is none by that name. */
export function findRollout(
  kube: KubeClient,
  namespace: string,
  name: string,
): Promise<Rollout | undefined> {
  return kube.find<Rollout>(rolloutPath(namespace, name));
}

/** The full tree of one Rollout at `now`, or undefined when it does not exist. */
export async function loadRolloutInfo(
  kube: KubeClient,
  namespace: string,
  name: string,
  now: number,
): Promise<RolloutInfo | undefined> {
  const rollout = await findRollout(kube, namespace, name);
  if (!rollout) return undefined;
  // Owned objects are matched by owner uid in the view. The Rollout's selector finds its own
  // ReplicaSets, pods, AnalysisRuns and Experiments, and the Experiments' ReplicaSets and pods
  // (their templates keep the Rollout's labels); an Experiment's AnalysisRuns carry its uid label.
  // The watch streams poll this every second, so it never lists a whole namespace when it need not.
  const selector = formatSelector(rollout.spec.selector);
  const query = selector ? { labelSelector: selector } : {};
  const [replicaSets, pods, ownRuns, experiments] = await Promise.all([
    listOrEmpty<ReplicaSet>(kube, replicaSetPath(namespace), query),
    listOrEmpty<Pod>(kube, podPath(namespace), query),
    listOrEmpty<AnalysisRun>(kube, analysisRunPath(namespace), query),
    listOrEmpty<ExperimentView>(kube, experimentPath(namespace), query),
  ]);
  const experimentRuns = await Promise.all(
    experiments
      .filter((ex) => ex.metadata.ownerReferences?.some((o) => o.uid === rollout.metadata.uid))
      .map((ex) =>
        ex.metadata.uid
          ? listOrEmpty<AnalysisRun>(kube, analysisRunPath(namespace), {
              labelSelector: `${OWN.experimentUid}=${ex.metadata.uid}`,
            })
          : Promise.resolve([]),
      ),
  );
  const seen = new Set(ownRuns.map((r) => r.metadata.name));
  const analysisRuns = [
    ...ownRuns,
    ...experimentRuns.flat().filter((r) => !seen.has(r.metadata.name)),
  ];
  return buildRolloutInfo({ rollout, replicaSets, pods, analysisRuns, experiments, now });
}

/** `list rollouts`: one summary per Rollout of `namespace` (undefined: all), sorted by namespace and name. */
export async function loadRolloutSummaries(
  kube: KubeClient,
  namespace: string | undefined,
): Promise<RolloutSummary[]> {
  const { items } = await kube.list<Rollout>(rolloutPath(namespace));
  return sortSummaries(items.map(summarizeRollout));
}

/** Summaries by namespace, then name: the order every list shows. */
export function sortSummaries(summaries: RolloutSummary[]): RolloutSummary[] {
  return summaries.sort((a, b) => compare(a.namespace, b.namespace) || compare(a.name, b.name));
}

/** The namespaces the caller may see, or undefined when it may not list them (403). */
export async function loadNamespaces(kube: KubeClient): Promise<string[] | undefined> {
  try {
    const { items } = await kube.list<{ metadata: { name: string } }>('/api/v1/namespaces');
    return items.map((n) => n.metadata.name).sort(compare);
  } catch (e) {
    if (e instanceof KubeApiError && e.status === 403) return undefined;
    throw e;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
