import type { CanaryStep, ReplicaSet, Rollout, RolloutStatus } from '../../domain/index.js';
import { type PlanEnd, PLAN_END_TEXT } from './plan-end.js';
import type { Action, ObservedRollout, Plan, RolloutEvent } from './plan-types.js';

/** The working state of one planning pass: what was observed, and the plan being built. */
export interface PlanContext {
  o: ObservedRollout;
  rollout: Rollout;
  now: number;
  nowIso: string;
  prev: RolloutStatus;
  status: RolloutStatus;
  actions: Action[];
  events: RolloutEvent[];
  wakeAt: number[];
  replicas: number;
  steps: CanaryStep[];
  /** The ReplicaSet for the current template (possibly just planned for creation). */
  newRS?: ReplicaSet;
  newHash?: string;
  stableRS?: ReplicaSet;
  /** All ReplicaSets but the new one. */
  olderRSs: ReplicaSet[];
  /** Something moved this reconcile (resets the progress-deadline clock, spec §8.9). */
  progressed: boolean;
  /** Blue-green: the hash the active Service is switched to by this plan. */
  pendingActive?: string;
  /** Canary with traffic routing: why the routers did not get this round's weight (a setWeight step waits). */
  trafficHeld?: string;
  /** A stop switch or a fleet release held the update this reconcile (stop-switch-hold.ts). */
  held?: boolean;
}

export function emit(
  ctx: PlanContext,
  reason: string,
  message: string,
  type: 'Normal' | 'Warning' = 'Normal',
): void {
  ctx.events.push({ type, reason, message });
}

export function toPlan(ctx: PlanContext, end: PlanEnd): Plan {
  const next = ctx.wakeAt.filter((t) => Number.isFinite(t)).sort((a, b) => a - b)[0];
  return {
    actions: ctx.actions,
    status: ctx.status,
    events: ctx.events,
    ...(next !== undefined ? { nextReconcileAt: Math.max(next, ctx.now) } : {}),
    end,
    reason: PLAN_END_TEXT[end],
  };
}
