import type { AnalysisRunSpec, Metric } from '../../../domain/index.js';

/** A lookup that can fail with a spec error (reported as `Analysis spec invalid: <error>`). */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Upstream matches rule names with Go's unanchored `regexp.MatchString` and ignores a pattern that
 * does not compile (it simply matches nothing), so `.*`, `^error-` and plain names all work.
 */
function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return false;
  }
}

/** Each rule must match at least one metric; later rules win for a metric several rules match. */
function matchRules<R extends { metricName: string }>(
  field: string,
  rules: readonly R[] | undefined,
  metrics: readonly Metric[],
): Checked<Map<string, R>> {
  const byMetric = new Map<string, R>();
  for (const [index, rule] of (rules ?? []).entries()) {
    const hits = metrics.filter((m) => matches(rule.metricName, m.name));
    if (hits.length === 0)
      return { ok: false, error: `${field}[${index}]: Rule didn't match any metric name(s)` };
    for (const m of hits) byMetric.set(m.name, rule);
  }
  return { ok: true, value: byMetric };
}

/** Names of the metrics run in dry-run mode (`spec.dryRun[].metricName` regexes, spec §2.5). */
export function dryRunMetricNames(
  spec: Pick<AnalysisRunSpec, 'metrics' | 'dryRun'>,
): Checked<ReadonlySet<string>> {
  const matched = matchRules('dryRun', spec.dryRun, spec.metrics);
  return matched.ok ? { ok: true, value: new Set(matched.value.keys()) } : matched;
}

/** Per-metric measurement retention limits from `spec.measurementRetention` (limit ≤ 0 keeps the default). */
export function measurementLimits(
  spec: Pick<AnalysisRunSpec, 'metrics' | 'measurementRetention'>,
): Checked<ReadonlyMap<string, number>> {
  const matched = matchRules('measurementRetention', spec.measurementRetention, spec.metrics);
  if (!matched.ok) return matched;
  const limits = new Map<string, number>();
  for (const [name, rule] of matched.value) if (rule.limit > 0) limits.set(name, rule.limit);
  return { ok: true, value: limits };
}
