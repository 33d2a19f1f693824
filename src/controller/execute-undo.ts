import {
  type JsonPatchOp,
  replicaSetPath,
  resourcePath,
  rolloutPath,
} from '../adapters/kube/index.js';
import {
  planUndo,
  type SeenState,
  type UndoPlan,
  type UndoTarget,
} from '../core/rollout/operations/index.js';
import type { ReplicaSet, Rollout } from '../domain/index.js';
import {
  describeRequester,
  type EditDeps,
  type EditOutcome,
  executeBoundEdit,
  recordRequest,
  type Requester,
} from './execute-bound-edit.js';

const WORKLOAD_PATHS: Record<string, (namespace: string, name: string) => string> = {
  Rollout: (ns, name) => rolloutPath(ns, name),
  Deployment: resourcePath('apps', 'v1', 'deployments'),
  ReplicaSet: (ns, name) => replicaSetPath(ns, name),
  PodTemplate: resourcePath('', 'v1', 'podtemplates'),
};

/**
 * `undo [--to-revision N]` (spec §1.8, §8.7): the template of revision N (0: the previous one)
 * replaces `spec.template` of the Rollout, or of its workloadRef object, as one JSON patch, as the
 * plugin writes it. Skipped when the template already matches that revision. Bound to the state the
 * caller saw (`expected`, else the first read, issue 15); a write to the Rollout also carries the
 * resourceVersion read, so a conflict is retried only into the same rollback.
 */
export async function executeUndo(
  deps: EditDeps,
  ref: { namespace: string; name: string },
  toRevision: number,
  who: Requester,
  expected?: SeenState,
): Promise<EditOutcome & { revision?: number }> {
  const result = await executeBoundEdit<UndoPlan>(deps, ref, expected, {
    command: 'undo',
    plan: async (rollout) => planUndo(rollout, await loadReplicaSets(deps, rollout), toRevision),
    stop: (plan) =>
      'refused' in plan
        ? { outcome: 'refused', reason: plan.refused }
        : 'skipped' in plan
          ? { outcome: 'skipped', reason: plan.skipped, revision: plan.revision }
          : undefined,
    writes: (plan) => ('ops' in plan ? { target: plan.target, ops: plan.ops } : plan),
    describe: (plan) =>
      'refused' in plan
        ? `be refused (${plan.refused})`
        : 'skipped' in plan
          ? `be skipped (${plan.skipped})`
          : plan.summary,
    write: async (rollout, plan) => {
      if (!('ops' in plan)) return rollout;
      const guard: JsonPatchOp[] =
        plan.target.kind === 'Rollout'
          ? [
              {
                op: 'replace',
                path: '/metadata/resourceVersion',
                value: rollout.metadata.resourceVersion,
              },
            ]
          : [];
      const written = await deps.kube.jsonPatch<Rollout>(targetPath(ref.namespace, plan.target), [
        ...guard,
        ...plan.ops,
      ]);
      return plan.target.kind === 'Rollout' ? written : rollout;
    },
  });
  if (result.outcome !== 'written') return result;
  const plan = result.plan;
  if (!('ops' in plan)) throw new Error('undo: a plan without writes was written'); // stop() returned for those
  await recordRequest(
    deps,
    result.rollout,
    'UndoRequested',
    `undo requested by ${describeRequester(who)}: ${plan.summary}`,
  );
  return { outcome: 'done', summary: plan.summary, revision: plan.revision };
}

async function loadReplicaSets(deps: EditDeps, rollout: Rollout): Promise<ReplicaSet[]> {
  const selector = Object.entries(rollout.spec.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  const namespace = rollout.metadata.namespace ?? '';
  return (
    await deps.kube.list<ReplicaSet>(
      replicaSetPath(namespace),
      selector ? { labelSelector: selector } : {},
    )
  ).items;
}

function targetPath(namespace: string, target: UndoTarget): string {
  const path = WORKLOAD_PATHS[target.kind];
  // planUndo only names the kinds above; anything else is a bug, not input.
  if (!path) throw new Error(`undo: no path for kind ${target.kind}`);
  return path(namespace, target.name);
}
