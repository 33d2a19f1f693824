import type {
  AnalysisRun,
  Pod,
  ReplicaSet,
  Rollout,
  RolloutStatus,
} from '../../../src/domain/index.js';
import { aRollout as aSharedRollout } from '../../support/builders/index.js';

export const NOW = Date.parse('2026-01-01T12:00:00Z');
export const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();
export const UID = 'rollout-uid';
const owner = (uid: string) => [
  { apiVersion: 'v1', kind: 'X', name: 'owner', uid, controller: true },
];

/** A canary Rollout (5 replicas, steps setWeight 20 / pause / setWeight 60 / pause 10) with named overrides. */
export function aRollout(
  o: {
    status?: RolloutStatus;
    steps?: unknown[] | null;
    blueGreen?: boolean;
    trafficRouting?: boolean;
    generation?: number;
    paused?: boolean;
  } = {},
): Rollout {
  const steps =
    o.steps === null
      ? undefined
      : (o.steps ?? [
          { setWeight: 20 },
          { pause: {} },
          { setWeight: 60 },
          { pause: { duration: 10 } },
        ]);
  return aSharedRollout({
    name: 'shop',
    metadata: { uid: UID, generation: o.generation ?? 1, creationTimestamp: ago(3600) },
    ...(o.blueGreen
      ? { blueGreen: { activeService: 'a', previewService: 'p' } }
      : {
          canary: {
            steps,
            ...(o.trafficRouting
              ? {
                  canaryService: 'c',
                  stableService: 's',
                  trafficRouting: { nginx: { stableIngress: 'i' } },
                }
              : {}),
          },
        }),
    // Rollout info reads the images from the ReplicaSets, not from the Rollout's template.
    spec: { paused: o.paused || undefined, template: undefined },
    ...(o.status ? { status: { observedGeneration: String(o.generation ?? 1), ...o.status } } : {}),
  });
}

export function aReplicaSet(o: {
  hash: string;
  revision: number;
  replicas?: number;
  available?: number;
  ownerUid?: string;
  image?: string;
  annotations?: Record<string, string>;
  generation?: number;
  observed?: number;
}): ReplicaSet {
  const replicas = o.replicas ?? 1;
  return {
    metadata: {
      name: `shop-${o.hash}`,
      namespace: 'default',
      uid: `rs-${o.hash}`,
      generation: o.generation ?? 1,
      creationTimestamp: ago(60 * o.revision),
      labels: { app: 'shop', 'rollouts-pod-template-hash': o.hash },
      annotations: { 'rollout.argoproj.io/revision': String(o.revision), ...o.annotations },
      ownerReferences: owner(o.ownerUid ?? UID),
    },
    spec: {
      replicas,
      template: { spec: { containers: [{ name: 'web', image: o.image ?? `shop:${o.hash}` }] } },
    },
    status: {
      replicas,
      availableReplicas: o.available ?? replicas,
      observedGeneration: o.observed ?? o.generation ?? 1,
    },
  };
}

export function aPod(o: {
  name: string;
  rsHash: string;
  ageSeconds?: number;
  status?: Record<string, unknown>;
  containers?: number;
  init?: number;
  deleting?: boolean;
}): Pod {
  return {
    metadata: {
      name: o.name,
      namespace: 'default',
      creationTimestamp: ago(o.ageSeconds ?? 30),
      ownerReferences: owner(`rs-${o.rsHash}`),
      ...(o.deleting ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      containers: Array.from({ length: o.containers ?? 1 }, (_, i) => ({ name: `c${i}` })),
      ...(o.init
        ? { initContainers: Array.from({ length: o.init }, (_, i) => ({ name: `i${i}` })) }
        : {}),
    },
    status: o.status ?? {
      phase: 'Running',
      containerStatuses: [{ name: 'c0', ready: true, restartCount: 0, state: { running: {} } }],
    },
  };
}

export function anAnalysisRun(o: {
  name: string;
  revision: number;
  phase?: string;
  results?: unknown[];
  ownerUid?: string;
  createdSecondsAgo?: number;
}): AnalysisRun {
  return {
    metadata: {
      name: o.name,
      namespace: 'default',
      creationTimestamp: ago(o.createdSecondsAgo ?? 10),
      annotations: { 'rollout.argoproj.io/revision': String(o.revision) },
      ownerReferences: owner(o.ownerUid ?? UID),
    },
    spec: { metrics: [] },
    status: { phase: o.phase ?? 'Running', metricResults: o.results ?? [] },
  } as unknown as AnalysisRun;
}
