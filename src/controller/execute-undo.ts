import { replicaSetPath, resourcePath, rolloutPath } from '../adapters/kube/index.js';
import { planUndo, type UndoTarget } from '../core/rollout/operations/index.js';
import type { ReplicaSet, Rollout } from '../domain/index.js';
import { describe, type EditDeps, type EditOutcome, recordRequest, type Requester } from './execute-set-image.js';

const WORKLOAD_PATHS: Record<string, (namespace: string, name: string) => string> = {
  Rollout: (ns, name) => rolloutPath(ns, name),
  Deployment: resourcePath('apps', 'v1', 'deployments'),
  ReplicaSet: (ns, name) => replicaSetPath(ns, name),
  PodTemplate: resourcePath('', 'v1', 'podtemplates'),
};

/**
 * `undo [--to-revision N]` (spec §1.8, §8.7): the template of revision N (0: the previous one)
 * replaces `spec.template` of the Rollout, or of its workloadRef object, as one JSON patch, as the
 * plugin writes it. Skipped when the template already matches that revision.
 */
export async function executeUndo(deps: EditDeps, ref: { namespace: string; name: string }, toRevision: number, who: Requester): Promise<EditOutcome & { revision?: number }> {
  const rollout = await deps.kube.find<Rollout>(rolloutPath(ref.namespace, ref.name));
  if (!rollout) return { outcome: 'not-found' };
  const selector = Object.entries(rollout.spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  const { items } = await deps.kube.list<ReplicaSet>(replicaSetPath(ref.namespace), selector ? { labelSelector: selector } : {});
  const plan = planUndo(rollout, items, toRevision);
  if ('refused' in plan) return { outcome: 'refused', reason: plan.refused };
  if ('skipped' in plan) return { outcome: 'skipped', reason: plan.skipped, revision: plan.revision };
  await deps.kube.jsonPatch(targetPath(ref.namespace, plan.target), plan.ops);
  await recordRequest(deps, rollout, 'UndoRequested', `undo requested by ${describe(who)}: ${plan.summary}`);
  return { outcome: 'done', summary: plan.summary, revision: plan.revision };
}

function targetPath(namespace: string, target: UndoTarget): string {
  const path = WORKLOAD_PATHS[target.kind];
  // planUndo only names the kinds above; anything else is a bug, not input.
  if (!path) throw new Error(`undo: no path for kind ${target.kind}`);
  return path(namespace, target.name);
}
