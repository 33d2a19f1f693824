import type { AnalysisRunStatus, Measurement, MetricResult } from '../../../domain/analysis.js';
import { type Redact, redactDeep } from '../../../domain/redaction.js';

/**
 * The run status with `redact` applied to its free text (messages, measured values, metadata),
 * the fields a provider's answer can reach. Phases, timestamps, names and counters stay as they
 * are, so a secret that happens to read like `00` or `Failed` cannot break the status.
 */
export function redactRunStatus(status: AnalysisRunStatus, redact: Redact): AnalysisRunStatus {
  const metricResults = status.metricResults?.map((r) => redactResult(r, redact));
  return {
    ...status,
    ...(status.message !== undefined ? { message: redact(status.message) } : {}),
    ...(metricResults ? { metricResults } : {}),
  };
}

function redactResult(result: MetricResult, redact: Redact): MetricResult {
  const measurements = result.measurements?.map((m) => ({ ...m, ...redactText(m, redact) }));
  return { ...result, ...redactText(result, redact), ...(measurements ? { measurements } : {}) };
}

type FreeText = Pick<Measurement, 'message' | 'value' | 'metadata'>;

function redactText(m: FreeText, redact: Redact): FreeText {
  return {
    ...(m.message !== undefined ? { message: redact(m.message) } : {}),
    ...(m.value !== undefined ? { value: redact(m.value) } : {}),
    ...(m.metadata ? { metadata: redactDeep(m.metadata, redact) } : {}),
  };
}
