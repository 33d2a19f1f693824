import { describe, expect, it } from 'vitest';
import {
  planDispatch,
  planReplicaSetOwners,
  planWorkloadRefOwners,
} from '../../../src/controller/dispatch/plan-dispatch.js';
import type { Hint } from '../../../src/domain/hint.js';
import type { ReplicaSet, Rollout } from '../../../src/domain/index.js';

const hint = (kind: Hint['kind'], name = 'shop'): Hint => ({ kind, namespace: 'prod', name });

const aReplicaSet = (
  owners: Array<{ kind: string; name: string; controller?: boolean }>,
): ReplicaSet =>
  ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'shop-6c9f',
      namespace: 'prod',
      ownerReferences: owners.map((o) => ({ apiVersion: 'argoproj.io/v1alpha1', uid: 'u', ...o })),
    },
    spec: {},
  }) as unknown as ReplicaSet;

const aRollout = (name: string, workloadRef?: string): Rollout =>
  ({
    metadata: { name, namespace: 'prod' },
    spec: workloadRef ? { workloadRef: { kind: 'Deployment', name: workloadRef } } : {},
  }) as unknown as Rollout;

describe('planDispatch: hint → use case', () => {
  it.each([
    { kind: 'Rollout', use: 'reconcileRollout' },
    { kind: 'AnalysisRun', use: 'reconcileAnalysisRun' },
    { kind: 'Experiment', use: 'reconcileExperiment' },
    { kind: 'GitSource', use: 'syncGitSource' },
  ] as const)('$kind runs $use on itself', ({ kind, use }) => {
    expect(planDispatch(hint(kind))).toEqual({
      use,
      ref: { kind, namespace: 'prod', name: 'shop' },
    });
  });

  it.each([
    { kind: 'ReplicaSet', use: 'findReplicaSetOwner' },
    { kind: 'Deployment', use: 'findWorkloadRefOwners' },
  ] as const)('$kind only asks who owns it ($use)', ({ kind, use }) => {
    expect(planDispatch(hint(kind, 'web'))).toEqual({ use, namespace: 'prod', name: 'web' });
  });
});

describe('planReplicaSetOwners: a ReplicaSet → what it wakes', () => {
  it.each([
    {
      name: 'its controlling Rollout',
      rs: aReplicaSet([{ kind: 'Rollout', name: 'shop', controller: true }]),
      wakes: [{ kind: 'Rollout', namespace: 'prod', name: 'shop' }],
    },
    {
      name: 'its controlling Experiment',
      rs: aReplicaSet([{ kind: 'Experiment', name: 'shop-exp', controller: true }]),
      wakes: [{ kind: 'Experiment', namespace: 'prod', name: 'shop-exp' }],
    },
    {
      name: 'nothing when the Rollout is an owner but not the controller',
      rs: aReplicaSet([{ kind: 'Rollout', name: 'shop' }]),
      wakes: [],
    },
    {
      name: 'nothing when a Deployment controls it',
      rs: aReplicaSet([{ kind: 'Deployment', name: 'web', controller: true }]),
      wakes: [],
    },
    { name: 'nothing when it is gone', rs: undefined, wakes: [] },
  ])('$name', ({ rs, wakes }) => {
    expect(planReplicaSetOwners('prod', rs)).toEqual(wakes);
  });
});

describe('planWorkloadRefOwners: a Deployment → the Rollouts that reference it', () => {
  it('wakes exactly the Rollouts whose workloadRef names it', () => {
    const rollouts = [
      aRollout('a', 'web'),
      aRollout('b'),
      aRollout('c', 'api'),
      aRollout('d', 'web'),
    ];
    expect(planWorkloadRefOwners('prod', 'web', rollouts).map((h) => h.name)).toEqual(['a', 'd']);
    expect(planWorkloadRefOwners('prod', 'none', rollouts)).toEqual([]);
  });
});
