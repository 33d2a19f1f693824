import { ANNOTATIONS, type PodTemplateSpec, type Rollout } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';
import type { ReferencedWorkload } from './plan-types.js';

const KINDS: Record<string, { apiVersion: string; resource: string }> = {
  Deployment: { apiVersion: 'apps/v1', resource: 'deployments.apps' },
  ReplicaSet: { apiVersion: 'apps/v1', resource: 'replicasets.apps' },
  PodTemplate: { apiVersion: 'v1', resource: 'podtemplates' },
};

export function workloadKind(rollout: Rollout): string | undefined {
  const kind = rollout.spec.workloadRef?.kind;
  return kind && KINDS[kind] ? kind : undefined;
}

/**
 * The Rollout with its template and selector taken from the referenced workload (spec §1.1), in
 * memory only: the resolved template is never written back. An error message when it cannot be
 * resolved (the caller reports it as InvalidSpec).
 */
export function resolveWorkloadRef(
  rollout: Rollout,
  workload: ReferencedWorkload | undefined,
): { rollout: Rollout } | { error: string } {
  const ref = rollout.spec.workloadRef;
  if (!ref) return { rollout };
  const kind = ref.kind ?? '';
  const known = KINDS[kind];
  if (!known || ref.apiVersion !== known.apiVersion) {
    return {
      error: `spec.workloadRef: Invalid value: "${ref.apiVersion ?? ''}/${kind}": workloadRef must be an apps/v1 Deployment, an apps/v1 ReplicaSet or a v1 PodTemplate`,
    };
  }
  const obj = workload?.object;
  if (!obj)
    return {
      error: `spec.workloadRef.name: Invalid value: "${ref.name ?? ''}": ${known.resource} "${ref.name ?? ''}" not found`,
    };
  const template: PodTemplateSpec | undefined =
    kind === 'PodTemplate' ? obj.template : obj.spec?.template;
  if (!template || typeof template !== 'object' || Array.isArray(template))
    return {
      error: `spec.workloadRef.name: Invalid value: "${ref.name ?? ''}": ${kind} has no pod template`,
    };
  const selector =
    rollout.spec.selector ??
    (kind === 'PodTemplate'
      ? { matchLabels: template.metadata?.labels ?? {} }
      : obj.spec?.selector);
  return {
    rollout: {
      ...rollout,
      spec: {
        ...rollout.spec,
        template: structuredClone(template),
        ...(selector ? { selector } : {}),
      },
    },
  };
}

/**
 * Records which workload generation was observed, and scales the referenced Deployment down per
 * `workloadRef.scaleDown` (spec §1.1): `onsuccess` to 0 once the Rollout is Healthy,
 * `progressively` to `replicas - readyReplicas` while the first revision rolls out and 0 when
 * Healthy, `never` (default) leaves it alone.
 */
export function planWorkloadRef(ctx: PlanContext, workload: ReferencedWorkload | undefined): void {
  const ref = ctx.rollout.spec.workloadRef;
  const obj = workload?.object;
  if (!ref || !obj) return;
  const generation = String(obj.metadata.generation ?? 0);
  ctx.status.workloadObservedGeneration = generation;
  if (ctx.rollout.metadata.annotations?.[ANNOTATIONS.workloadGeneration] !== generation) {
    ctx.actions.push({
      kind: 'patchRollout',
      patch: { metadata: { annotations: { [ANNOTATIONS.workloadGeneration]: generation } } },
    });
  }
  if (workload.kind !== 'Deployment') return;
  const mode = (ref.scaleDown ?? 'never').toLowerCase();
  if (mode === 'never') return;
  const healthy = ctx.status.phase === 'Healthy';
  let target: number | undefined;
  if (healthy) target = 0;
  else if (mode === 'progressively')
    target = Math.max(0, ctx.replicas - (ctx.status.readyReplicas ?? 0));
  if (target !== undefined && (obj.spec?.replicas ?? 1) !== target) {
    ctx.actions.push({
      kind: 'scaleWorkload',
      workloadKind: 'Deployment',
      name: obj.metadata.name,
      replicas: target,
    });
  }
}
