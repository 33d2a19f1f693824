import type { Octokit } from '@octokit/rest';
import { toGitHubError } from './github-error.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface TreeEntry {
  path: string;
  type: string;
  sha: string;
  size?: number;
}

export interface NewDeployment {
  sha: string;
  environment: string;
  description: string;
  payload: Record<string, unknown>;
  production: boolean;
  /** GitOps' defaults (false, [], false) unless a notification template says otherwise. */
  autoMerge?: boolean;
  requiredContexts?: string[];
  transientEnvironment?: boolean;
}

export interface NewDeploymentStatus {
  state: 'queued' | 'in_progress' | 'success' | 'failure' | 'inactive' | 'error' | 'pending';
  description: string;
  environment: string;
  logUrl?: string;
  environmentUrl?: string;
}

export interface NewCommitStatus {
  state: 'pending' | 'success' | 'failure' | 'error';
  context: string;
  description: string;
  targetUrl?: string;
}

export type CommentTarget = { issue: number } | { commit: string };

/** The GitHub REST calls GitOps makes (issue 7). Every failure is a `GitHubError`. */
export interface GitHubApi {
  /** The branch's head commit, or undefined when the branch does not exist. */
  branchHead(r: RepoRef, branch: string): Promise<string | undefined>;
  tree(r: RepoRef, commitSha: string): Promise<{ entries: TreeEntry[]; truncated: boolean }>;
  blob(r: RepoRef, sha: string): Promise<Uint8Array>;
  /** An existing deployment of `sha` to `environment` (so a retried sync does not create a second one). */
  findDeployment(r: RepoRef, sha: string, environment: string): Promise<number | undefined>;
  createDeployment(r: RepoRef, d: NewDeployment): Promise<number>;
  createDeploymentStatus(r: RepoRef, deploymentId: number, s: NewDeploymentStatus): Promise<void>;
  createCommitStatus(r: RepoRef, sha: string, s: NewCommitStatus): Promise<void>;
  /** The user's role on the repository (admin, maintain, write, triage, read) or 'none'. */
  permission(r: RepoRef, user: string): Promise<string>;
  comment(r: RepoRef, target: CommentTarget, body: string): Promise<void>;
}

export interface OctokitApiOptions {
  octokit: Octokit;
  now?: () => number;
}

/**
 * `GitHubApi` over octokit (`@octokit/rest`: fetch-based, so it runs on Node and in Workers).
 * Octokit's retry and throttling plugins are left out on purpose: they wait, and a reconcile must
 * never wait on GitHub; a rate-limited call fails at once with `retryAt` and the caller backs off.
 */
export function octokitApi(opts: OctokitApiOptions): GitHubApi {
  const o = opts.octokit.rest;
  const now = opts.now ?? Date.now;
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw toGitHubError(e, what, now());
    }
  };
  return {
    async branchHead(r, branch) {
      try {
        const { data } = await o.git.getRef({ ...r, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (e) {
        const err = toGitHubError(e, `GET ref heads/${branch} of ${r.owner}/${r.repo}`, now());
        if (err.isNotFound) return undefined;
        throw err;
      }
    },
    tree: (r, commitSha) =>
      call(`GET tree ${commitSha} of ${r.owner}/${r.repo}`, async () => {
        const { data } = await o.git.getTree({ ...r, tree_sha: commitSha, recursive: 'true' });
        return {
          entries: data.tree.flatMap((t) =>
            t.path && t.sha && t.type
              ? [
                  {
                    path: t.path,
                    type: t.type,
                    sha: t.sha,
                    ...(t.size !== undefined ? { size: t.size } : {}),
                  },
                ]
              : [],
          ),
          truncated: data.truncated,
        };
      }),
    blob: (r, sha) =>
      call(`GET blob ${sha} of ${r.owner}/${r.repo}`, async () => {
        const { data } = await o.git.getBlob({ ...r, file_sha: sha });
        return data.encoding === 'base64'
          ? decodeBase64(data.content)
          : new TextEncoder().encode(data.content);
      }),
    findDeployment: (r, sha, environment) =>
      call(`GET deployments of ${r.owner}/${r.repo}`, async () => {
        const { data } = await o.repos.listDeployments({ ...r, sha, environment, per_page: 1 });
        return data[0]?.id;
      }),
    createDeployment: (r, d) =>
      call(`POST deployment of ${r.owner}/${r.repo}`, async () => {
        const res = await o.repos.createDeployment({
          ...r,
          ref: d.sha,
          environment: d.environment,
          description: d.description,
          payload: d.payload,
          // The rollout is the deployment: GitHub must not merge branches or wait for checks (our own
          // commit statuses are among them) before recording it.
          auto_merge: d.autoMerge ?? false,
          required_contexts: d.requiredContexts ?? [],
          transient_environment: d.transientEnvironment ?? false,
          production_environment: d.production,
        });
        if (!('id' in res.data))
          throw new Error(
            `GitHub did not create the deployment: ${res.data.message ?? 'no id in answer'}`,
          );
        return res.data.id;
      }),
    createDeploymentStatus: (r, id, s) =>
      call(`POST status of deployment ${id} of ${r.owner}/${r.repo}`, async () => {
        await o.repos.createDeploymentStatus({
          ...r,
          deployment_id: id,
          state: s.state,
          description: s.description,
          environment: s.environment,
          ...(s.logUrl ? { log_url: s.logUrl } : {}),
          ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
          auto_inactive: true,
        });
      }),
    createCommitStatus: (r, sha, s) =>
      call(`POST status of ${sha} in ${r.owner}/${r.repo}`, async () => {
        await o.repos.createCommitStatus({
          ...r,
          sha,
          state: s.state,
          context: s.context,
          description: s.description,
          ...(s.targetUrl ? { target_url: s.targetUrl } : {}),
        });
      }),
    async permission(r, user) {
      try {
        const { data } = await o.repos.getCollaboratorPermissionLevel({ ...r, username: user });
        return (data as { role_name?: string }).role_name ?? data.permission;
      } catch (e) {
        const err = toGitHubError(e, `GET permission of ${user} on ${r.owner}/${r.repo}`, now());
        if (err.isNotFound) return 'none';
        throw err;
      }
    },
    comment: (r, target, body) =>
      call(`POST comment on ${r.owner}/${r.repo}`, async () => {
        if ('issue' in target)
          await o.issues.createComment({ ...r, issue_number: target.issue, body });
        else await o.repos.createCommitComment({ ...r, commit_sha: target.commit, body });
      }),
  };
}

function decodeBase64(text: string): Uint8Array {
  const bin = atob(text.replace(/\s+/g, ''));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
