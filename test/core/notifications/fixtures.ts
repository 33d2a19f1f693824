import type { AnalysisRun } from '../../../src/domain/analysis.js';
import type { Rollout } from '../../../src/domain/rollout.js';
import { aRollout } from '../../support/builders/index.js';

/** `argo-rollouts-notification-configmap` as the API server returns it. */
export function aConfigMap(data: Record<string, string>): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'argo-rollouts-notification-configmap', namespace: 'argo-rollouts' },
    data,
  };
}

/** `argo-rollouts-notification-secret` with `data` base64-encoded, as the API server returns it. */
export function aSecret(values: Record<string, string>): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'argo-rollouts-notification-secret', namespace: 'argo-rollouts' },
    type: 'Opaque',
    data: Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
  };
}

export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const UID = '8e1c3a52-5b5e-4bb1-9a63-0f4a8d2b7c11';

/** A canary Rollout paused at step 2 of 4 in revision 3, as a reconcile leaves it. */
export function aPausedRollout(
  annotations: Record<string, string> = {},
  labels: Record<string, string> = {},
): Rollout {
  return aRollout({
    metadata: {
      uid: UID,
      generation: 3,
      labels: { app: 'guestbook', ...labels },
      annotations: { 'rollout.argoproj.io/revision': '3', ...annotations },
    },
    image: 'argoproj/rollouts-demo:yellow',
    status: {
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentPodHash: '6d9f8b7c5',
      stableRS: '5f7c9d8b6',
      currentStepIndex: 1,
      replicas: 5,
      readyReplicas: 5,
      updatedReplicas: 1,
      availableReplicas: 5,
      pauseConditions: [{ reason: 'CanaryPauseStep', startTime: '2026-03-01T11:58:00Z' }],
    },
  });
}

/** An AnalysisRun of a Rollout's pod hash and revision, created `minute` minutes past 11:00. */
export function anAnalysisRun(o: {
  name: string;
  podHash?: string;
  revision?: string;
  minute: number;
  phase: string;
  message?: string;
}): AnalysisRun {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name: o.name,
      namespace: 'default',
      creationTimestamp: new Date(Date.UTC(2026, 2, 1, 11, o.minute)).toISOString(),
      labels: { 'rollouts-pod-template-hash': o.podHash ?? '6d9f8b7c5' },
      annotations: { 'rollout.argoproj.io/revision': o.revision ?? '3' },
    },
    spec: { metrics: [] },
    status: {
      phase: o.phase,
      ...(o.message ? { message: o.message } : {}),
    },
  } as AnalysisRun;
}
