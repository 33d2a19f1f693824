import type { AnalysisPhase } from './analysis.js';
import type { TemplateStatusCode } from './experiment.js';

/**
 * Which phases are final, per resource kind, as upstream's `Completed()` methods define them
 * (spec §2, §3). One answer per kind, so a phase list is never retyped beside a decision.
 */
const COMPLETED_ANALYSIS: ReadonlySet<string> = new Set<AnalysisPhase>([
  'Successful',
  'Failed',
  'Error',
  'Inconclusive',
]);

const UNSUCCESSFUL_ANALYSIS: ReadonlySet<string> = new Set<AnalysisPhase>([
  'Failed',
  'Error',
  'Inconclusive',
]);

const COMPLETED_TEMPLATE: ReadonlySet<string> = new Set<TemplateStatusCode>([
  'Successful',
  'Failed',
  'Error',
]);

/** An AnalysisRun, metric or measurement phase that no longer changes. */
export function isCompletedAnalysisPhase(phase: string | undefined): boolean {
  return phase !== undefined && COMPLETED_ANALYSIS.has(phase);
}

/** A completed analysis phase other than Successful: what stops a run or fails a step. */
export function isUnsuccessfulAnalysisPhase(phase: string | undefined): boolean {
  return phase !== undefined && UNSUCCESSFUL_ANALYSIS.has(phase);
}

/** An Experiment's `status.phase` is an AnalysisPhase upstream, final in the same four values. */
export const isCompletedExperimentPhase: (phase: string | undefined) => boolean =
  isCompletedAnalysisPhase;

/** An Experiment template's status: Inconclusive is not a template outcome (spec §3). */
export function isCompletedTemplateStatus(status: string | undefined): boolean {
  return status !== undefined && COMPLETED_TEMPLATE.has(status);
}
