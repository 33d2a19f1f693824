import type { AnalysisRunSpec, Metric } from '../../../domain/index.js';
import { parseMetricDuration } from './durations.js';
import {
  consecutiveSuccessLimitOf,
  failureLimitOf,
  inconclusiveLimitOf,
  intValue,
} from './metric-fields.js';
import { dryRunMetricNames, measurementLimits } from './metric-rules.js';

/** Prefix of the run message when its spec cannot be run (upstream `Analysis spec invalid: …`). */
export const SPEC_INVALID_PREFIX = 'Analysis spec invalid: ';

/**
 * The first problem with an AnalysisRun spec (spec §2.1), or `undefined` when it can run: the
 * metrics themselves, then the dry-run and measurement-retention rules (each must match a metric).
 */
export function validateRunSpec(
  spec: Pick<AnalysisRunSpec, 'metrics' | 'dryRun' | 'measurementRetention'>,
): string | undefined {
  const metricsError = validateMetrics(spec.metrics);
  if (metricsError !== undefined) return metricsError;
  const dryRun = dryRunMetricNames(spec);
  if (!dryRun.ok) return dryRun.error;
  const retention = measurementLimits(spec);
  return retention.ok ? undefined : retention.error;
}

/** Upstream `ValidateMetrics`: `no metrics specified`, duplicate names, then each metric. */
export function validateMetrics(metrics: readonly Metric[] | undefined): string | undefined {
  if (!metrics || metrics.length === 0) return 'no metrics specified';
  const seen = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    if (seen.has(metric.name)) return `metrics[${i}]: duplicate name '${metric.name}'`;
    seen.add(metric.name);
    const error = validateMetric(metric);
    if (error !== undefined) return `metrics[${i}]: ${error}`;
  }
  return undefined;
}

/** One metric's limits, count, durations and provider, in upstream's order of checks. */
export function validateMetric(metric: Metric): string | undefined {
  const count = intValue(metric.count);
  const failureLimit = failureLimitOf(metric);
  const inconclusiveLimit = inconclusiveLimitOf(metric);
  const successLimit = consecutiveSuccessLimitOf(metric);
  if (count > 0) {
    // failureLimit −1 disables failures; then only the consecutive successes must fit in count.
    if (failureLimit >= 0 && successLimit >= 0 && count < failureLimit + successLimit) {
      return successLimit > 0
        ? 'count must be >= failureLimit + consecutiveSuccessLimit'
        : 'count must be >= failureLimit';
    }
    if (count < successLimit) return 'count must be >= consecutiveSuccessLimit';
    if (count < inconclusiveLimit) return 'count must be >= inconclusiveLimit';
  }
  if (count > 1 && !metric.interval) return 'interval must be specified when count > 1';
  if (metric.interval) {
    const interval = parseMetricDuration(metric.interval);
    if (!interval.ok) return `invalid interval string: ${interval.error}`;
  }
  if (metric.initialDelay) {
    const delay = parseMetricDuration(metric.initialDelay);
    if (!delay.ok) return `invalid startDelay string: ${delay.error}`;
  }
  if (successLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (failureLimit < -1) return 'failureLimit must be >= -1';
  if (failureLimit === -1 && successLimit === 0)
    return 'failureLimit and consecutiveSuccessLimit cannot both be disabled';
  if (inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  if (metric.consecutiveErrorLimit !== undefined && intValue(metric.consecutiveErrorLimit) < 0)
    return 'consecutiveErrorLimit must be >= 0';
  return validateProvider(metric.provider);
}

function validateProvider(provider: Record<string, unknown> | undefined): string | undefined {
  const configured = Object.values(provider ?? {}).filter(
    (v) => v !== undefined && v !== null,
  ).length;
  if (configured === 0) return 'no provider specified';
  return configured > 1 ? 'multiple providers specified' : undefined;
}
