import { rolloutPath } from '../adapters/kube/index.js';
import {
  type OperationPlan,
  planSetImage,
  type SeenState,
} from '../core/rollout/operations/index.js';
import type { Rollout } from '../domain/index.js';
import {
  describeRequester,
  type EditDeps,
  type EditOutcome,
  executeBoundEdit,
  recordRequest,
  type Requester,
} from './execute-bound-edit.js';

/**
 * `set image NAME container=image` (spec §1.8): read the Rollout, edit the image of the named
 * container (`*`: all) in `spec.template`, write it back guarded by the resourceVersion read. Bound
 * to the state the caller saw (`expected`, else the first read): a conflict is retried, as the
 * plugin does, only into the same edit of the same template (issue 15). A Rollout without that
 * container is refused.
 */
export async function executeSetImage(
  deps: EditDeps,
  ref: { namespace: string; name: string },
  container: string,
  image: string,
  who: Requester,
  expected?: SeenState,
): Promise<EditOutcome> {
  const result = await executeBoundEdit<OperationPlan>(deps, ref, expected, {
    command: 'set image',
    plan: (rollout) => Promise.resolve(planSetImage(rollout, container, image)),
    stop: (plan) =>
      'refused' in plan
        ? { outcome: 'refused', reason: plan.refused }
        : plan.writes.length
          ? undefined
          : { outcome: 'skipped', reason: 'nothing to write' },
    writes: (plan) => ('writes' in plan ? plan.writes : plan),
    describe: (plan) =>
      'refused' in plan
        ? `be refused (${plan.refused})`
        : `write another template (${plan.summary})`,
    write: (rollout, plan) => {
      const write = 'writes' in plan ? plan.writes[0] : undefined;
      const patch = {
        ...write?.patch,
        metadata: { resourceVersion: rollout.metadata.resourceVersion },
      };
      return deps.kube.mergePatch<Rollout>(rolloutPath(ref.namespace, ref.name), patch);
    },
  });
  if (result.outcome !== 'written') return result;
  const summary = 'summary' in result.plan ? result.plan.summary : '';
  await recordRequest(
    deps,
    result.rollout,
    'SetImageRequested',
    `set image requested by ${describeRequester(who)}: ${summary}`,
  );
  return { outcome: 'done', summary };
}
