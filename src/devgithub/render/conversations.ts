import {
  type Comment,
  fullName,
  type Issue,
  type Reaction,
  REACTIONS,
  type Repo,
} from '../model.js';
import { buildUser } from './accounts.js';
import { isoTime } from '../../domain/time.js';
import { nodeId, type Urls } from './urls.js';

export type Association = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'NONE';

function repoApi(repo: Repo, urls: Urls): string {
  return `${urls.api}/repos/${fullName(repo)}`;
}

function reactionSummary(url: string, reactions: readonly Reaction[]): Record<string, unknown> {
  const counts = Object.fromEntries(
    REACTIONS.map((r) => [r, reactions.filter((x) => x.content === r).length]),
  );
  return { url, total_count: reactions.length, ...counts };
}

export function buildReaction(r: Reaction, urls: Urls): Record<string, unknown> {
  return {
    id: r.id,
    node_id: nodeId('REA', r.id),
    user: buildUser(r.user, urls),
    content: r.content,
    created_at: isoTime(r.createdAt),
  };
}

export function buildIssueComment(
  repo: Repo,
  urls: Urls,
  c: Comment,
  association: Association,
): Record<string, unknown> {
  const url = `${repoApi(repo, urls)}/issues/comments/${c.id}`;
  const isPull = repo.issues.get(c.issueNumber ?? 0)?.pull !== undefined;
  return {
    url,
    html_url: `${urls.html}/${fullName(repo)}/${isPull ? 'pull' : 'issues'}/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${repoApi(repo, urls)}/issues/${c.issueNumber}`,
    id: c.id,
    node_id: nodeId('IC', c.id),
    user: buildUser(c.user, urls),
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
    author_association: association,
    body: c.body,
    reactions: reactionSummary(`${url}/reactions`, c.reactions),
    performed_via_github_app: null,
  };
}

export function buildCommitComment(
  repo: Repo,
  urls: Urls,
  c: Comment,
  association: Association,
): Record<string, unknown> {
  const url = `${repoApi(repo, urls)}/comments/${c.id}`;
  return {
    url,
    html_url: `${urls.html}/${fullName(repo)}/commit/${c.commitId}#commitcomment-${c.id}`,
    id: c.id,
    node_id: nodeId('CC', c.id),
    user: buildUser(c.user, urls),
    position: c.position ?? null,
    line: c.line ?? null,
    path: c.path ?? null,
    commit_id: c.commitId,
    created_at: isoTime(c.createdAt),
    updated_at: isoTime(c.updatedAt),
    author_association: association,
    body: c.body,
    reactions: reactionSummary(`${url}/reactions`, c.reactions),
  };
}

/** `GET /repos/{o}/{r}/issues/{n}`, also the `issue` of `issue_comment` payloads. */
export function buildIssue(
  repo: Repo,
  urls: Urls,
  issue: Issue,
  association: Association,
): Record<string, unknown> {
  const url = `${repoApi(repo, urls)}/issues/${issue.number}`;
  const comments = [...repo.comments.values()].filter(
    (c) => c.kind === 'issue' && c.issueNumber === issue.number,
  ).length;
  const html = `${urls.html}/${fullName(repo)}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
  return {
    url,
    repository_url: repoApi(repo, urls),
    comments_url: `${url}/comments`,
    html_url: html,
    id: issue.id,
    node_id: nodeId('I', issue.id),
    number: issue.number,
    title: issue.title,
    user: buildUser(issue.user, urls),
    labels: [],
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: null,
    author_association: association,
    body: issue.body,
    ...(issue.pull
      ? {
          draft: false,
          pull_request: {
            url: `${repoApi(repo, urls)}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: null,
          },
        }
      : {}),
  };
}

function branchEnd(repo: Repo, urls: Urls, ref: string, sha: string): Record<string, unknown> {
  return {
    label: `${repo.owner.login}:${ref}`,
    ref,
    sha,
    user: buildUser(repo.owner, urls),
    repo: { id: repo.id, name: repo.name, full_name: fullName(repo), private: repo.private },
  };
}

/** `GET /repos/{o}/{r}/pulls/{n}`; head and base shas are the branches' current heads. */
export function buildPull(
  repo: Repo,
  urls: Urls,
  issue: Issue,
  association: Association,
): Record<string, unknown> {
  const pull = issue.pull;
  if (!pull) throw new Error(`#${issue.number} is not a pull request`);
  const url = `${repoApi(repo, urls)}/pulls/${issue.number}`;
  const headSha = repo.branches.get(pull.head) ?? '';
  return {
    url,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: `${urls.html}/${fullName(repo)}/pull/${issue.number}`,
    diff_url: `${urls.html}/${fullName(repo)}/pull/${issue.number}.diff`,
    issue_url: `${repoApi(repo, urls)}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    comments_url: `${repoApi(repo, urls)}/issues/${issue.number}/comments`,
    statuses_url: `${repoApi(repo, urls)}/statuses/${headSha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: buildUser(issue.user, urls),
    body: issue.body,
    created_at: isoTime(issue.createdAt),
    updated_at: isoTime(issue.updatedAt),
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    draft: false,
    head: branchEnd(repo, urls, pull.head, headSha),
    base: branchEnd(repo, urls, pull.base, repo.branches.get(pull.base) ?? ''),
    author_association: association,
    merged: false,
    mergeable: null,
  };
}
