import { describe, expect, it } from 'vitest';
import { buildClaim } from '../../src/controller/claim-patch.js';
import type { Action } from '../../src/core/rollout/plan-types.js';
import { OWN } from '../../src/domain/index.js';

const revision = (n: string): Action => ({
  kind: 'patchRollout',
  patch: { metadata: { annotations: { 'rollout.argoproj.io/revision': n } } },
});

describe('buildClaim: annotation-only Rollout patches ride on the claim write', () => {
  it('folds them into the guarded claim, later values winning, and keeps the other actions in order', () => {
    const scale: Action = {
      kind: 'patchReplicaSet',
      name: 'shop-abc',
      patch: { spec: { replicas: 2 } },
    };
    const claim = buildClaim(
      [
        revision('2'),
        scale,
        {
          kind: 'patchRollout',
          patch: { metadata: { annotations: { [OWN.managedServices]: null } } },
        },
        revision('3'),
      ],
      '41',
      1_765_000_000_000,
    );
    expect(claim.patch).toEqual({
      metadata: {
        resourceVersion: '41',
        annotations: {
          [OWN.claim]: '1765000000000',
          'rollout.argoproj.io/revision': '3',
          [OWN.managedServices]: null,
        },
      },
    });
    expect(claim.rest).toEqual([scale]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['a spec change', { spec: { replicas: 1 } }],
    [
      'annotations with a spec change',
      { metadata: { annotations: { a: 'b' } }, spec: { paused: true } },
    ],
    ['labels', { metadata: { labels: { a: 'b' } } }],
    ['a non-string annotation value', { metadata: { annotations: { a: 1 } } }],
  ])('leaves %s as an action of its own', (_what, patch) => {
    const action: Action = { kind: 'patchRollout', patch };
    const claim = buildClaim([action], '7', 0);
    expect(claim.rest).toEqual([action]);
    expect(claim.patch.metadata.annotations).toEqual({ [OWN.claim]: '0' });
  });
});
