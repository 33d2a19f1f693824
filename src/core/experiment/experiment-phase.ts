import type { AnalysisPhase } from '../../domain/analysis.js';
import type {
  Experiment,
  ExperimentAnalysisRunStatus,
  ExperimentStatus,
} from '../../domain/experiment.js';
import {
  isCompletedAnalysisPhase,
  isCompletedExperimentPhase,
  isUnsuccessfulAnalysisPhase,
} from '../../domain/phase.js';
import { isWorse } from '../analysis/run/index.js';

function required(ex: Experiment, status: ExperimentStatus): ExperimentAnalysisRunStatus[] {
  const names = new Set(
    (ex.spec.analyses ?? []).filter((a) => a.requiredForCompletion).map((a) => a.name),
  );
  return (status.analysisRuns ?? []).filter((e) => names.has(e.name));
}

/** Every `requiredForCompletion` analysis has a Successful run (false when none is required). */
export function requiredAnalysesSuccessful(ex: Experiment, status: ExperimentStatus): boolean {
  const want = (ex.spec.analyses ?? []).filter((a) => a.requiredForCompletion).length;
  const done = required(ex, status).filter((e) => e.phase === 'Successful');
  return want > 0 && done.length === want;
}

/**
 * Terminating (spec §3 step 5): asked to (`spec.terminate`), finished, any template Failed or
 * Error, any analysis Failed/Error/Inconclusive, or the required analyses done.
 */
export function isExperimentTerminating(ex: Experiment, status: ExperimentStatus): boolean {
  if (ex.spec.terminate === true || isCompletedExperimentPhase(status.phase)) return true;
  if (status.templateStatuses?.some((t) => t.status === 'Failed' || t.status === 'Error'))
    return true;
  if (status.analysisRuns?.some((a) => isUnsuccessfulAnalysisPhase(a.phase))) return true;
  return requiredAnalysesSuccessful(ex, status);
}

interface Verdict {
  phase: AnalysisPhase;
  message?: string;
}

function worstOf(entries: ExperimentAnalysisRunStatus[]): Verdict {
  let worst: ExperimentAnalysisRunStatus | undefined;
  for (const e of entries) if (!worst || isWorse(worst.phase, e.phase)) worst = e;
  return worst
    ? { phase: worst.phase, ...(worst.message ? { message: worst.message } : {}) }
    : { phase: 'Successful' };
}

function templatesVerdict(status: ExperimentStatus): Verdict {
  const ts = status.templateStatuses ?? [];
  const failed = ts.find((t) => t.status === 'Failed') ?? ts.find((t) => t.status === 'Error');
  if (failed)
    return {
      phase: failed.status === 'Failed' ? 'Failed' : 'Error',
      ...(failed.message ? { message: failed.message } : {}),
    };
  if (ts.length && ts.every((t) => t.status === 'Successful')) return { phase: 'Successful' };
  return { phase: status.availableAt ? 'Running' : 'Pending' };
}

/**
 * The experiment phase (spec §3 step 4). A completed phase sticks. Once the templates are done:
 * all Successful ⇒ the analyses' worst when they are done (or some are required), else Running
 * while the terminated runs finish; otherwise the templates' phase. While templates run: a bad
 * analysis ends it with that phase; the required analyses all Successful ⇒ Successful.
 */
export function assessExperimentPhase(
  ex: Experiment,
  prev: ExperimentStatus,
  status: ExperimentStatus,
): Verdict {
  if (isCompletedExperimentPhase(prev.phase) && prev.phase)
    return { phase: prev.phase, ...(prev.message ? { message: prev.message } : {}) };
  const analyses = status.analysisRuns ?? [];
  const wanted = (ex.spec.analyses ?? []).length;
  const analysesDone =
    analyses.length === wanted && analyses.every((a) => isCompletedAnalysisPhase(a.phase));
  const templates = templatesVerdict(status);
  if (isCompletedExperimentPhase(templates.phase)) {
    if (templates.phase !== 'Successful') return templates;
    if (analysesDone) return worstOf(analyses);
    const req = required(ex, status);
    const reqWanted = (ex.spec.analyses ?? []).filter((a) => a.requiredForCompletion).length;
    if (
      reqWanted > 0 &&
      req.length === reqWanted &&
      req.every((a) => isCompletedAnalysisPhase(a.phase))
    )
      return worstOf(analyses.filter((a) => isCompletedAnalysisPhase(a.phase)));
    return { phase: 'Running' };
  }
  const bad = analyses.filter((a) => isUnsuccessfulAnalysisPhase(a.phase));
  if (bad.length) return worstOf(bad);
  if (requiredAnalysesSuccessful(ex, status)) return { phase: 'Successful' };
  return templates;
}
