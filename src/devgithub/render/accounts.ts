import { type Account, fullName, type Permission, type Repo } from '../model.js';
import { isoTime } from '../../domain/time.js';
import { nodeId, type Urls } from './urls.js';

export function buildUser(a: Account, urls: Urls): Record<string, unknown> {
  const api = `${urls.api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.type === 'Organization' ? 'O' : a.type === 'Bot' ? 'BOT' : 'U', a.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url:
      a.type === 'Bot'
        ? `${urls.html}/apps/${a.login.replace(/\[bot\]$/, '')}`
        : `${urls.html}/${a.login}`,
    followers_url: `${api}/followers`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    type: a.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

/** The `permissions` object GitHub attaches to a repository or collaborator for a given role. */
export function buildPermissionFlags(p: Permission | 'none'): Record<string, boolean> {
  const rank = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 }[p];
  return {
    admin: rank >= 5,
    maintain: rank >= 4,
    push: rank >= 3,
    triage: rank >= 2,
    pull: rank >= 1,
  };
}

/** `GET /repos/{owner}/{repo}` and the `repository` of most webhook payloads. */
export function buildRepo(
  repo: Repo,
  urls: Urls,
  viewer?: Permission | 'none',
): Record<string, unknown> {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: buildUser(repo.owner, urls),
    html_url: `${urls.html}/${fullName(repo)}`,
    description: null,
    fork: false,
    url: api,
    hooks_url: `${api}/hooks`,
    branches_url: `${api}/branches{/branch}`,
    statuses_url: `${api}/statuses/{sha}`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    deployments_url: `${api}/deployments`,
    created_at: isoTime(repo.createdAt),
    updated_at: isoTime(repo.updatedAt),
    pushed_at: isoTime(repo.pushedAt),
    clone_url: `${urls.html}/${fullName(repo)}.git`,
    size: 0,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    default_branch: repo.defaultBranch,
    ...(viewer ? { permissions: buildPermissionFlags(viewer) } : {}),
  };
}

/** Push payloads are older: owner carries name/email, and the times are unix seconds. */
export function buildPushRepo(repo: Repo, urls: Urls): Record<string, unknown> {
  const base = buildRepo(repo, urls);
  return {
    ...base,
    owner: { name: repo.owner.login, email: null, ...buildUser(repo.owner, urls) },
    url: base.html_url,
    created_at: Math.floor(repo.createdAt / 1000),
    pushed_at: Math.floor(repo.pushedAt / 1000),
    stargazers: 0,
    master_branch: repo.defaultBranch,
  };
}
