import type {
  AnalysisPhase,
  AnalysisRun,
  Metric,
  MetricResult,
  RunSummary,
} from '../../../domain/index.js';
import { isCompletedAnalysisPhase } from '../../../domain/phase.js';
import { isoTime } from '../../../domain/time.js';
import {
  consecutiveErrorLimitOf,
  consecutiveSuccessLimitOf,
  effectiveCount,
  failureLimitOf,
  inconclusiveLimitOf,
} from './metric-fields.js';
import { dryRunMetricNames } from './metric-rules.js';
import { isTerminating } from './terminating.js';

/** Best to worst (upstream `analysisStatusOrder`, spec §2.5). */
const ORDER: readonly AnalysisPhase[] = [
  'Successful',
  'Running',
  'Pending',
  'Inconclusive',
  'Error',
  'Failed',
];

export function isWorse(current: AnalysisPhase, next: AnalysisPhase): boolean {
  return ORDER.indexOf(next) > ORDER.indexOf(current);
}

type Verdict = { phase: AnalysisPhase; reason: string };

/**
 * Limits are "greater than" (failureLimit 0 ⇒ the first failure fails; −1 disables it); later
 * checks override earlier ones, so Error beats Inconclusive beats Failed (spec §2.5 step 1).
 */
export function limitBreach(metric: Metric, result: MetricResult): Verdict | undefined {
  let verdict: Verdict | undefined;
  const failed = result.failed ?? 0;
  const failureLimit = failureLimitOf(metric);
  if (failureLimit >= 0 && failed > failureLimit)
    verdict = { phase: 'Failed', reason: `failed (${failed}) > failureLimit (${failureLimit})` };
  const inconclusive = result.inconclusive ?? 0;
  const inconclusiveLimit = inconclusiveLimitOf(metric);
  if (inconclusive > inconclusiveLimit)
    verdict = {
      phase: 'Inconclusive',
      reason: `inconclusive (${inconclusive}) > inconclusiveLimit (${inconclusiveLimit})`,
    };
  const errors = result.consecutiveError ?? 0;
  const errorLimit = consecutiveErrorLimitOf(metric);
  if (errors > errorLimit)
    verdict = {
      phase: 'Error',
      reason: `consecutiveErrors (${errors}) > consecutiveErrorLimit (${errorLimit})`,
    };
  return verdict;
}

/** Steps 2–3 of spec §2.5: enough successes in a row, else what reaching `count` means. */
function successOrCountVerdict(
  metric: Metric,
  result: MetricResult,
): { phase: AnalysisPhase; reason?: string } | undefined {
  const successLimit = consecutiveSuccessLimitOf(metric);
  const streak = result.consecutiveSuccess ?? 0;
  if (successLimit > 0 && streak >= successLimit) return { phase: 'Successful' };
  const count = effectiveCount(metric);
  if (count === undefined || (result.count ?? 0) < count) return undefined;
  if (successLimit === 0) return { phase: 'Successful' };
  const short = `consecutiveSuccess (${streak}) < consecutiveSuccessLimit (${successLimit})`;
  const failureLimit = failureLimitOf(metric);
  if (failureLimit < 0) return { phase: 'Failed', reason: short };
  return {
    phase: 'Inconclusive',
    reason: `${short} and failed (${result.failed ?? 0}) <= failureLimit (${failureLimit})`,
  };
}

/** Upstream `assessMetricStatus` with consecutiveSuccessLimit (spec §2.5 steps 1–4). */
export function assessMetric(
  metric: Metric,
  result: MetricResult,
  terminating: boolean,
): AnalysisPhase {
  if (isCompletedAnalysisPhase(result.phase)) return result.phase;
  const last = result.measurements?.at(-1);
  if (last === undefined) return terminating ? 'Successful' : 'Pending';
  if (!isCompletedAnalysisPhase(last.phase)) return 'Running';
  const decided = limitBreach(metric, result) ?? successOrCountVerdict(metric, result);
  if (decided) return decided.phase;
  return terminating ? 'Successful' : 'Running';
}

/** Why a completed metric got its phase, when a limit decided it (for the run's message). */
function reasonFor(metric: Metric, result: MetricResult): string | undefined {
  return (limitBreach(metric, result) ?? successOrCountVerdict(metric, result))?.reason;
}

export interface RunAssessment {
  phase: AnalysisPhase;
  /** `Metric "<name>" assessed <Phase> due to <reason>[: "Error Message: <msg>"]`, or `Run Terminated`. */
  message?: string;
  startedAt: string;
  completedAt?: string;
  runSummary: RunSummary;
  dryRunSummary: RunSummary;
  metricResults: MetricResult[];
  /** Terminating after this assessment (spec.terminate, or a non-dry-run metric Failed/Error/Inconclusive). */
  terminating: boolean;
}

/**
 * Upstream `assessRunStatus` (spec §2.5): re-assesses each metric, then takes the worst completed
 * phase of the non-dry-run metrics; dry-run metrics only feed `dryRunSummary` and their own message.
 * Metrics are judged with the terminating state the run had before this assessment, as upstream does.
 */
export function assessRun(run: AnalysisRun, now: number): RunAssessment {
  const status = run.status ?? {};
  const dryRun = dryRunMetricNames(run.spec);
  const dryRunNames: ReadonlySet<string> = dryRun.ok ? dryRun.value : new Set();
  const terminating = isTerminating(run);
  const results = [...(status.metricResults ?? [])];
  const runSummary = emptySummary();
  const dryRunSummary = emptySummary();
  let worst: AnalysisPhase | undefined;
  let worstMessage = run.spec.terminate === true ? 'Run Terminated' : '';
  let everythingCompleted = true;

  for (const metric of run.spec.metrics) {
    const isDryRun = dryRunNames.has(metric.name);
    const summary = isDryRun ? dryRunSummary : runSummary;
    summary.count = (summary.count ?? 0) + 1;
    const index = results.findIndex((r) => r.name === metric.name);
    const found = results[index];
    if (found === undefined) {
      everythingCompleted = false; // not started yet, e.g. waiting for its initialDelay
      continue;
    }
    const phase = assessMetric(metric, found, terminating);
    let result = phase === found.phase ? found : withPhase(found, phase);
    if (isCompletedAnalysisPhase(phase)) {
      const reason = reasonFor(metric, result);
      if (isDryRun) {
        worst ??= 'Successful';
        if (reason !== undefined)
          result = { ...result, message: `Metric assessed ${phase} due to ${reason}` };
      } else if (worst === undefined || isWorse(worst, phase)) {
        worst = phase;
        if (reason !== undefined) {
          const detail = result.message ? `: "Error Message: ${result.message}"` : '';
          worstMessage = `Metric "${metric.name}" assessed ${phase} due to ${reason}${detail}`;
        }
      }
      tally(summary, phase);
    } else {
      everythingCompleted = false;
    }
    results[index] = result;
  }

  let phase: AnalysisPhase = 'Running';
  let message = '';
  if (terminating || (everythingCompleted && worst !== undefined)) {
    phase = worst ?? 'Successful';
    message = worstMessage.trim();
  }
  const completed = isCompletedAnalysisPhase(phase);
  return {
    phase,
    ...(message !== '' ? { message } : {}),
    startedAt: status.startedAt ?? isoTime(now),
    ...(completed ? { completedAt: status.completedAt ?? isoTime(now) } : {}),
    runSummary,
    dryRunSummary,
    metricResults: results,
    terminating: isTerminating(run, results),
  };
}

/** On a phase change the metric's message becomes its last measurement's (upstream). */
function withPhase(result: MetricResult, phase: AnalysisPhase): MetricResult {
  const { message: _previous, ...rest } = result;
  const message = result.measurements?.at(-1)?.message;
  return { ...rest, phase, ...(message !== undefined ? { message } : {}) };
}

function emptySummary(): RunSummary {
  return { count: 0, successful: 0, failed: 0, inconclusive: 0, error: 0 };
}

function tally(summary: RunSummary, phase: AnalysisPhase): void {
  if (phase === 'Successful') summary.successful = (summary.successful ?? 0) + 1;
  else if (phase === 'Failed') summary.failed = (summary.failed ?? 0) + 1;
  else if (phase === 'Inconclusive') summary.inconclusive = (summary.inconclusive ?? 0) + 1;
  else if (phase === 'Error') summary.error = (summary.error ?? 0) + 1;
}
