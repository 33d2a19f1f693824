import { computePodTemplateHash } from '../../../src/core/rollout/template/index.js';
import type { ReplicaSet, Rollout } from '../../../src/domain/index.js';

const HASH_LABEL = 'rollouts-pod-template-hash';

/** The pod-template-hash of the Rollout's current template (spec §8.8), as its ReplicaSet carries it. */
export function templateHashOf(rollout: Rollout): string {
  return computePodTemplateHash(rollout.spec.template ?? {}, rollout.status?.collisionCount);
}

/**
 * The ReplicaSet a Rollout at this template owns: `<rollout>-<hash>`, `replicas` pods of which
 * `available` are available (all unless told), sized for `desiredReplicas` (the Rollout's
 * spec.replicas unless told), created `revision` minutes after 2026-01-01T00:00:00Z.
 */
export function aReplicaSet(
  rollout: Rollout,
  o: { revision: number; replicas?: number; available?: number; desiredReplicas?: number },
): ReplicaSet {
  const hash = templateHashOf(rollout);
  const replicas = o.replicas ?? 0;
  const template = structuredClone(rollout.spec.template ?? {});
  const labels = { ...template.metadata?.labels, [HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${rollout.metadata.name}-${hash}`,
      namespace: rollout.metadata.namespace ?? 'default',
      uid: `rs-${hash}`,
      generation: 1,
      creationTimestamp: new Date(Date.UTC(2026, 0, 1, 0, o.revision)).toISOString(),
      labels,
      annotations: {
        'rollout.argoproj.io/revision': String(o.revision),
        'rollout.argoproj.io/desired-replicas': String(
          o.desiredReplicas ?? rollout.spec.replicas ?? 1,
        ),
      },
    },
    spec: {
      replicas,
      selector: { matchLabels: { ...rollout.spec.selector?.matchLabels, [HASH_LABEL]: hash } },
      template,
    },
    status: {
      replicas,
      readyReplicas: o.available ?? replicas,
      availableReplicas: o.available ?? replicas,
      observedGeneration: 1,
    },
  };
}
