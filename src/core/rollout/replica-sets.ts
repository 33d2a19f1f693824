import {
  ANNOTATIONS,
  LABELS,
  NOT_COPIED_TO_RS,
  type ReplicaSet,
  type Rollout,
} from '../../domain/index.js';
import type { Action, RolloutEvent } from './plan-types.js';
import { replicaSetRevision } from './template/index.js';

export function hashOf(rs: ReplicaSet | undefined): string | undefined {
  return rs?.metadata.labels?.[LABELS.podTemplateHash];
}

export function revisionOf(rs: ReplicaSet | undefined): number {
  return rs ? replicaSetRevision(rs) : 0;
}

export function specReplicas(rs: ReplicaSet | undefined): number {
  return rs?.spec.replicas ?? 0;
}

export function availableOf(rs: ReplicaSet | undefined): number {
  return rs?.status?.availableReplicas ?? 0;
}

export function maxRevision(rss: ReplicaSet[]): number {
  return rss.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
}

/** The `<rollout>-<hash>` ReplicaSet for the current template, at 0 replicas (spec §8.1 step 6, §1.10). */
export function buildNewReplicaSet(
  rollout: Rollout,
  hash: string,
  revision: number,
  replicas: number,
): ReplicaSet {
  const meta = rollout.metadata;
  const template = structuredClone(rollout.spec.template ?? {});
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, [LABELS.podTemplateHash]: hash },
  };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta.annotations ?? {}))
    if (!NOT_COPIED_TO_RS.has(k) && !k.startsWith('rollouts.serverless.dev/')) annotations[k] = v;
  annotations[ANNOTATIONS.revision] = String(revision);
  annotations[ANNOTATIONS.desiredReplicas] = String(replicas);
  const selector = rollout.spec.selector ?? {};
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${meta.name}-${hash}`,
      namespace: meta.namespace,
      labels: { ...template.metadata.labels },
      annotations,
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: meta.name,
          uid: meta.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      minReadySeconds: rollout.spec.minReadySeconds ?? 0,
      selector: {
        ...selector,
        matchLabels: { ...selector.matchLabels, [LABELS.podTemplateHash]: hash },
      },
      template,
    },
  };
}

/** Sets an RS's replicas and desired-replicas annotation, with the upstream ScalingReplicaSet event. */
export function scaleAction(
  rs: ReplicaSet,
  to: number,
  replicas: number,
  extraAnnotations: Record<string, string | null> = {},
): { action: Action; event?: RolloutEvent } {
  const from = specReplicas(rs);
  const action: Action = {
    kind: 'patchReplicaSet',
    name: rs.metadata.name,
    patch: {
      spec: { replicas: to },
      metadata: {
        annotations: { [ANNOTATIONS.desiredReplicas]: String(replicas), ...extraAnnotations },
      },
    },
  };
  if (from === to) return { action };
  const dir = to > from ? 'up' : 'down';
  return {
    action,
    event: {
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled ${dir} ReplicaSet ${rs.metadata.name} (revision ${revisionOf(rs)}) from ${from} to ${to}`,
    },
  };
}

/** Whether an RS needs its desired-replicas annotation (or size) brought in line. */
export function needsScale(rs: ReplicaSet, to: number, replicas: number): boolean {
  return (
    specReplicas(rs) !== to ||
    rs.metadata.annotations?.[ANNOTATIONS.desiredReplicas] !== String(replicas)
  );
}
