import {
  type CommitStatus,
  type Deployment,
  type DeploymentStatus,
  fullName,
  type Repo,
} from '../model.js';
import { computeCombinedState, computeLatestByContext } from '../status-rules.js';
import { buildUser } from './accounts.js';
import { isoTime } from '../../domain/time.js';
import { nodeId, type Urls } from './urls.js';

function repoApi(repo: Repo, urls: Urls): string {
  return `${urls.api}/repos/${fullName(repo)}`;
}

export function buildDeployment(repo: Repo, urls: Urls, d: Deployment): Record<string, unknown> {
  const url = `${repoApi(repo, urls)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: nodeId('DE', d.id),
    task: d.task,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    created_at: isoTime(d.createdAt),
    updated_at: isoTime(d.updatedAt),
    statuses_url: `${url}/statuses`,
    repository_url: repoApi(repo, urls),
    creator: buildUser(d.creator, urls),
    sha: d.sha,
    ref: d.ref,
    payload: d.payload,
    transient_environment: d.transient,
    production_environment: d.production,
    performed_via_github_app: null,
  };
}

export function buildDeploymentStatus(
  repo: Repo,
  urls: Urls,
  s: DeploymentStatus,
): Record<string, unknown> {
  const deploymentUrl = `${repoApi(repo, urls)}/deployments/${s.deploymentId}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: nodeId('DES', s.id),
    state: s.state,
    creator: buildUser(s.creator, urls),
    description: s.description,
    environment: s.environment,
    // `target_url` is the older name of `log_url`; GitHub keeps both in step.
    target_url: s.logUrl,
    created_at: isoTime(s.createdAt),
    updated_at: isoTime(s.createdAt),
    deployment_url: deploymentUrl,
    repository_url: repoApi(repo, urls),
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null,
  };
}

export function buildCommitStatus(
  repo: Repo,
  urls: Urls,
  s: CommitStatus,
  withCreator = true,
): Record<string, unknown> {
  return {
    url: `${repoApi(repo, urls)}/statuses/${s.sha}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${s.creator.id}?v=4`,
    id: s.id,
    node_id: nodeId('SC', s.id),
    state: s.state,
    description: s.description,
    target_url: s.targetUrl,
    context: s.context,
    created_at: isoTime(s.createdAt),
    updated_at: isoTime(s.createdAt),
    ...(withCreator ? { creator: buildUser(s.creator, urls) } : {}),
  };
}

/** `GET /repos/{o}/{r}/commits/{ref}/status`. */
export function buildCombinedStatus(repo: Repo, urls: Urls, sha: string): Record<string, unknown> {
  const latest = computeLatestByContext(repo.statuses.filter((s) => s.sha === sha));
  return {
    state: computeCombinedState(latest),
    statuses: latest.map((s) => buildCommitStatus(repo, urls, s, false)),
    sha,
    total_count: latest.length,
    repository: {
      id: repo.id,
      node_id: nodeId('R', repo.id),
      name: repo.name,
      full_name: fullName(repo),
      private: repo.private,
      owner: buildUser(repo.owner, urls),
      html_url: `${urls.html}/${fullName(repo)}`,
      url: repoApi(repo, urls),
    },
    commit_url: `${repoApi(repo, urls)}/commits/${sha}`,
    url: `${repoApi(repo, urls)}/commits/${sha}/status`,
  };
}
