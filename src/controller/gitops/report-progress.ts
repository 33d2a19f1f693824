import { GitHubError, type GitHubApi, type RepoRef } from '../../adapters/github/index.js';
import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import { parseDeploymentRecord, planReport, reportKey } from '../../core/gitops/plan-report.js';
import { OWN, type Rollout } from '../../domain/index.js';
import { commitContext } from './status-contexts.js';

export interface ReportDeps {
  kube: KubeClient;
  github(repo: RepoRef): Promise<GitHubApi>;
  now: () => number;
  /** Shared by every report of a process or isolate: GitHub asked us to wait until then. */
  backoff: { until: number };
  log?: (line: string) => void;
}

const RETRY_MS = 30_000;

/**
 * After a reconcile: tells GitHub where the Rollout's Git-synced update stands (a deployment status
 * and a commit status), once per change of what there is to say, remembered in the
 * `github-reported` annotation. Never fails or waits on GitHub (issue 7: never block a reconcile):
 * a rate limit or an outage returns when to try again, and the caller arms a timer for it.
 */
export async function reportProgress(
  deps: ReportDeps,
  rollout: Rollout,
): Promise<{ retryAt?: number }> {
  const record = parseDeploymentRecord(rollout.metadata.annotations?.[OWN.githubDeployment]);
  if (!record) return {};
  const report = planReport(rollout, record);
  const key = reportKey(record, report);
  const reported = rollout.metadata.annotations?.[OWN.githubReported];
  if (reported === key) return {};
  const now = deps.now();
  if (now < deps.backoff.until) return { retryAt: deps.backoff.until };
  const [owner = '', repo = ''] = record.repo.split('/');
  const ref = { owner, repo };
  const remember = (value: string) =>
    deps.kube.mergePatch(
      rolloutPath(rollout.metadata.namespace ?? 'default', rollout.metadata.name),
      { metadata: { annotations: { [OWN.githubReported]: value } } },
    );
  let deploymentPosted = reported === deploymentOnly(key);
  try {
    const api = await deps.github(ref);
    if (report.state !== 'queued' && !deploymentPosted) {
      await api.createDeploymentStatus(ref, record.id, {
        state: report.state,
        description: report.description,
        environment: record.environment,
      });
      deploymentPosted = true;
    }
    await api.createCommitStatus(ref, record.sha, {
      state: report.commitState,
      context: commitContext(record),
      description: report.description,
    });
  } catch (e) {
    if (!(e instanceof GitHubError)) throw e;
    const retryAt = e.retryAt ?? (e.retryable ? now + RETRY_MS : undefined);
    // A retry posts only what GitHub has not taken yet: a deployment status is a new entry each time.
    if (retryAt !== undefined && deploymentPosted && reported !== deploymentOnly(key))
      await remember(deploymentOnly(key));
    if (e.retryAt !== undefined) {
      deps.backoff.until = Math.max(deps.backoff.until, e.retryAt);
      deps.log?.(`github: rate limited until ${new Date(e.retryAt).toISOString()}; reports wait`);
      return { retryAt: deps.backoff.until };
    }
    deps.log?.(
      `github report for ${rollout.metadata.namespace ?? 'default'}/${rollout.metadata.name}: ${e.message}`,
    );
    // A deployment deleted on GitHub, or a repository we lost access to: say nothing more about it.
    if (retryAt !== undefined) return { retryAt };
  }
  await remember(key);
  return {};
}

/** The annotation value while only the deployment status of `key` has been posted. */
function deploymentOnly(key: string): string {
  return `${key} [deployment status only]`;
}
