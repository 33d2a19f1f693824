import { ANNOTATIONS, type ReplicaSet } from '../../domain/index.js';
import { EXPERIMENT_DEFAULTS } from '../../domain/experiment-keys.js';
import type { ExperimentContext } from './experiment-context.js';
import type { ExperimentTemplate } from '../../domain/experiment.js';
import { isoTimeCeil } from '../../domain/time.js';
import { buildTemplateReplicaSet, desiredTemplateReplicas } from './template-replica-set.js';

/**
 * Brings a template's ReplicaSet toward its size (spec §3 steps 1 and 5): created at 0 replicas,
 * scaled to `replicas` while the experiment runs; once it is terminating, annotated with a
 * `scale-down-deadline` of now + scaleDownDelaySeconds and scaled to 0 when that passes.
 * Returns the ReplicaSet as observed (undefined when this pass only creates it).
 */
export function planTemplateScale(
  ctx: ExperimentContext,
  t: ExperimentTemplate,
  rs: ReplicaSet | undefined,
  terminating: boolean,
): void {
  if (!rs) {
    if (!terminating)
      ctx.actions.push({
        kind: 'createReplicaSet',
        replicaSet: buildTemplateReplicaSet(ctx.ex, t),
      });
    return;
  }
  const current = rs.spec.replicas ?? 0;
  const deadline = rs.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline];
  if (!terminating) {
    const desired = desiredTemplateReplicas(t);
    if (current !== desired || deadline !== undefined)
      scale(ctx, rs, desired, { [ANNOTATIONS.scaleDownDeadline]: null });
    return;
  }
  if (current === 0) return;
  const delayMs =
    (ctx.ex.spec.scaleDownDelaySeconds ?? EXPERIMENT_DEFAULTS.scaleDownDelaySeconds) * 1000;
  const at = deadline !== undefined ? Date.parse(deadline) : ctx.now + delayMs;
  if (Number.isFinite(at) && at > ctx.now) {
    if (deadline === undefined)
      ctx.actions.push({
        kind: 'patchReplicaSet',
        name: rs.metadata.name,
        patch: { metadata: { annotations: { [ANNOTATIONS.scaleDownDeadline]: isoTimeCeil(at) } } },
      });
    ctx.wakeAt.push(at);
    return;
  }
  scale(ctx, rs, 0, { [ANNOTATIONS.scaleDownDeadline]: null });
}

function scale(
  ctx: ExperimentContext,
  rs: ReplicaSet,
  to: number,
  annotations: Record<string, string | null>,
): void {
  const from = rs.spec.replicas ?? 0;
  const present = Object.fromEntries(
    Object.entries(annotations).filter(
      ([k, v]) => v !== null || rs.metadata.annotations?.[k] !== undefined,
    ),
  );
  ctx.actions.push({
    kind: 'patchReplicaSet',
    name: rs.metadata.name,
    patch: {
      spec: { replicas: to },
      ...(Object.keys(present).length ? { metadata: { annotations: present } } : {}),
    },
  });
  if (from !== to)
    ctx.events.push({
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${to > from ? 'up' : 'down'} ReplicaSet ${rs.metadata.name} from ${from} to ${to}`,
    });
}
