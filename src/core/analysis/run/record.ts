import type { AnalysisPhase, Measurement, Metric, MetricResult } from '../../../domain/index.js';
import type { ProviderOutcome } from '../../../domain/provider-outcome.js';
import { isoTime, isoTimeCeil } from '../../../domain/time.js';
import { phaseFromConditions, type Evaluate } from './conditions.js';

export { trimMeasurements } from './retention.js';

/**
 * Records one provider outcome on a metric's result (spec §2.3, §2.4): a value is judged by the
 * metric's conditions, `pending` stays Running until `resumeAt`, `decided` and `error` take their
 * phase. An in-flight last measurement is replaced (a resume), otherwise one is appended; counters
 * move for completed measurements only. `startedAt` (ms) is when a new measurement began.
 */
export function applyOutcome(
  result: MetricResult | undefined,
  metric: Metric,
  outcome: ProviderOutcome,
  evaluate: Evaluate,
  now: number,
  startedAt: number = now,
): MetricResult {
  const base: MetricResult = result ?? { name: metric.name, phase: 'Running' };
  const measurements = base.measurements ?? [];
  const last = measurements.at(-1);
  const inFlight = last !== undefined && last.finishedAt === undefined ? last : undefined;
  const measurement = buildMeasurement(metric, outcome, evaluate, now, inFlight, startedAt);
  const kept = inFlight ? measurements.slice(0, -1) : measurements;
  return countMeasurement({ ...base, measurements: [...kept, measurement] }, measurement.phase);
}

function buildMeasurement(
  metric: Metric,
  outcome: ProviderOutcome,
  evaluate: Evaluate,
  now: number,
  inFlight: Measurement | undefined,
  startedAt: number,
): Measurement {
  const metadata = { ...inFlight?.metadata, ...outcome.metadata };
  const common: Measurement = {
    phase: 'Running',
    startedAt: inFlight?.startedAt ?? isoTime(startedAt),
    ...(inFlight?.value !== undefined ? { value: inFlight.value } : {}),
    ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
  };
  const finishedAt = isoTime(now);
  switch (outcome.kind) {
    case 'pending':
      // Rounded up: timestamps carry whole seconds, and resuming early would only find it still busy.
      return {
        ...common,
        phase: 'Running',
        resumeAt: isoTimeCeil(outcome.resumeAt),
      };
    case 'error':
      return { ...common, phase: 'Error', message: outcome.message, finishedAt };
    case 'decided':
      return {
        ...common,
        phase: outcome.phase,
        ...(outcome.value !== undefined ? { value: outcome.value } : {}),
        ...(outcome.message !== undefined ? { message: outcome.message } : {}),
        finishedAt,
      };
    case 'value': {
      const verdict = phaseFromConditions(metric, outcome.result, evaluate);
      return {
        ...common,
        phase: verdict.phase,
        value: outcome.value,
        ...('message' in verdict ? { message: verdict.message } : {}),
        finishedAt,
      };
    }
  }
}

/** Counters per spec §2.4: Error never counts towards `count`; each streak resets on the other phases. */
function countMeasurement(r: MetricResult, phase: AnalysisPhase): MetricResult {
  if (phase === 'Running' || phase === 'Pending') return r;
  const c = {
    count: r.count ?? 0,
    successful: r.successful ?? 0,
    failed: r.failed ?? 0,
    inconclusive: r.inconclusive ?? 0,
    error: r.error ?? 0,
    consecutiveError: r.consecutiveError ?? 0,
    consecutiveSuccess: r.consecutiveSuccess ?? 0,
  };
  if (phase === 'Error')
    return {
      ...r,
      ...c,
      error: c.error + 1,
      consecutiveError: c.consecutiveError + 1,
      consecutiveSuccess: 0,
    };
  const next = {
    ...c,
    count: c.count + 1,
    consecutiveError: 0,
    consecutiveSuccess: phase === 'Successful' ? c.consecutiveSuccess + 1 : 0,
  };
  if (phase === 'Successful') next.successful += 1;
  else if (phase === 'Failed') next.failed += 1;
  else next.inconclusive += 1;
  return { ...r, ...next };
}
