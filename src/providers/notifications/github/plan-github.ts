import type {
  NewCommitStatus,
  NewDeploymentStatus,
  RepoRef,
} from '../../../adapters/github/index.js';
import { parseDeploymentRecord } from '../../../core/gitops/plan-report.js';
import { isRecord } from '../../../domain/json.js';
import type { Delivery } from '../../../domain/notification.js';
import { sectionOf, textField, type Section } from '../shared/section.js';

/** What one delivery asks of GitHub: a commit status and/or a deployment status, on one commit. */
export interface GitHubPlan {
  repo: RepoRef;
  revision: string;
  status?: NewCommitStatus;
  deployment?: {
    /** The ref a new deployment is created for (`reference`, else the revision). */
    ref: string;
    requiredContexts: string[];
    autoMerge: boolean;
    transientEnvironment: boolean;
    status: NewDeploymentStatus;
  };
}

const COMMIT_STATES = ['pending', 'success', 'failure', 'error'] as const;
const DEPLOYMENT_STATES = [
  'queued',
  'in_progress',
  'success',
  'failure',
  'inactive',
  'error',
  'pending',
] as const;
/** GitHub's limit for a status description; upstream cuts the message to it the same way. */
const DESCRIPTION_LIMIT = 140;
const UNSUPPORTED = ['pullRequestComment', 'checkRun', 'repositoryDispatch'];

/**
 * The template's rendered `github:` section as GitHub calls. `repoURLPath` and `revisionPath` hold
 * the rendered repository URL and commit; when a template leaves them out, the repository and
 * commit of the Rollout's last Git-synced update (the annotation GitOps writes) are used, and a
 * deployment's environment defaults to that update's (`<cluster>/<namespace>/<rollout>`), so its
 * statuses land on the deployment GitOps created.
 */
export function planGitHubNotification(
  delivery: Delivery,
): { plan: GitHubPlan } | { problem: string } {
  const section = sectionOf(delivery, 'github');
  if (!section) return { problem: 'the template has no github section' };
  const unsupported = UNSUPPORTED.filter((k) => section[k] !== undefined);
  if (unsupported.length > 0)
    return {
      problem: `github.${unsupported.join(', github.')} is not supported (status and deployment are)`,
    };
  const synced = parseDeploymentRecord(delivery.subject.githubDeployment);
  const repoUrl = textField(section, 'repoURLPath') || synced?.repo || '';
  const revision = textField(section, 'revisionPath') || synced?.sha || '';
  if (repoUrl === '')
    return {
      problem:
        'no repository: set github.repoURLPath (the Rollout has no Git-synced update to default from)',
    };
  const repo = parseRepoUrl(repoUrl);
  if (!repo) return { problem: `github.repoURLPath "${repoUrl}" names no owner/repository` };
  if (revision === '') return { problem: 'no commit: set github.revisionPath' };
  const description = truncate(delivery.message.message, DESCRIPTION_LIMIT);

  const plan: GitHubPlan = { repo, revision };
  const status = isRecord(section.status) ? section.status : undefined;
  if (status) {
    const state = oneOf(textField(status, 'state'), COMMIT_STATES);
    if (!state)
      return { problem: `github.status.state must be one of ${COMMIT_STATES.join(', ')}` };
    const targetUrl = textField(status, 'targetURL');
    plan.status = {
      state,
      // GitHub's own default context when none is given.
      context: textField(status, 'label') || 'default',
      description,
      ...(targetUrl ? { targetUrl } : {}),
    };
  }
  const deployment = isRecord(section.deployment) ? section.deployment : undefined;
  if (deployment) {
    const state = oneOf(textField(deployment, 'state'), DEPLOYMENT_STATES);
    if (!state)
      return { problem: `github.deployment.state must be one of ${DEPLOYMENT_STATES.join(', ')}` };
    const sameUpdate =
      synced !== undefined && synced.sha === revision && sameRepo(synced.repo, repo);
    const environment =
      textField(deployment, 'environment') || (sameUpdate ? synced.environment : 'production');
    const logUrl = textField(deployment, 'logURL');
    const environmentUrl = textField(deployment, 'environmentURL');
    plan.deployment = {
      ref: textField(deployment, 'reference') || revision,
      requiredContexts: stringList(deployment.requiredContexts),
      // Upstream's defaults: GitHub may merge the default branch in, the environment is kept.
      autoMerge: flag(deployment, 'autoMerge', true),
      transientEnvironment: flag(deployment, 'transientEnvironment', false),
      status: {
        state,
        description,
        environment,
        ...(logUrl ? { logUrl } : {}),
        ...(environmentUrl ? { environmentUrl } : {}),
      },
    };
  }
  if (!plan.status && !plan.deployment)
    return { problem: 'the github section has neither status nor deployment' };
  return { plan };
}

/**
 * `owner/repo` from what templates put in `repoURLPath`: `https://github.com/o/r(.git)`,
 * `git@github.com:o/r.git`, `ssh://git@host/o/r`, or `o/r` itself.
 */
export function parseRepoUrl(text: string): RepoRef | undefined {
  const path = text
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .replace(/^[^/@\s]+@[^:/\s]+:/, '')
    .replace(/\.git\/?$/, '');
  const [owner, repo] = path.split('/').filter((p) => p !== '');
  return owner && repo ? { owner, repo } : undefined;
}

function sameRepo(fullName: string, r: RepoRef): boolean {
  return fullName.toLowerCase() === `${r.owner}/${r.repo}`.toLowerCase();
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** YAML `true`, or the text a template rendered; `fallback` when absent. */
function flag(section: Section, key: string, fallback: boolean): boolean {
  const v = section[key];
  if (v === undefined || v === null || v === '') return fallback;
  return v === true || v === 'true';
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** At most `limit` characters (code points), the cut marked with `...`. */
function truncate(text: string, limit: number): string {
  const chars = [...text];
  return chars.length <= limit ? text : `${chars.slice(0, limit - 3).join('')}...`;
}
