/**
 * The lifecycle operations of the `kubectl argo rollouts` plugin (spec §1.8, §5), as one shared piece
 * for every front end (GitHub comment commands, the REST API, the CLI).
 */
export type RolloutOperation =
  'promote' | 'promoteFull' | 'abort' | 'retry' | 'pause' | 'resume' | 'restart';

export const OPERATIONS: readonly RolloutOperation[] = [
  'promote',
  'promoteFull',
  'abort',
  'retry',
  'pause',
  'resume',
  'restart',
];

/**
 * One JSON merge patch of the Rollout: `{ spec: … }` (optionally with `metadata`) goes to the object,
 * `{ status: … }` to its `/status` subresource.
 */
export interface OperationWrite {
  subresource: 'spec' | 'status';
  patch: Record<string, unknown>;
}

/** What an operation writes, in order (spec part first), and a short sentence for people; or why it will not. */
export type OperationPlan = PlannedOperation | { refused: string };

export interface PlannedOperation {
  writes: OperationWrite[];
  summary: string;
  /** Why the write changes nothing, when the plugin makes it all the same (an abort with no update in progress). */
  warning?: string;
}

/** The command as a person types it, for messages. */
export const OPERATION_COMMANDS: Record<RolloutOperation, string> = {
  promote: 'promote',
  promoteFull: 'promote --full',
  abort: 'abort',
  retry: 'retry',
  pause: 'pause',
  resume: 'resume',
  restart: 'restart',
};

/**
 * Event reasons for a requested operation. Distinct from the reasons the controller records when it
 * acts (`RolloutPaused`, `RolloutResumed`, `RolloutAborted`, `RolloutCompleted`…, spec §6), which
 * notifications subscribe to: a request is not yet the effect.
 */
export const OPERATION_EVENT_REASONS: Record<RolloutOperation, string> = {
  promote: 'PromoteRequested',
  promoteFull: 'PromoteFullRequested',
  abort: 'AbortRequested',
  retry: 'RetryRequested',
  pause: 'PauseRequested',
  resume: 'ResumeRequested',
  restart: 'RestartRequested',
};
