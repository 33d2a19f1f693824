import type { AnalysisRun, AnalysisRunStatus, MetricResult } from '../../../domain/index.js';
import type { ProviderOutcome } from '../../../domain/provider-outcome.js';
import { isCompletedAnalysisPhase } from '../../../domain/phase.js';
import { isoTime } from '../../../domain/time.js';
import { assessRun } from './assess.js';
import type { Evaluate } from './conditions.js';
import { dryRunMetricNames } from './metric-rules.js';
import { applyOutcome } from './record.js';
import { trimMeasurements, type TrimmedMetric } from './retention.js';
import { dueMeasurements, nextMeasurementAt, type DueMeasurement } from './schedule.js';
import { isTerminating } from './terminating.js';
import { ttlExpiresAt } from './ttl.js';
import { SPEC_INVALID_PREFIX, validateRunSpec } from './validate-run.js';

/** What to record for an in-flight measurement stopped because the run terminates (upstream wording). */
export const TERMINATED_OUTCOME: ProviderOutcome = {
  kind: 'decided',
  phase: 'Successful',
  message: 'Metric Terminated',
};

/**
 * First half of a reconcile (spec §2.4): the measurements to take or resume now, and the status
 * with `startedAt` set. A completed run has nothing due; an invalid spec ends the run in Error.
 */
export function planRunStep(
  run: AnalysisRun,
  now: number,
): { due: DueMeasurement[]; status: AnalysisRunStatus } {
  const status = run.status ?? {};
  if (isCompletedAnalysisPhase(status.phase)) return { due: [], status };
  const invalid = validateRunSpec(run.spec);
  if (invalid !== undefined)
    return { due: [], status: buildErrorStatus(status, SPEC_INVALID_PREFIX + invalid, now) };
  const started: AnalysisRunStatus = { ...status, startedAt: status.startedAt ?? isoTime(now) };
  return { due: dueMeasurements({ ...run, status: started }, now), status: started };
}

export interface RunStepResult {
  status: AnalysisRunStatus;
  /** When to reconcile again: the next measurement, at once when siblings must stop, or the TTL. */
  nextReconcileAt?: number;
  /** Metrics whose measurement history was cut (for the providers' garbage-collection hooks). */
  trimmed: TrimmedMetric[];
}

/**
 * Second half of a reconcile: records the outcomes of the due measurements (keyed by metric
 * name), assesses the run, trims histories and picks the next reconcile time. Pure: `now` is given.
 */
export function completeRunStep(
  run: AnalysisRun,
  outcomes: ReadonlyMap<string, ProviderOutcome>,
  evaluate: Evaluate,
  now: number,
): RunStepResult {
  const prior = run.status ?? {};
  if (isCompletedAnalysisPhase(prior.phase)) return finish(run, prior);
  const invalid = validateRunSpec(run.spec);
  if (invalid !== undefined)
    return finish(run, buildErrorStatus(prior, SPEC_INVALID_PREFIX + invalid, now));

  const results = recordOutcomes(run, outcomes, evaluate, now);
  const wasTerminating = isTerminating(run);
  const assessed = assessRun({ ...run, status: { ...prior, metricResults: results } }, now);
  const trim = trimMeasurements(assessed.metricResults, run.spec);
  const phaseChanged = assessed.phase !== prior.phase;
  const { message: previousMessage, completedAt: _completedAt, ...rest } = prior;
  // Upstream only rewrites the message when the phase changes.
  const message = phaseChanged ? assessed.message : previousMessage;
  const status: AnalysisRunStatus = {
    ...rest,
    phase: assessed.phase,
    ...(message !== undefined ? { message } : {}),
    startedAt: assessed.startedAt,
    ...(assessed.completedAt !== undefined ? { completedAt: assessed.completedAt } : {}),
    runSummary: assessed.runSummary,
    dryRunSummary: assessed.dryRunSummary,
    metricResults: trim.ok ? trim.value.metricResults : assessed.metricResults,
  };
  const trimmed = trim.ok ? trim.value.trimmed : [];
  if (isCompletedAnalysisPhase(status.phase)) return { ...finish(run, status), trimmed };
  // A metric just stopped the run: reconcile again at once so siblings are stopped and assessed.
  if (assessed.terminating && !wasTerminating) return { status, nextReconcileAt: now, trimmed };
  const next = nextMeasurementAt({ ...run, status }, now);
  return {
    status,
    ...(next !== undefined ? { nextReconcileAt: Math.max(next, now) } : {}),
    trimmed,
  };
}

/** Ends the run in Error with `message` (invalid spec, unresolvable arguments). */
export function buildErrorStatus(
  status: AnalysisRunStatus,
  message: string,
  now: number,
): AnalysisRunStatus {
  return { ...status, phase: 'Error', message, completedAt: status.completedAt ?? isoTime(now) };
}

function recordOutcomes(
  run: AnalysisRun,
  outcomes: ReadonlyMap<string, ProviderOutcome>,
  evaluate: Evaluate,
  now: number,
): MetricResult[] {
  const dryRun = dryRunMetricNames(run.spec);
  const results = [...(run.status?.metricResults ?? [])];
  for (const metric of run.spec.metrics) {
    const outcome = outcomes.get(metric.name);
    if (outcome === undefined) continue;
    const index = results.findIndex((r) => r.name === metric.name);
    const prior = index >= 0 ? results[index] : undefined;
    if (isCompletedAnalysisPhase(prior?.phase)) continue;
    const recorded = applyOutcome(prior, metric, outcome, evaluate, now);
    const next =
      dryRun.ok && dryRun.value.has(metric.name) && recorded.dryRun !== true
        ? { ...recorded, dryRun: true }
        : recorded;
    if (index >= 0) results[index] = next;
    else results.push(next);
  }
  return results;
}

/** A completed run only waits for its TTL. */
function finish(run: AnalysisRun, status: AnalysisRunStatus): RunStepResult {
  const expires = ttlExpiresAt({ ...run, status });
  return { status, ...(expires !== undefined ? { nextReconcileAt: expires } : {}), trimmed: [] };
}
