import { isoTime } from '../../domain/time.js';
import type { Experiment, ExperimentStatus } from '../../domain/experiment.js';
import type {
  ExperimentAction,
  ExperimentEvent,
  ExperimentPlan,
  ObservedExperiment,
} from './experiment-types.js';

/** The working state of one Experiment planning pass: what was observed, and the plan being built. */
export interface ExperimentContext {
  o: ObservedExperiment;
  ex: Experiment;
  now: number;
  nowIso: string;
  prev: ExperimentStatus;
  status: ExperimentStatus;
  actions: ExperimentAction[];
  events: ExperimentEvent[];
  wakeAt: number[];
}

export function newExperimentContext(o: ObservedExperiment): ExperimentContext {
  const prev = o.experiment.status ?? {};
  return {
    o,
    ex: o.experiment,
    now: o.now,
    nowIso: isoTime(o.now),
    prev,
    status: structuredClone(prev),
    actions: [],
    events: [],
    wakeAt: [],
  };
}

export function toExperimentPlan(ctx: ExperimentContext, reason: string): ExperimentPlan {
  const next = ctx.wakeAt.filter((t) => Number.isFinite(t)).sort((a, b) => a - b)[0];
  return {
    actions: ctx.actions,
    status: ctx.status,
    events: ctx.events,
    ...(next !== undefined ? { nextReconcileAt: Math.max(next, ctx.now) } : {}),
    reason,
  };
}
