/** Label and annotation keys the controller reads and writes (spec §1.10), in one place. */
export const LABELS = {
  podTemplateHash: 'rollouts-pod-template-hash',
  rolloutType: 'rollout-type',
  stepIndex: 'step-index',
  controllerInstanceId: 'argo-rollouts.argoproj.io/controller-instance-id',
} as const;

/** Well-known Kubernetes node labels: anti-affinity's topology key, and the test beds' nodes. */
export const NODE_LABELS = {
  hostname: 'kubernetes.io/hostname',
  os: 'kubernetes.io/os',
} as const;

export const ANNOTATIONS = {
  revision: 'rollout.argoproj.io/revision',
  revisionHistory: 'rollout.argoproj.io/revision-history',
  desiredReplicas: 'rollout.argoproj.io/desired-replicas',
  /** No prefix, as upstream writes it. */
  scaleDownDeadline: 'scale-down-deadline',
  ephemeralMetadata: 'rollout.argoproj.io/ephemeral-metadata',
  workloadGeneration: 'rollout.argoproj.io/workload-generation',
  managedBy: 'argo-rollouts.argoproj.io/managed-by-rollouts',
  lastApplied: 'kubectl.kubernetes.io/last-applied-configuration',
  notified: 'notified.notifications.argoproj.io',
} as const;

/**
 * The project's own bookkeeping, kept in annotations so the upstream CRDs (which prune unknown
 * status fields) work too (DESIGN §1, promise 3).
 */
export const OWN = {
  prefix: 'rollouts.serverless.dev/',
  /** Marks a Rollout as being acted on by one invocation (the claim of DESIGN §3). */
  claim: 'rollouts.serverless.dev/claim',
  /** `<RFC3339 time>|<pods left>` of the last restart eviction round, to pace retries a PDB blocks. */
  restartAttempt: 'rollouts.serverless.dev/restart-attempt',
  /** The GitHub Deployment of the Rollout's last Git-synced update (JSON, see core/gitops/plan-report). */
  githubDeployment: 'rollouts.serverless.dev/github-deployment',
  /** What was last posted to GitHub for that deployment (`<id> <state> <description>`), so a report is posted once. */
  githubReported: 'rollouts.serverless.dev/github-reported',
  /** On an Experiment's ReplicaSets, Services and AnalysisRuns: its uid, so it lists them by label, not the whole namespace. */
  experimentUid: 'rollouts.serverless.dev/experiment-uid',
  /** Comma-separated names of the Services the Rollout manages, so one it stops referencing is released. */
  managedServices: 'rollouts.serverless.dev/managed-services',
  /**
   * When the current timed pause began, to the millisecond (RFC 3339). `pauseConditions[].startTime`
   * holds whole seconds, so a pause timed from it alone would end up to a second early.
   */
  pauseStartedAt: 'rollouts.serverless.dev/pause-started-at',
  /** Comma-separated ids of the last operations (promote, abort…) applied, so a redelivered request acts once. */
  operations: 'rollouts.serverless.dev/operations',
  /** JSON `{stepIndex, podHash, at}`: the state the last operation was applied to, and when (issue 15). */
  lastOperation: 'rollouts.serverless.dev/last-operation',
  /**
   * JSON {@link ReleaseHoldMark} (domain/fleet.ts): a fleet release holds this Rollout (issue 21
   * §3, §4). Read with the Rollout itself, so honouring it costs no request.
   */
  releaseHold: 'rollouts.serverless.dev/release-hold',
} as const;

/** Annotations of the Rollout that are not copied to its ReplicaSets (§1.10). */
export const NOT_COPIED_TO_RS: ReadonlySet<string> = new Set([
  ANNOTATIONS.lastApplied,
  ANNOTATIONS.revision,
  ANNOTATIONS.revisionHistory,
  ANNOTATIONS.desiredReplicas,
  ANNOTATIONS.notified,
]);

export const DEFAULTS = {
  replicas: 1,
  revisionHistoryLimit: 10,
  progressDeadlineSeconds: 600,
  maxSurge: '25',
  maxUnavailable: '25',
  maxTrafficWeight: 100,
  /** Invalid rollouts are looked at again after this long (§1.9). */
  invalidSpecRequeueMs: 20_000,
  restartRetryMs: 30_000,
} as const;
