import {
  experimentPath,
  listOrEmpty,
  analysisRunPath,
  analysisTemplatePath,
  clusterAnalysisTemplatePath,
  eventsPath,
  type KubeClient,
  podPath,
  replicaSetPath,
  rolloutPath,
  servicePath,
} from '../adapters/kube/index.js';
import {
  ANNOTATIONS,
  OWN,
  type AnalysisRun,
  type AnalysisTemplate,
  type AnalysisTemplateSpec,
  type Pod,
  type ReplicaSet,
  type Rollout,
  type Service,
} from '../domain/index.js';
import type { ObjectMeta } from '../domain/objects.js';
import { templateKey } from '../domain/template-key.js';
import type { ObservedRollout, ReferencedWorkload } from '../core/rollout/plan-types.js';
import { formatSelector } from '../core/rollout/status-counts.js';
import { resolveWorkloadRef, workloadKind } from '../core/rollout/workload-ref.js';
import { loadTraffic } from './load-traffic.js';
import type { Experiment } from '../domain/experiment.js';
import type { ReconcileKind } from '../domain/hint.js';
import { managedServiceNames, referencedServiceNames } from '../core/rollout/release-services.js';
import { parseReleaseHold } from '../core/rollout/release-hold.js';

export interface RolloutRef {
  namespace: string;
  name: string;
  /** What to reconcile; a Rollout when absent. */
  kind?: ReconcileKind;
}

/**
 * Step 1 of a reconcile (DESIGN §3): the Rollout, the ReplicaSets it owns (listed through its
 * selector, so the API's label index does the work) and the Services it names. Pods only while
 * a restart is pending or ephemeral metadata is in play. Undefined when the Rollout is gone.
 */
export async function loadRollout(
  kube: KubeClient,
  ref: RolloutRef,
  now: number,
): Promise<ObservedRollout | undefined> {
  const rollout = await kube.find<Rollout>(rolloutPath(ref.namespace, ref.name));
  if (!rollout) return undefined;
  const workload = await loadWorkload(kube, ref.namespace, rollout);
  const resolved = resolveWorkloadRef(rollout, workload);
  const selector = formatSelector(
    'rollout' in resolved ? resolved.rollout.spec.selector : rollout.spec.selector,
  );
  const uid = rollout.metadata.uid;
  const ownedBy = <T extends { metadata: ObjectMeta }>(items: T[]) =>
    items.filter((o) => o.metadata.ownerReferences?.some((r) => r.uid === uid));
  const hasExperiments =
    (rollout.spec.strategy?.canary?.steps ?? []).some((s) => s.experiment) ||
    !!rollout.status?.canary?.currentExperiment;
  // Everything here needs only the Rollout (and its selector), not each other: one round trip.
  const [rsList, services, analysisRuns, templates, traffic, experiments] = await Promise.all([
    selector
      ? kube.list<ReplicaSet>(replicaSetPath(ref.namespace), { labelSelector: selector })
      : Promise.resolve({ items: [] as ReplicaSet[] }),
    loadServices(kube, ref.namespace, rollout),
    selector
      ? kube
          .list<AnalysisRun>(analysisRunPath(ref.namespace), { labelSelector: selector })
          .then((l) => ownedBy(l.items))
      : Promise.resolve([]),
    loadTemplates(kube, ref.namespace, rollout),
    loadTraffic(kube, rollout),
    hasExperiments && selector
      ? listOrEmpty<Experiment>(kube, experimentPath(ref.namespace), {
          labelSelector: selector,
        }).then(ownedBy)
      : Promise.resolve(undefined),
  ]);
  const replicaSets = rsList.items.filter((rs) =>
    rs.metadata.ownerReferences?.some((o) => o.uid === uid && o.controller),
  );
  const restartPending =
    !!rollout.spec.restartAt && rollout.spec.restartAt !== rollout.status?.restartedAt;
  // Pods only when the ReplicaSets say they matter: the one read that waits for another.
  const pods =
    (restartPending || ephemeralMetadataInPlay(rollout, replicaSets)) && selector
      ? (await kube.list<Pod>(podPath(ref.namespace), { labelSelector: selector })).items
      : undefined;
  // A fleet release's hold comes with the Rollout: honouring it costs no request (issue 21 §3, §4).
  const releaseHold = parseReleaseHold(rollout.metadata.annotations?.[OWN.releaseHold]);
  return {
    rollout,
    replicaSets,
    services,
    ...(pods ? { pods } : {}),
    ...(workload ? { workload } : {}),
    analysisRuns,
    templates,
    ...(traffic ? { traffic } : {}),
    ...(experiments ? { experiments } : {}),
    ...(releaseHold ? { releaseHold } : {}),
    now,
  };
}

type TemplateRef = { templateName: string; clusterScope?: boolean };

/** The AnalysisTemplates / ClusterAnalysisTemplates the strategy names, nested ones included. */
async function loadTemplates(
  kube: KubeClient,
  namespace: string,
  rollout: Rollout,
): Promise<Map<string, AnalysisTemplateSpec | undefined>> {
  const { canary, blueGreen } = rollout.spec.strategy ?? {};
  const refsOf = (a: unknown): TemplateRef[] =>
    (a as { templates?: TemplateRef[] } | undefined)?.templates ?? [];
  let pending: TemplateRef[] = [
    ...(canary?.steps ?? []).flatMap((s) => refsOf(s.analysis)),
    ...refsOf(canary?.analysis),
    ...refsOf(blueGreen?.prePromotionAnalysis),
    ...refsOf(blueGreen?.postPromotionAnalysis),
  ];
  const out = new Map<string, AnalysisTemplateSpec | undefined>();
  while (pending.length) {
    const batch = pending.filter(
      (r, i) =>
        !out.has(templateKey(r)) &&
        pending.findIndex((x) => templateKey(x) === templateKey(r)) === i,
    );
    pending = [];
    const loaded = await Promise.all(
      batch.map(
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
    for (const [r, t] of loaded) {
      out.set(templateKey(r), t?.spec);
      pending.push(...(t?.spec.templates ?? []));
    }
  }
  return out;
}

const WORKLOAD_PATHS: Record<string, (ns: string, name: string) => string> = {
  Deployment: (ns, name) =>
    `/apis/apps/v1/namespaces/${encodeURIComponent(ns)}/deployments/${encodeURIComponent(name)}`,
  ReplicaSet: (ns, name) => replicaSetPath(ns, name),
  PodTemplate: (ns, name) =>
    `/api/v1/namespaces/${encodeURIComponent(ns)}/podtemplates/${encodeURIComponent(name)}`,
};

/** The object `spec.workloadRef` names (spec §1.1); `object` is undefined when it does not exist. */
async function loadWorkload(
  kube: KubeClient,
  namespace: string,
  rollout: Rollout,
): Promise<ReferencedWorkload | undefined> {
  const ref = rollout.spec.workloadRef;
  const kind = workloadKind(rollout);
  if (!ref?.name || !kind) return undefined;
  const path = WORKLOAD_PATHS[kind];
  const object = path
    ? await kube.find<NonNullable<ReferencedWorkload['object']>>(path(namespace, ref.name))
    : undefined;
  return { kind, ...(object ? { object } : {}) };
}

/** Metadata configured, or some RS still records injected metadata that may have to be removed from its pods. */
function ephemeralMetadataInPlay(rollout: Rollout, replicaSets: ReplicaSet[]): boolean {
  const c = rollout.spec.strategy?.canary;
  const b = rollout.spec.strategy?.blueGreen;
  return (
    !!(c?.canaryMetadata || c?.stableMetadata || b?.previewMetadata || b?.activeMetadata) ||
    replicaSets.some((rs) => !!rs.metadata.annotations?.[ANNOTATIONS.ephemeralMetadata])
  );
}

async function loadServices(
  kube: KubeClient,
  namespace: string,
  rollout: Rollout,
): Promise<Map<string, Service | undefined>> {
  // The ones it references, and the ones it managed before (to release those it dropped).
  const names = [...new Set([...referencedServiceNames(rollout), ...managedServiceNames(rollout)])];
  const found = await Promise.all(
    names.map(async (n) => [n, await kube.find<Service>(servicePath(namespace, n))] as const),
  );
  return new Map(found);
}

export { eventsPath };
