import type { AnalysisRunSpec, Measurement, MetricResult } from '../../../domain/index.js';
import { DEFAULT_MEASUREMENT_HISTORY_LIMIT } from './metric-fields.js';
import { measurementLimits, type Checked } from './metric-rules.js';

/** A metric whose history was cut: the provider's garbage-collection hook (e.g. Job deletion) runs for it. */
export interface TrimmedMetric {
  metricName: string;
  limit: number;
  removed: Measurement[];
}

/**
 * Keeps the newest measurements of each metric of the spec: 10, or the `limit` of the last
 * `measurementRetention` rule whose `metricName` regex matches it (spec §2.4). A rule matching no
 * metric is a spec error. Counters are untouched: they count every measurement ever taken.
 */
export function trimMeasurements(
  results: readonly MetricResult[],
  spec: Pick<AnalysisRunSpec, 'metrics' | 'measurementRetention'>,
): Checked<{ metricResults: MetricResult[]; trimmed: TrimmedMetric[] }> {
  const limits = measurementLimits(spec);
  if (!limits.ok) return limits;
  const names = new Set(spec.metrics.map((m) => m.name));
  const trimmed: TrimmedMetric[] = [];
  const metricResults = results.map((r) => {
    const limit = limits.value.get(r.name) ?? DEFAULT_MEASUREMENT_HISTORY_LIMIT;
    const measurements = r.measurements ?? [];
    if (!names.has(r.name) || measurements.length <= limit) return r;
    const cut = measurements.length - limit;
    trimmed.push({ metricName: r.name, limit, removed: measurements.slice(0, cut) });
    return { ...r, measurements: measurements.slice(cut) };
  });
  return { ok: true, value: { metricResults, trimmed } };
}
