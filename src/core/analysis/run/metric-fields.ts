import type {
  AnalysisRun,
  IntOrString,
  Measurement,
  Metric,
  MetricResult,
} from '../../../domain/index.js';

/** Measurements kept per metric unless a `measurementRetention` rule says otherwise (spec §2.4). */
export const DEFAULT_MEASUREMENT_HISTORY_LIMIT = 10;
/** Errors tolerated in a row before the metric is Error (spec §2.1, §10.11: the 5th error fails). */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** An Error measurement is retried after 10 s, whatever the metric's interval (spec §2.4). */
export const ERROR_RETRY_INTERVAL_MS = 10_000;

/** An int-or-string as upstream's `IntValue()` reads it: strings that are not base-10 ints are 0. */
export function intValue(v: IntOrString | undefined, fallback = 0): number {
  if (v === undefined || v === null) return fallback;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : 0;
  return /^[+-]?[0-9]+$/.test(v) ? Number.parseInt(v, 10) : 0;
}

/** Measurements to take: unset/0 without interval is one; unset/0 with interval is unbounded. */
export function effectiveCount(metric: Metric): number | undefined {
  const count = intValue(metric.count);
  if (count !== 0) return count;
  return metric.interval ? undefined : 1;
}

export function failureLimitOf(metric: Metric): number {
  return intValue(metric.failureLimit);
}

export function inconclusiveLimitOf(metric: Metric): number {
  return intValue(metric.inconclusiveLimit);
}

export function consecutiveErrorLimitOf(metric: Metric): number {
  return intValue(metric.consecutiveErrorLimit, DEFAULT_CONSECUTIVE_ERROR_LIMIT);
}

export function consecutiveSuccessLimitOf(metric: Metric): number {
  return intValue(metric.consecutiveSuccessLimit);
}

export function findResult(run: AnalysisRun, name: string): MetricResult | undefined {
  return run.status?.metricResults?.find((r) => r.name === name);
}

export function lastMeasurement(result: MetricResult | undefined): Measurement | undefined {
  return result?.measurements?.at(-1);
}

/** Milliseconds of a status timestamp; `undefined` when absent or unreadable. */
export function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
