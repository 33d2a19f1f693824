import { describe, expect, it } from 'vitest';
import {
  buildAntiAffinityTerm,
  withInjectedAntiAffinity,
} from '../../../src/core/rollout/anti-affinity.js';
import { planRollout } from '../../../src/core/rollout/plan-rollout.js';
import type { Action } from '../../../src/core/rollout/plan-types.js';
import {
  computePodTemplateHash,
  computeStepsHash,
  findNewReplicaSet,
  isInjectedAntiAffinityTerm,
  templatesEqual,
} from '../../../src/core/rollout/template/index.js';
import { LABELS, type CanaryStrategy, type ReplicaSet } from '../../../src/domain/index.js';
import { aRollout, anRs, observe } from './plan-builders.js';

const REQUIRED = { requiredDuringSchedulingIgnoredDuringExecution: {} };
const PREFERRED = { preferredDuringSchedulingIgnoredDuringExecution: { weight: 40 } };
const term = buildAntiAffinityTerm('stable1', 'default');
const zoneTerm = {
  labelSelector: { matchLabels: { app: 'db' } },
  topologyKey: 'topology.kubernetes.io/zone',
};

function affinityOf(rs: ReplicaSet): unknown {
  return rs.spec.template?.spec?.affinity;
}

describe('buildAntiAffinityTerm', () => {
  it('has the shape template matching strips', () => {
    expect(term).toEqual({
      labelSelector: {
        matchExpressions: [{ key: LABELS.podTemplateHash, operator: 'In', values: ['stable1'] }],
      },
      namespaces: ['default'],
      topologyKey: 'kubernetes.io/hostname',
    });
    expect(isInjectedAntiAffinityTerm(term)).toBe(true);
  });
});

describe('withInjectedAntiAffinity', () => {
  it.each<[string, CanaryStrategy['antiAffinity'], string | undefined, unknown]>([
    [
      'required, update in progress',
      REQUIRED,
      'stable1',
      { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } },
    ],
    [
      'preferred, update in progress',
      PREFERRED,
      'stable1',
      {
        podAntiAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 40, podAffinityTerm: term }],
        },
      },
    ],
    ['no antiAffinity', undefined, 'stable1', undefined],
    ['no stable RS (initial deploy)', REQUIRED, undefined, undefined],
    ['stable is the new RS', REQUIRED, 'new1', undefined],
  ])('%s', (_n, antiAffinity, stableHash, expected) => {
    const rollout = aRollout({ canary: antiAffinity ? { antiAffinity } : {} });
    const rs = anRs({ hash: 'new1' });
    const out = withInjectedAntiAffinity(rs, rollout, stableHash);
    expect(affinityOf(out)).toEqual(expected);
    expect(affinityOf(rs)).toBeUndefined(); // the input is not mutated
  });

  it('keeps the user affinity and appends after the user terms', () => {
    const rs = anRs({ hash: 'new1' });
    const nodeAffinity = {
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] },
    };
    rs.spec.template = {
      ...rs.spec.template,
      spec: {
        affinity: {
          nodeAffinity,
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm] },
        },
      },
    };
    const out = withInjectedAntiAffinity(
      rs,
      aRollout({ canary: { antiAffinity: REQUIRED } }),
      'stable1',
    );
    expect(affinityOf(out)).toEqual({
      nodeAffinity,
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [zoneTerm, term] },
    });
  });
});

describe('anti-affinity through planRollout', () => {
  const v1 = aRollout({ image: 'demo:v1' });
  const stableHash = computePodTemplateHash(v1.spec.template ?? {});
  const stableRS = anRs({ hash: stableHash, replicas: 3 });
  stableRS.spec.template = structuredClone(v1.spec.template);
  const status = {
    stableRS: stableHash,
    currentPodHash: stableHash,
    currentStepHash: computeStepsHash(v1.spec.strategy?.canary?.steps),
    currentStepIndex: 2,
  };

  const created = (actions: Action[]) =>
    actions.flatMap((a) => (a.kind === 'createReplicaSet' ? [a.replicaSet] : []));

  it.each([
    ['required', REQUIRED],
    ['preferred', PREFERRED],
  ])(
    '(%s) injects the term at creation, and the next reconcile finds the same RS',
    (_n, antiAffinity) => {
      const v2 = aRollout({ image: 'demo:v2', canary: { antiAffinity }, status });
      const first = planRollout(observe(v2, [stableRS]));
      const [newRS] = created(first.actions);
      expect(newRS).toBeDefined();
      if (!newRS) return;
      expect(JSON.stringify(affinityOf(newRS))).toContain(stableHash);

      const second = planRollout(observe({ ...v2, status: first.status }, [stableRS, newRS]));
      expect(created(second.actions)).toEqual([]);
      expect(second.status.currentPodHash).toBe(newRS.metadata.labels?.[LABELS.podTemplateHash]);

      // Also without the hash label to go by (an RS from another hash implementation): semantic match.
      const foreign = structuredClone(newRS);
      foreign.metadata.labels = {
        ...foreign.metadata.labels,
        [LABELS.podTemplateHash]: 'foreign1',
      };
      expect(templatesEqual(v2.spec.template ?? {}, foreign.spec.template ?? {}, foreign)).toBe(
        true,
      );
      expect(findNewReplicaSet(v2, [stableRS, foreign])).toBe(foreign);
    },
  );
});
