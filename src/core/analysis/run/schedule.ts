import type { AnalysisRun, Measurement, Metric, MetricResult } from '../../../domain/index.js';
import { isCompletedAnalysisPhase } from '../../../domain/phase.js';
import { parseMetricDuration } from './durations.js';
import {
  ERROR_RETRY_INTERVAL_MS,
  effectiveCount,
  findResult,
  lastMeasurement,
  timeOf,
} from './metric-fields.js';
import { isTerminating } from './terminating.js';

/** A measurement to take (`run`) or an in-flight one to resume (`resume`) in this reconcile. */
export interface DueMeasurement {
  metric: Metric;
  kind: 'run' | 'resume';
  /** Index in `metricResults[].measurements` of the measurement to resume. */
  measurementIndex?: number;
  /** The run is terminating: stop the in-flight measurement instead of resuming it. */
  terminate?: boolean;
}

/**
 * The measurements due at `now` (spec §2.4). Times are inclusive — a measurement whose time is
 * exactly `now` is due — so a reconcile at `nextMeasurementAt` always makes progress.
 */
export function dueMeasurements(run: AnalysisRun, now: number): DueMeasurement[] {
  const terminating = isTerminating(run);
  const due: DueMeasurement[] = [];
  for (const metric of run.spec.metrics) {
    const result = findResult(run, metric.name);
    if (isCompletedAnalysisPhase(result?.phase)) continue;
    const last = lastMeasurement(result);
    if (last !== undefined && last.finishedAt === undefined) {
      const resumeAt = timeOf(last.resumeAt);
      if (terminating || resumeAt === undefined || resumeAt <= now) {
        const measurementIndex = (result?.measurements?.length ?? 1) - 1;
        due.push({
          metric,
          kind: 'resume',
          measurementIndex,
          ...(terminating ? { terminate: true } : {}),
        });
      }
      continue;
    }
    if (terminating) continue;
    const at = nextNewMeasurementAt(run, metric, result, last, now);
    if (at !== undefined && at <= now) due.push({ metric, kind: 'run' });
  }
  return due;
}

/**
 * When the next reconcile has work (spec §2.4): the earliest end of an initialDelay, `resumeAt` of
 * an in-flight measurement, or last finish + interval (10 s after an Error). `undefined`: none.
 */
export function nextMeasurementAt(run: AnalysisRun, now: number): number | undefined {
  if (isCompletedAnalysisPhase(run.status?.phase)) return undefined;
  let earliest: number | undefined;
  for (const metric of run.spec.metrics) {
    const result = findResult(run, metric.name);
    if (isCompletedAnalysisPhase(result?.phase)) continue;
    const last = lastMeasurement(result);
    // Like upstream, a metric never started without a delay, or finished without an interval or
    // error to retry, asks for no requeue: it is measured on the reconcile that is happening anyway.
    if (
      last === undefined
        ? !metric.initialDelay
        : last.finishedAt !== undefined && last.phase !== 'Error' && !metric.interval
    )
      continue;
    const at =
      last !== undefined && last.finishedAt === undefined
        ? timeOf(last.resumeAt)
        : nextNewMeasurementAt(run, metric, result, last, now);
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest;
}

/** When a new measurement of `metric` may start; `undefined` when none will (count reached, bad duration). */
function nextNewMeasurementAt(
  run: AnalysisRun,
  metric: Metric,
  result: MetricResult | undefined,
  last: Measurement | undefined,
  now: number,
): number | undefined {
  if (last === undefined) {
    if (!metric.initialDelay) return now;
    const delay = parseMetricDuration(metric.initialDelay);
    // Without startedAt the run has not started yet: the delay counts from now.
    const startedAt = timeOf(run.status?.startedAt) ?? now;
    return delay.ok ? startedAt + delay.ms : undefined;
  }
  const count = effectiveCount(metric);
  if (count !== undefined && (result?.count ?? 0) >= count) return undefined;
  const finishedAt = timeOf(last.finishedAt);
  if (finishedAt === undefined) return undefined;
  if (last.phase === 'Error' || !metric.interval) return finishedAt + ERROR_RETRY_INTERVAL_MS;
  const interval = parseMetricDuration(metric.interval);
  return interval.ok ? finishedAt + interval.ms : undefined;
}
