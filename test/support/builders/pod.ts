import type { Pod, ReplicaSet } from '../../../src/domain/index.js';

/** A Running, Ready pod `<rs>-<index>` of the ReplicaSet, created at `createdAt`. */
export function aPod(rs: ReplicaSet, o: { index: number; createdAt: string }): Pod {
  return {
    metadata: {
      name: `${rs.metadata.name}-${o.index}`,
      namespace: rs.metadata.namespace ?? 'default',
      creationTimestamp: o.createdAt,
      labels: { ...rs.spec.template?.metadata?.labels },
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  };
}
