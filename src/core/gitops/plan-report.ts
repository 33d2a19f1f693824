import { isRecord, parseJsonOrUndefined } from '../../domain/json.js';
import type { PauseCondition, Rollout } from '../../domain/index.js';
import { currentSetWeight } from '../rollout/replicas/desired-weight.js';
import { pauseEndsAt } from '../rollout/pause-timing.js';
import { isoTimeCeil } from '../../domain/time.js';
import { currentStep, durationSeconds, stepsOf } from '../rollout/steps.js';

/**
 * The GitHub Deployment a Git sync created for one Rollout update, kept in the Rollout's
 * `rollouts.serverless.dev/github-deployment` annotation (DESIGN §1: bookkeeping in annotations).
 */
export interface DeploymentRecord {
  repo: string;
  id: number;
  sha: string;
  environment: string;
  /** metadata.generation the sync's apply produced: the controller has seen the update once observedGeneration reaches it. */
  generation: number;
  /** The pod-template hash of the applied template; another current hash means the update was superseded outside Git. */
  podHash?: string;
}

export type DeploymentState = 'queued' | 'in_progress' | 'success' | 'failure' | 'inactive';
export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface ProgressReport {
  state: DeploymentState;
  commitState: CommitState;
  /** At most 140 characters (GitHub's limit for both kinds of status). */
  description: string;
}

export const DESCRIPTION_LIMIT = 140;

export function parseDeploymentRecord(value: string | undefined): DeploymentRecord | undefined {
  if (value === undefined) return undefined;
  const v = parseJsonOrUndefined(value);
  if (
    !isRecord(v) ||
    typeof v.repo !== 'string' ||
    typeof v.id !== 'number' ||
    typeof v.sha !== 'string' ||
    typeof v.environment !== 'string' ||
    typeof v.generation !== 'number'
  )
    return undefined;
  return {
    repo: v.repo,
    id: v.id,
    sha: v.sha,
    environment: v.environment,
    generation: v.generation,
    ...(typeof v.podHash === 'string' ? { podHash: v.podHash } : {}),
  };
}

export function formatDeploymentRecord(r: DeploymentRecord): string {
  return JSON.stringify(r);
}

/** The environment of a Rollout's deployments: `<cluster>/<namespace>/<rollout>`. */
export function environmentOf(cluster: string, namespace: string, name: string): string {
  return `${cluster}/${namespace}/${name}`;
}

/** What the value of `rollouts.serverless.dev/github-reported` is once `report` has been posted. */
export function reportKey(record: DeploymentRecord, report: ProgressReport): string {
  return `${record.id} ${report.state} ${report.description}`;
}

/**
 * What GitHub should say about the update `record` stands for, given the Rollout as the reconcile
 * left it (its status is the one just committed). Level-based: the same Rollout always gives the
 * same report, so a repeated or late reconcile never regresses what GitHub shows.
 */
export function planReport(rollout: Rollout, record: DeploymentRecord): ProgressReport {
  const status = rollout.status ?? {};
  const observed = Number(status.observedGeneration ?? -1);
  if (!(observed >= record.generation))
    return report('queued', 'pending', 'applied; waiting for the controller');
  if (
    record.podHash !== undefined &&
    status.currentPodHash !== undefined &&
    status.currentPodHash !== record.podHash
  ) {
    return report(
      'inactive',
      'error',
      `superseded by revision ${status.currentPodHash}, changed outside this commit`,
    );
  }
  // No position on abort: the controller resets currentStepIndex to 0 and the canary to 0% (as upstream does).
  if (status.abort) return report('failure', 'failure', `aborted: ${abortReason(status.message)}`);
  const where = position(rollout);
  if (status.phase === 'Degraded')
    return report('failure', 'failure', status.message ?? 'Degraded');
  if (
    status.phase === 'Healthy' &&
    status.stableRS !== undefined &&
    status.stableRS === status.currentPodHash
  ) {
    return report('success', 'success', `rolled out: revision ${status.currentPodHash} is stable`);
  }
  if (status.phase === 'Paused') {
    const why = rollout.spec.paused
      ? 'manually paused'
      : pauseWhy(rollout, status.pauseConditions?.[0]);
    return report('in_progress', 'pending', `paused${where ? ` at ${where}` : ''}: ${why}`);
  }
  return report(
    'in_progress',
    'pending',
    `progressing${where ? `: ${where}` : ''}${status.message ? ` (${status.message})` : ''}`,
  );
}

/** `step 2/8, 20% canary` for a canary with steps; `preview` / `active` for blue-green; '' otherwise. */
function position(rollout: Rollout): string {
  const status = rollout.status ?? {};
  if (rollout.spec.strategy?.blueGreen)
    return status.blueGreen?.activeSelector === status.currentPodHash ? 'active' : 'preview';
  const steps = stepsOf(rollout);
  if (steps.length === 0) return '';
  const index = Math.min(status.currentStepIndex ?? 0, steps.length);
  return `step ${index}/${steps.length}, ${currentSetWeight(rollout)}% canary`;
}

/**
 * Why the update was aborted: `RolloutAborted: Rollout aborted update to revision 2: <why>` says
 * "aborted" twice before the reason (a failed analysis' own words), which GitHub's 140 characters
 * would cut off; the state already says aborted, so only the reason is kept.
 */
function abortReason(message: string | undefined): string {
  const why = /^RolloutAborted: (?:Rollout aborted update to revision \S+: )?(.+)$/s.exec(
    message ?? '',
  )?.[1];
  return why ?? message ?? 'RolloutAborted';
}

function pauseWhy(rollout: Rollout, condition: PauseCondition | undefined): string {
  switch (condition?.reason) {
    case 'InconclusiveAnalysisRun':
    case 'InconclusiveExperiment':
      return 'analysis was inconclusive; promote or abort';
    case 'BlueGreenPause': {
      const at = resumesAt(
        rollout,
        condition,
        rollout.spec.strategy?.blueGreen?.autoPromotionSeconds,
      );
      return at
        ? `preview is ready; promoted automatically at ${at}`
        : 'preview is ready; awaiting promotion';
    }
    case 'CanaryPauseStep': {
      const at = resumesAt(
        rollout,
        condition,
        currentStep(rollout, rollout.status?.currentStepIndex)?.pause?.duration,
      );
      return at ? `resumes at ${at}` : 'awaiting promotion';
    }
    default:
      return 'awaiting promotion';
  }
}

/**
 * When a timed pause ends, as an absolute time so the report stays the same on every reconcile
 * (GitHub keeps the last description; "in 5s" would be stale at once). Undefined for an
 * indefinite pause, the only kind that awaits a promotion.
 */
function resumesAt(
  rollout: Rollout,
  condition: PauseCondition,
  duration: number | string | undefined,
): string | undefined {
  const seconds = durationSeconds(duration);
  if (seconds === undefined || !Number.isFinite(Date.parse(condition.startTime))) return undefined;
  // The same end the controller resumes at (its millisecond start when it kept one), to the next second.
  return isoTimeCeil(pauseEndsAt(rollout, condition, seconds));
}

function report(
  state: DeploymentState,
  commitState: CommitState,
  description: string,
): ProgressReport {
  return { state, commitState, description: truncate(description) };
}

export function truncate(text: string, limit = DESCRIPTION_LIMIT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}
