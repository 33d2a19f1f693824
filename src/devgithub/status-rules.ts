import type { CommitState, CommitStatus, Deployment, DeploymentState } from './model.js';

/** The newest status of each context, newest first. */
export function computeLatestByContext(statuses: readonly CommitStatus[]): CommitStatus[] {
  const latest = new Map<string, CommitStatus>();
  for (const s of statuses) {
    if (latest.has(s.context)) latest.delete(s.context);
    latest.set(s.context, s);
  }
  return [...latest.values()].sort((a, b) => b.id - a.id);
}

/**
 * The combined state (https://docs.github.com/rest/commits/statuses#get-the-combined-status-for-a-specific-reference):
 * failure if any context is error or failure, pending if any is pending or there are none, else success.
 */
export function computeCombinedState(
  latest: readonly CommitStatus[],
): 'failure' | 'pending' | 'success' {
  if (latest.some((s) => s.state === 'error' || s.state === 'failure')) return 'failure';
  if (latest.length === 0 || latest.some((s) => s.state === 'pending')) return 'pending';
  return 'success';
}

/**
 * What `POST /deployments` verifies before creating a deployment: every required context is
 * `success`. Left out, the required contexts are all the commit's contexts; `[]` skips the check.
 * Returns the contexts as GitHub lists them in its 409, or undefined when the check passes.
 */
export function assessRequiredContexts(
  latest: readonly CommitStatus[],
  required: readonly string[] | undefined,
): { context: string; state: CommitState }[] | undefined {
  const byContext = new Map(latest.map((s) => [s.context, s.state] as const));
  const wanted = required ?? [...byContext.keys()];
  const failing = wanted.some((c) => byContext.get(c) !== 'success');
  if (!failing) return undefined;
  return [...new Set([...wanted, ...byContext.keys()])].map((context) => ({
    context,
    state: byContext.get(context) ?? 'pending',
  }));
}

export function computeDeploymentState(d: Deployment): DeploymentState | undefined {
  return d.statuses[d.statuses.length - 1]?.state;
}

/**
 * `auto_inactive`: a `success` status marks the earlier deployments of the same environment that are
 * not transient and whose latest state is `success` as `inactive`.
 */
export function planAutoInactive(
  deployments: readonly Deployment[],
  target: Deployment,
): Deployment[] {
  return deployments.filter(
    (d) =>
      d.id !== target.id &&
      d.id < target.id &&
      d.environment === target.environment &&
      !d.transient &&
      computeDeploymentState(d) === 'success',
  );
}
