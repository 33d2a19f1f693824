import type { AnalysisRun } from '../../domain/analysis.js';
import { ANNOTATIONS, LABELS } from '../../domain/keys.js';
import type { ApprovalAction } from '../../domain/notification.js';
import type { Rollout } from '../../domain/rollout.js';
import { buildTimeFunctions } from './template/index.js';
import type { TriggerVars } from './trigger-expr.js';

/**
 * The AnalysisRuns templates and triggers see, as Argo Rollouts picks them (utils/record): those of
 * the Rollout's current pod hash and revision, newest first.
 */
export function selectAnalysisRuns(
  rollout: Rollout,
  analysisRuns: readonly AnalysisRun[],
): AnalysisRun[] {
  const podHash = rollout.status?.currentPodHash ?? '';
  const revision = rollout.metadata.annotations?.[ANNOTATIONS.revision] ?? '';
  return analysisRuns
    .filter((run) => (run.metadata.labels?.[LABELS.podTemplateHash] ?? '') === podHash)
    .filter((run) => (run.metadata.annotations?.[ANNOTATIONS.revision] ?? '') === revision)
    .sort((a, b) => createdAt(b) - createdAt(a));
}

function createdAt(run: AnalysisRun): number {
  const at = Date.parse(run.metadata.creationTimestamp ?? '');
  return Number.isNaN(at) ? 0 : at;
}

/** An object as the JSON Go would hand to templates and expr (undefined fields gone, dates as text). */
export function toPlainJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** What `when` and `oncePer` see: `rollout`, `analysisRuns`, `secrets` (and `time`, see trigger-expr.ts). */
export function buildTriggerVars(
  rollout: Rollout,
  analysisRuns: readonly AnalysisRun[],
  secrets: Readonly<Record<string, string>>,
): TriggerVars {
  return {
    rollout: toPlainJson(rollout),
    analysisRuns: toPlainJson(selectAnalysisRuns(rollout, analysisRuns)),
    secrets: { ...secrets },
  };
}

export interface TemplateDataInput {
  rollout: Rollout;
  /** The Rollout's AnalysisRuns; those of its current revision are picked here. */
  analysisRuns: readonly AnalysisRun[];
  now: number;
  recipient: string;
  /** What upstream puts in `.serviceType`: the service's name as subscribed (`slack`, `ops`). */
  serviceType: string;
  context: Readonly<Record<string, string>>;
  secrets?: Readonly<Record<string, string>>;
  /** The Promote/Abort actions the message carries; none leaves `.approval` out. */
  actions: readonly ApprovalAction[];
}

/** The data a notification template renders against (spec §6), `.approval` added for our actions. */
export function buildTemplateData(input: TemplateDataInput): Record<string, unknown> {
  const promote = input.actions.find((a) => a.action === 'promote');
  const abort = input.actions.find((a) => a.action === 'abort');
  return {
    rollout: toPlainJson(input.rollout),
    analysisRuns: toPlainJson(selectAnalysisRuns(input.rollout, input.analysisRuns)),
    time: buildTimeFunctions(input.now),
    recipient: input.recipient,
    serviceType: input.serviceType,
    context: { ...input.context },
    secrets: { ...(input.secrets ?? {}) },
    ...(promote || abort
      ? {
          approval: {
            ...(promote ? { promoteURL: promote.url } : {}),
            ...(abort ? { abortURL: abort.url } : {}),
          },
        }
      : {}),
  };
}
