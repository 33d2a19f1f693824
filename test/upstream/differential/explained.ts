/**
 * Differences every scenario may show, each understood and accepted with its reason (README:
 * "Upstream Argo Rollouts as oracle", explained differences). All are about Event reasons, which
 * compare once per scenario (trajectory.ts): the state they announce (phase, conditions, weights,
 * routed objects, AnalysisRun and Experiment phases) is compared at every point.
 */
import type { Scenario } from './harness.js';

type Explained = NonNullable<Scenario['explained']>;

const ROUTER_EVENTS =
  'CreatingCanaryIngress|PatchingCanaryIngress|TrafficWeightUpdated|TrafficSplitCreated|TrafficSplitModified|Updated VirtualService|SwitchService';

export const EXPLAINED_EVERYWHERE: Explained = [
  {
    pattern: /: events Rollout: RolloutAddedToInformer only upstream$/,
    reason:
      "upstream's controller announces each Rollout its in-memory informer cache adds; ours keeps no cache between requests",
  },
  {
    pattern: new RegExp(`: events Rollout: (${ROUTER_EVENTS}) only upstream$`),
    reason:
      "upstream's traffic routers announce each write to the Ingress, TrafficSplit, VirtualService or Service; ours writes the same objects (compared at every point) without an event per write",
  },
  {
    pattern: /: events Rollout: TrafficRoutingError only upstream$/,
    reason:
      "upstream sometimes records a failed write to the routed object (a VirtualService, seen once in CI with 12 scenarios at once) and makes it on its next reconcile; the routed object's weights are compared at every point and agree, and ours records no failure when its writes succeed",
  },
  {
    pattern: /: events Rollout: RolloutNotCompleted only upstream$/,
    reason:
      'upstream announces the Completed condition turning False; ours writes the same condition (compared at every point) without the event',
  },
  {
    pattern: /: events Rollout: AnalysisRunPending only ours$/,
    reason:
      'ours announces the AnalysisRun it creates as Pending; upstream announces a run only once the run has a phase, which a run it just created lacks',
  },
  {
    pattern: /: events Rollout: RolloutRetry only ours$/,
    reason:
      'both write the RolloutRetry condition on `retry`; ours also announces it as an event, upstream does not',
  },
  {
    pattern: /: events Rollout: (InvalidSpec|ProgressDeadlineExceeded|SkipSteps) only ours$/,
    reason:
      'ours announces the InvalidSpec and ProgressDeadlineExceeded conditions and the steps an undo to the stable revision skips; upstream writes the same conditions and steps (compared at every point) without these events',
  },
  {
    pattern: /: events Rollout: RolloutResumed only (upstream|ours)$/,
    reason:
      'upstream announces a resume when its own reconcile empties the pause conditions (promote --full, auto-promotion); ours when a pause condition it read at the start of a reconcile is gone at its end; the resulting state is compared at every point',
  },
  {
    pattern: /: events (AnalysisRun|Experiment): \S+ only (upstream|ours)$/,
    reason:
      "the events on AnalysisRun and Experiment objects themselves are each controller's own vocabulary (upstream: MetricSuccessful, AnalysisRunSuccessful, TemplateRunning…); their phases are compared at every point",
  },
];

/** Why `line` is an accepted difference in `scenario`, or undefined. */
export function explanationOf(scenario: Scenario, line: string): string | undefined {
  return [...(scenario.explained ?? []), ...EXPLAINED_EVERYWHERE].find((e) => e.pattern.test(line))
    ?.reason;
}
