import {
  analysisRunPath,
  analysisTemplatePath,
  clusterAnalysisTemplatePath,
  experimentPath,
  type KubeClient,
  replicaSetPath,
  servicePath,
} from '../adapters/kube/index.js';
import {
  type AnalysisRun,
  type AnalysisTemplate,
  type AnalysisTemplateSpec,
  OWN,
  type ReplicaSet,
  type Service,
} from '../domain/index.js';
import type { ObservedExperiment } from '../core/experiment/index.js';
import type { Experiment, ExperimentAnalysis } from '../domain/experiment.js';
import { templateKey } from '../domain/template-key.js';

export interface ExperimentRef {
  namespace: string;
  name: string;
  kind: 'Experiment';
}

const ownedBy =
  (uid: string | undefined) => (o: { metadata: { ownerReferences?: Array<{ uid: string }> } }) =>
    !!uid && !!o.metadata.ownerReferences?.some((r) => r.uid === uid);

/**
 * Step 1 of an Experiment reconcile: the Experiment, the ReplicaSets, Services and AnalysisRuns
 * it owns, and the analysis templates it names (nested ones followed). Undefined when it is gone.
 */
export async function loadExperiment(
  kube: KubeClient,
  ref: { namespace: string; name: string },
  now: number,
): Promise<ObservedExperiment | undefined> {
  const experiment = await kube.find<Experiment>(experimentPath(ref.namespace, ref.name));
  if (!experiment) return undefined;
  const owned = ownedBy(experiment.metadata.uid);
  // Everything the Experiment creates carries its uid as a label: the API's label index does the work.
  const query = experiment.metadata.uid
    ? { labelSelector: `${OWN.experimentUid}=${experiment.metadata.uid}` }
    : {};
  const [rss, services, runs, templates] = await Promise.all([
    kube.list<ReplicaSet>(replicaSetPath(ref.namespace), query),
    kube.list<Service>(servicePath(ref.namespace), query),
    kube.list<AnalysisRun>(analysisRunPath(ref.namespace), query),
    loadTemplates(kube, ref.namespace, experiment.spec.analyses ?? []),
  ]);
  return {
    experiment,
    replicaSets: rss.items.filter(owned),
    services: services.items.filter(owned),
    analysisRuns: runs.items.filter(owned),
    templates,
    now,
  };
}

/** Follows each analysis's template chain, reading what the last round found missing, until nothing new is named. */
async function loadTemplates(
  kube: KubeClient,
  namespace: string,
  analyses: ExperimentAnalysis[],
): Promise<Map<string, AnalysisTemplateSpec | undefined>> {
  const out = new Map<string, AnalysisTemplateSpec | undefined>();
  for (let round = 0; round < 20; round++) {
    const wanted = new Map<string, { templateName: string; clusterScope?: boolean }>();
    for (const a of analyses) {
      for (const ref of pendingRefs(out, a))
        if (!out.has(templateKey(ref))) wanted.set(templateKey(ref), ref);
    }
    if (!wanted.size) return out;
    const loaded = await Promise.all(
      [...wanted.values()].map(
        async (r) =>
          [
            r,
            await kube.find<AnalysisTemplate>(
              r.clusterScope
                ? clusterAnalysisTemplatePath(r.templateName)
                : analysisTemplatePath(namespace, r.templateName),
            ),
          ] as const,
      ),
    );
    for (const [r, t] of loaded) out.set(templateKey(r), t?.spec);
  }
  return out;
}

/** References along an analysis's chain that the map has not looked up yet. */
function pendingRefs(
  known: ReadonlyMap<string, AnalysisTemplateSpec | undefined>,
  a: ExperimentAnalysis,
): Array<{ templateName: string; clusterScope?: boolean }> {
  const out: Array<{ templateName: string; clusterScope?: boolean }> = [];
  const seen = new Set<string>();
  let queue: Array<{ templateName: string; clusterScope?: boolean }> = [
    { templateName: a.templateName, ...(a.clusterScope ? { clusterScope: true } : {}) },
  ];
  while (queue.length) {
    const ref = queue.shift();
    if (!ref || seen.has(templateKey(ref))) continue;
    seen.add(templateKey(ref));
    if (!known.has(templateKey(ref))) {
      out.push(ref);
      continue;
    }
    queue = [...queue, ...(known.get(templateKey(ref))?.templates ?? [])];
  }
  return out;
}
