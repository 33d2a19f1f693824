import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../src/core/rollout/plan-rollout.js';
import type { Action } from '../../../src/core/rollout/plan-types.js';
import type { ReplicaSet, Rollout } from '../../../src/domain/index.js';
import { aRollout, observe } from './plan-builders.js';

/**
 * A real kube-apiserver returns objects without their zero values (`minReadySeconds: 0` is omitted):
 * a plan made from what it returns must see no change in that. Found on the real control plane
 * (issue 16), where the ReplicaSet patch this caused bumped the Rollout every reconcile, forever.
 */
function asServerReturns(rs: ReplicaSet): ReplicaSet {
  const spec = { ...rs.spec };
  if (spec.minReadySeconds === 0) delete spec.minReadySeconds;
  const n = spec.replicas ?? 1;
  return {
    ...rs,
    spec,
    status: {
      replicas: n,
      readyReplicas: n,
      availableReplicas: n,
      fullyLabeledReplicas: n,
      observedGeneration: 1,
    },
  };
}

function merge(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

/** Applies a plan's Rollout and ReplicaSet writes as the server would store and return them. */
function apply(
  rollout: Rollout,
  rss: ReplicaSet[],
  actions: Action[],
): { rollout: Rollout; rss: ReplicaSet[] } {
  let ro = rollout;
  let sets = rss;
  for (const a of actions) {
    if (a.kind === 'patchRollout') ro = merge(ro, a.patch) as Rollout;
    if (a.kind === 'createReplicaSet') sets = [...sets, asServerReturns(a.replicaSet)];
    if (a.kind === 'patchReplicaSet')
      sets = sets.map((rs) =>
        rs.metadata.name === a.name ? asServerReturns(merge(rs, a.patch) as ReplicaSet) : rs,
      );
  }
  return { rollout: ro, rss: sets };
}

describe('plans over objects as a real API server returns them', () => {
  it('a Rollout settles (no more actions) when its ReplicaSet omits minReadySeconds: 0', () => {
    let state = { rollout: aRollout(), rss: [] as ReplicaSet[] };
    let actions: Action[] = [];
    for (let i = 0; i < 6; i++) {
      const plan = planRollout(observe(state.rollout, state.rss));
      actions = plan.actions;
      state = apply({ ...state.rollout, status: plan.status }, state.rss, plan.actions);
    }
    expect(state.rss[0]?.spec.minReadySeconds).toBeUndefined();
    expect(state.rollout.status?.phase).toBe('Healthy');
    expect(actions).toEqual([]);
  });
});
