import { expect } from 'vitest';
import { templateHashOf } from '../../support/builders/index.js';
import type { PlanEnd } from '../../../src/core/rollout/plan-end.js';
import type { Action, ObservedRollout, Plan } from '../../../src/core/rollout/plan-types.js';
import type {
  Pod,
  ReplicaSet,
  Rollout,
  RolloutStatus,
  Service,
} from '../../../src/domain/index.js';

/** v1 and v2 of one Rollout (only the image differs), their template hashes, and their roles. */
export function twoVersions(at: (image: string) => Rollout) {
  const v1 = at('demo:v1');
  const v2 = at('demo:v2');
  const STABLE = templateHashOf(v1);
  const NEW = templateHashOf(v2);
  return { v1, v2, STABLE, NEW, roles: { [STABLE]: 'stable', [NEW]: 'new' } };
}

export const NOW = Date.parse('2026-12-07T03:00:00Z');
export const secondsAgo = (s: number) => new Date(NOW - s * 1000).toISOString();

/** What one reconcile observed: the Rollout, its ReplicaSets, and any Services or pods. */
export function observed(
  rollout: Rollout,
  replicaSets: ReplicaSet[],
  o: { services?: Service[]; pods?: Pod[] } = {},
): ObservedRollout {
  return {
    rollout,
    replicaSets,
    services: new Map((o.services ?? []).map((s) => [s.metadata.name, s])),
    ...(o.pods ? { pods: o.pods } : {}),
    now: NOW,
  };
}

function patchedReplicas(patch: Record<string, unknown>): unknown {
  return (patch.spec as { replicas?: unknown } | undefined)?.replicas;
}

function patchedSelector(patch: Record<string, unknown>): unknown {
  const spec = patch.spec as { selector?: Record<string, unknown> } | undefined;
  return spec?.selector?.['rollouts-pod-template-hash'];
}

function describeAction(a: Action): string {
  switch (a.kind) {
    case 'createReplicaSet':
      return `create ${a.replicaSet.metadata.name}`;
    case 'patchReplicaSet': {
      const to = patchedReplicas(a.patch);
      return to === undefined ? `annotate ${a.name}` : `scale ${a.name} to ${String(to)}`;
    }
    case 'patchService':
      return `point ${a.name} at ${String(patchedSelector(a.patch))}`;
    case 'evictPod':
      return `evict ${a.name}`;
    case 'patchRollout':
      return 'patch rollout';
    default:
      return a.kind;
  }
}

/**
 * The plan's actions in words, with each pod-template hash replaced by its role (`new`,
 * `stable`), so a row reads "scale guestbook-new to 1".
 */
export function actionsOf(plan: Plan, roles: Record<string, string>): string[] {
  return plan.actions.map((a) =>
    Object.entries(roles).reduce(
      (text, [hash, role]) => text.split(hash).join(role),
      describeAction(a),
    ),
  );
}

/** What a row expects of the plan besides its end: the actions in words, and status fields. */
export interface Expected {
  actions: string[];
  status?: Partial<RolloutStatus>;
}

/** One table row: what the reconcile observed → why the plan ends there, what it does, records. */
export type Row = [title: string, given: () => ObservedRollout, end: PlanEnd, expected: Expected];

export function expectPlan(
  plan: Plan,
  end: PlanEnd,
  expected: Expected,
  roles: Record<string, string>,
): void {
  expect(plan.end).toBe(end);
  expect(actionsOf(plan, roles)).toEqual(expected.actions);
  if (expected.status) expect(plan.status).toMatchObject(expected.status);
}
