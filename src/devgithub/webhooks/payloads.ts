import { diffFiles } from '../git/git-diff.js';
import { isAncestor } from '../git/git-history.js';
import { displayMessage, type Signature, ZERO_SHA } from '../git/git-objects.js';
import {
  type Account,
  type Comment,
  type CommitStatus,
  type Deployment,
  type DeploymentStatus,
  fullName,
  type Issue,
  type Repo,
} from '../model.js';
import { buildPushRepo, buildRepo, buildUser } from '../render/accounts.js';
import {
  buildCommitComment,
  buildIssue,
  buildIssueComment,
  buildPull,
} from '../render/conversations.js';
import {
  buildCommitStatus,
  buildDeployment,
  buildDeploymentStatus,
} from '../render/deployments.js';
import { buildCommit, loginFromEmail } from '../render/git.js';
import { isoTime } from '../../domain/time.js';
import type { Urls } from '../render/urls.js';
import type { GitHubState } from '../state.js';

/** Webhook payloads (https://docs.github.com/webhooks/webhook-events-and-payloads) with GitHub's field names. */
type Payload = Record<string, unknown>;

function pushPerson(s: Signature): Payload {
  const username = loginFromEmail(s.email);
  return { name: s.name, email: s.email, ...(username ? { username } : {}) };
}

function buildPushCommit(repo: Repo, urls: Urls, sha: string, distinct: boolean): Payload {
  const c = repo.git.commit(sha);
  if (!c) throw new Error(`commit ${sha} is not in the store`);
  const parent = c.parents[0] ? repo.git.commit(c.parents[0]) : undefined;
  const changes = diffFiles(
    parent ? repo.git.listFiles(parent.tree) : new Map(),
    repo.git.listFiles(c.tree),
    () => undefined,
  );
  const of = (status: string) => changes.filter((f) => f.status === status).map((f) => f.filename);
  return {
    id: sha,
    tree_id: c.tree,
    distinct,
    message: displayMessage(c.message),
    timestamp: isoTime(c.committer.at * 1000),
    url: `${urls.html}/${fullName(repo)}/commit/${sha}`,
    author: pushPerson(c.author),
    committer: pushPerson(c.committer),
    added: of('added'),
    removed: of('removed'),
    modified: of('modified'),
  };
}

export interface PushFacts {
  branch: string;
  before: string;
  after: string;
  /** The pushed commits, oldest first, with whether each is new to the repository. */
  commits: { sha: string; distinct: boolean }[];
  forced: boolean;
  pusher: Account;
}

export function buildPushEvent(repo: Repo, urls: Urls, p: PushFacts): Payload {
  const created = p.before === ZERO_SHA;
  const deleted = p.after === ZERO_SHA;
  const short = (s: string) => s.slice(0, 12);
  const compare = created
    ? `${urls.html}/${fullName(repo)}/compare/${p.branch}`
    : `${urls.html}/${fullName(repo)}/compare/${short(p.before)}...${short(p.after)}`;
  const head = p.commits.find((c) => c.sha === p.after);
  return {
    ref: `refs/heads/${p.branch}`,
    before: p.before,
    after: p.after,
    repository: buildPushRepo(repo, urls),
    pusher: {
      name: p.pusher.login,
      email: `${p.pusher.id}+${p.pusher.login}@users.noreply.github.com`,
    },
    sender: buildUser(p.pusher, urls),
    created,
    deleted,
    forced: p.forced,
    base_ref: null,
    compare,
    // GitHub lists at most 2048 commits; more are only in the Commits API.
    commits: p.commits.slice(-2048).map((c) => buildPushCommit(repo, urls, c.sha, c.distinct)),
    head_commit: deleted ? null : buildPushCommit(repo, urls, p.after, head?.distinct ?? false),
  };
}

export function buildPullRequestEvent(
  repo: Repo,
  urls: Urls,
  state: GitHubState,
  issue: Issue,
  action: string,
  sender: Account,
): Payload {
  return {
    action,
    number: issue.number,
    pull_request: buildPull(repo, urls, issue, state.authorAssociation(repo, issue.user.login)),
    repository: buildRepo(repo, urls),
    sender: buildUser(sender, urls),
  };
}

export function buildIssuesEvent(
  repo: Repo,
  urls: Urls,
  state: GitHubState,
  issue: Issue,
  action: string,
  sender: Account,
): Payload {
  return {
    action,
    issue: buildIssue(repo, urls, issue, state.authorAssociation(repo, issue.user.login)),
    repository: buildRepo(repo, urls),
    sender: buildUser(sender, urls),
  };
}

/** `issue_comment` for comments on issues and pull requests, `commit_comment` for comments on commits. */
export function buildCommentEvent(
  repo: Repo,
  urls: Urls,
  state: GitHubState,
  c: Comment,
  sender: Account,
  action: 'created' | 'edited' | 'deleted',
  changes?: Payload,
): Payload {
  const association = state.authorAssociation(repo, c.user.login);
  const tail = { repository: buildRepo(repo, urls), sender: buildUser(sender, urls) };
  if (c.kind === 'commit')
    return { action, comment: buildCommitComment(repo, urls, c, association), ...tail };
  const issue = repo.issues.get(c.issueNumber ?? 0);
  return {
    action,
    ...(changes ? { changes } : {}),
    issue: issue
      ? buildIssue(repo, urls, issue, state.authorAssociation(repo, issue.user.login))
      : null,
    comment: buildIssueComment(repo, urls, c, association),
    ...tail,
  };
}

export function buildDeploymentEvent(
  repo: Repo,
  urls: Urls,
  d: Deployment,
  sender: Account,
): Payload {
  return {
    action: 'created',
    deployment: buildDeployment(repo, urls, d),
    workflow: null,
    workflow_run: null,
    repository: buildRepo(repo, urls),
    sender: buildUser(sender, urls),
  };
}

export function buildDeploymentStatusEvent(
  repo: Repo,
  urls: Urls,
  d: Deployment,
  s: DeploymentStatus,
  sender: Account,
): Payload {
  return {
    action: 'created',
    deployment_status: buildDeploymentStatus(repo, urls, s),
    deployment: buildDeployment(repo, urls, d),
    check_run: null,
    workflow: null,
    workflow_run: null,
    repository: buildRepo(repo, urls),
    sender: buildUser(sender, urls),
  };
}

export function buildStatusEvent(
  repo: Repo,
  urls: Urls,
  s: CommitStatus,
  sender: Account,
): Payload {
  const read = (sha: string) => repo.git.commit(sha);
  // "Each branch contains the given SHA, but the SHA may or may not be the head of the branch."
  const branches = [...repo.branches]
    .filter(([, head]) => isAncestor(read, s.sha, head))
    .slice(0, 10);
  const status = buildCommitStatus(repo, urls, s);
  return {
    id: s.id,
    sha: s.sha,
    name: fullName(repo),
    target_url: s.targetUrl,
    avatar_url: status.avatar_url,
    context: s.context,
    description: s.description,
    state: s.state,
    commit: buildCommit(repo, urls, s.sha, () => undefined),
    branches: branches.map(([name, head]) => ({
      name,
      commit: { sha: head, url: `${urls.api}/repos/${fullName(repo)}/commits/${head}` },
      protected: false,
    })),
    created_at: status.created_at,
    updated_at: status.updated_at,
    repository: buildRepo(repo, urls),
    sender: buildUser(sender, urls),
  };
}
