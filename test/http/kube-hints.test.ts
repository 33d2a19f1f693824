import { describe, expect, it } from 'vitest';
import { buildHints, hintFor, type DeliveredEvent } from '../../src/http/hooks/index.js';

type Obj = DeliveredEvent['object'];

function anObject(
  kind: string,
  apiVersion: string,
  overrides: {
    name?: string;
    namespace?: string;
    owners?: Array<{ kind: string; apiVersion: string; name: string; controller?: boolean }>;
    annotations?: Record<string, string>;
  } = {},
): Obj {
  return {
    apiVersion,
    kind,
    metadata: {
      name: overrides.name ?? 'obj',
      ...(overrides.namespace === '' ? {} : { namespace: overrides.namespace ?? 'default' }),
      ...(overrides.owners ? { ownerReferences: overrides.owners } : {}),
      ...(overrides.annotations ? { annotations: overrides.annotations } : {}),
    },
  };
}

const ARGO = 'argoproj.io/v1alpha1';
const byRollout = [{ kind: 'Rollout', apiVersion: ARGO, name: 'web', controller: true }];
const byExperiment = [{ kind: 'Experiment', apiVersion: ARGO, name: 'exp', controller: true }];

describe('hintFor', () => {
  it.each<[string, Obj, ReturnType<typeof hintFor>]>([
    [
      'a Rollout names itself',
      anObject('Rollout', ARGO, { name: 'web' }),
      { kind: 'Rollout', namespace: 'default', name: 'web' },
    ],
    ['a Rollout of another group is not ours', anObject('Rollout', 'example.com/v1'), undefined],
    [
      'a ReplicaSet names its Rollout',
      anObject('ReplicaSet', 'apps/v1', { owners: byRollout }),
      { kind: 'Rollout', namespace: 'default', name: 'web' },
    ],
    [
      'a job metric’s Job names its AnalysisRun',
      anObject('Job', 'batch/v1', {
        owners: [{ kind: 'AnalysisRun', apiVersion: ARGO, name: 'run-1', controller: true }],
      }),
      { kind: 'AnalysisRun', namespace: 'default', name: 'run-1' },
    ],
    [
      'a Job of something else is not ours',
      anObject('Job', 'batch/v1', {
        owners: [{ kind: 'CronJob', apiVersion: 'batch/v1', name: 'c', controller: true }],
      }),
      undefined,
    ],
    [
      'a Deployment names itself (a workloadRef may point at it)',
      anObject('Deployment', 'apps/v1', { name: 'd' }),
      { kind: 'Deployment', namespace: 'default', name: 'd' },
    ],
    [
      'a Deployment’s ReplicaSet is not ours',
      anObject('ReplicaSet', 'apps/v1', {
        owners: [{ kind: 'Deployment', apiVersion: 'apps/v1', name: 'd', controller: true }],
      }),
      undefined,
    ],
    [
      'an AnalysisRun names its Rollout',
      anObject('AnalysisRun', ARGO, { owners: byRollout }),
      { kind: 'Rollout', namespace: 'default', name: 'web' },
    ],
    [
      'an Experiment’s AnalysisRun names the Experiment',
      anObject('AnalysisRun', ARGO, {
        owners: [{ kind: 'Experiment', apiVersion: ARGO, name: 'exp', controller: true }],
      }),
      { kind: 'Experiment', namespace: 'default', name: 'exp' },
    ],
    [
      'a standalone AnalysisRun names itself',
      anObject('AnalysisRun', ARGO, { name: 'ar' }),
      { kind: 'AnalysisRun', namespace: 'default', name: 'ar' },
    ],
    [
      'a standalone Experiment names itself',
      anObject('Experiment', ARGO, { name: 'exp' }),
      { kind: 'Experiment', namespace: 'default', name: 'exp' },
    ],
    [
      'a managed Service names its Rollout',
      anObject('Service', 'v1', {
        annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'web' },
      }),
      { kind: 'Rollout', namespace: 'default', name: 'web' },
    ],
    ['an unmanaged Service is not ours', anObject('Service', 'v1'), undefined],
    [
      'an Experiment template ReplicaSet names its Experiment',
      anObject('ReplicaSet', 'apps/v1', { owners: byExperiment }),
      { kind: 'Experiment', namespace: 'default', name: 'exp' },
    ],
    [
      'an Experiment template Service names its Experiment',
      anObject('Service', 'v1', { owners: byExperiment }),
      { kind: 'Experiment', namespace: 'default', name: 'exp' },
    ],
    [
      'a Pod names its ReplicaSet',
      anObject('Pod', 'v1', {
        owners: [{ kind: 'ReplicaSet', apiVersion: 'apps/v1', name: 'web-6f8d', controller: true }],
      }),
      { kind: 'ReplicaSet', namespace: 'default', name: 'web-6f8d' },
    ],
    ['a bare Pod is not ours', anObject('Pod', 'v1'), undefined],
    [
      'a cluster-scoped object is not ours',
      anObject('Rollout', ARGO, { namespace: '' }),
      undefined,
    ],
    ['other kinds are not ours', anObject('ConfigMap', 'v1'), undefined],
  ])('%s', (_what, object, expected) => {
    expect(hintFor(object)).toEqual(expected);
  });

  it('prefers the controller owner over another owner of the same kind', () => {
    const o = anObject('ReplicaSet', 'apps/v1', {
      owners: [{ kind: 'Rollout', apiVersion: ARGO, name: 'other' }, ...byRollout],
    });
    expect(hintFor(o)?.name).toBe('web');
  });
});

describe('buildHints', () => {
  it('names each Rollout once however many of its objects changed', () => {
    const events: DeliveredEvent[] = [
      { type: 'MODIFIED', object: anObject('Rollout', ARGO, { name: 'web' }) },
      { type: 'ADDED', object: anObject('ReplicaSet', 'apps/v1', { owners: byRollout }) },
      { type: 'MODIFIED', object: anObject('Rollout', ARGO, { name: 'api' }) },
    ];
    expect(buildHints(events)).toEqual([
      { kind: 'Rollout', namespace: 'default', name: 'web' },
      { kind: 'Rollout', namespace: 'default', name: 'api' },
    ]);
  });

  it('an AnalysisRun or Experiment a Rollout owns wakes itself and the Rollout', () => {
    const events: DeliveredEvent[] = [
      {
        type: 'MODIFIED',
        object: anObject('Experiment', ARGO, { name: 'exp', owners: byRollout }),
      },
      {
        type: 'MODIFIED',
        object: anObject('AnalysisRun', ARGO, { name: 'run', owners: byRollout }),
      },
    ];
    expect(buildHints(events)).toEqual([
      { kind: 'Experiment', namespace: 'default', name: 'exp' },
      { kind: 'Rollout', namespace: 'default', name: 'web' },
      { kind: 'AnalysisRun', namespace: 'default', name: 'run' },
    ]);
  });
});
