import type { AnalysisRun, MetricResult } from '../../../domain/index.js';
import { isUnsuccessfulAnalysisPhase } from '../../../domain/phase.js';
import { dryRunMetricNames } from './metric-rules.js';

/**
 * A run is terminating when asked to (`spec.terminate`) or once any metric that is not a dry run
 * has been assessed Failed, Error or Inconclusive: siblings then stop measuring (spec §2.5).
 */
export function isTerminating(
  run: AnalysisRun,
  results: readonly MetricResult[] = run.status?.metricResults ?? [],
): boolean {
  if (run.spec.terminate === true) return true;
  const dryRun = dryRunMetricNames(run.spec);
  const isDryRun = (r: MetricResult): boolean =>
    r.dryRun === true || (dryRun.ok && dryRun.value.has(r.name));
  return results.some((r) => !isDryRun(r) && isUnsuccessfulAnalysisPhase(r.phase));
}
