import { type CommitChange, buildSignature, writeCommit } from './commit-files.js';
import { addCommitComment, addIssueComment, openIssue } from './conversation.js';
import { DevGitHubError } from './errors.js';
import { planCommitRange } from './git/git-history.js';
import { ZERO_SHA } from './git/git-objects.js';
import type { Account, Repo } from './model.js';
import type { Urls } from './render/urls.js';
import type { GitHubState } from './state.js';
import type { Delivery, WebhookDispatcher } from './webhooks/dispatcher.js';
import {
  buildCommentEvent,
  buildIssuesEvent,
  buildPullRequestEvent,
  buildPushEvent,
} from './webhooks/payloads.js';

export type CommentTarget = { pull: number } | { issue: number } | { commit: string };

/**
 * What people do on GitHub, for tests and the demo: pushes, pull requests, comments. Each one changes
 * the state, then delivers the webhook GitHub would send and waits for the hooks' answers.
 */
export class RepoActions {
  constructor(
    private readonly state: GitHubState,
    private readonly hooks: WebhookDispatcher,
    private readonly urls: () => Urls,
  ) {}

  private user(login: string): Account {
    return this.state.ensureAccount(login, 'User');
  }

  commit(repoName: string, branch: string, change: CommitChange): string {
    const repo = this.state.repo(repoName);
    const head =
      repo.branches.get(branch) ??
      (change.from ? this.state.resolveCommit(repo, change.from) : undefined);
    if (!repo.branches.has(branch) && change.from && !head)
      throw new DevGitHubError(
        `cannot start ${branch} from ${change.from}: no such branch or commit`,
      );
    const author = change.author ?? this.state.tokenOwner;
    const known = /</.test(author) ? undefined : this.user(author);
    const sha = writeCommit(
      repo,
      head,
      change,
      buildSignature(known ?? author, Math.floor(this.state.now() / 1000)),
    );
    repo.branches.set(branch, sha);
    repo.updatedAt = this.state.now();
    return sha;
  }

  async push(
    repoName: string,
    branch: string,
    change: CommitChange,
  ): Promise<{ sha: string; deliveries: Delivery[] }> {
    const repo = this.state.repo(repoName);
    const before = repo.branches.get(branch) ?? ZERO_SHA;
    const sha = this.commit(repoName, branch, change);
    const pusher = this.user(
      change.author && !/</.test(change.author) ? change.author : this.state.tokenOwner,
    );
    return { sha, deliveries: await this.deliverPush(repo, branch, before, sha, false, pusher) };
  }

  async forcePush(
    repoName: string,
    branch: string,
    sha: string,
    pusherLogin?: string,
  ): Promise<Delivery[]> {
    const repo = this.state.repo(repoName);
    if (!repo.git.commit(sha)) throw new DevGitHubError(`no commit ${sha} in ${repoName}`);
    const before = repo.branches.get(branch) ?? ZERO_SHA;
    repo.branches.set(branch, sha);
    return this.deliverPush(
      repo,
      branch,
      before,
      sha,
      true,
      this.user(pusherLogin ?? this.state.tokenOwner),
    );
  }

  async deleteBranch(repoName: string, branch: string, pusherLogin?: string): Promise<Delivery[]> {
    const repo = this.state.repo(repoName);
    const before = repo.branches.get(branch);
    if (!before) throw new DevGitHubError(`no branch ${branch} in ${repoName}`);
    repo.branches.delete(branch);
    return this.deliverPush(
      repo,
      branch,
      before,
      ZERO_SHA,
      false,
      this.user(pusherLogin ?? this.state.tokenOwner),
    );
  }

  private async deliverPush(
    repo: Repo,
    branch: string,
    before: string,
    after: string,
    forced: boolean,
    pusher: Account,
  ): Promise<Delivery[]> {
    const read = (s: string) => repo.git.commit(s);
    // A new branch lists only the commits no other branch has; an update, those since `before`.
    const exclude =
      before === ZERO_SHA
        ? [...repo.branches].filter(([b]) => b !== branch).map(([, s]) => s)
        : [before];
    const range = after === ZERO_SHA ? [] : planCommitRange(read, after, exclude);
    const commits = range.map((sha) => ({ sha, distinct: !repo.pushed.has(sha) }));
    for (const c of range) repo.pushed.add(c);
    repo.pushedAt = this.state.now();
    return this.hooks.deliver(
      repo,
      'push',
      buildPushEvent(repo, this.urls(), { branch, before, after, commits, forced, pusher }),
    );
  }

  async openPullRequest(
    repoName: string,
    pr: { head: string; base: string; title?: string; body?: string; user: string },
  ): Promise<{ number: number; deliveries: Delivery[] }> {
    const repo = this.state.repo(repoName);
    for (const b of [pr.head, pr.base])
      if (!repo.branches.has(b)) throw new DevGitHubError(`no branch ${b} in ${repoName}`);
    const user = this.user(pr.user);
    const issue = openIssue(this.state, repo, {
      title: pr.title ?? `Merge ${pr.head} into ${pr.base}`,
      body: pr.body ?? null,
      user,
      pull: { head: pr.head, base: pr.base },
    });
    return {
      number: issue.number,
      deliveries: await this.hooks.deliver(
        repo,
        'pull_request',
        buildPullRequestEvent(repo, this.urls(), this.state, issue, 'opened', user),
      ),
    };
  }

  async openIssue(
    repoName: string,
    fields: { title: string; body?: string; user: string },
  ): Promise<{ number: number; deliveries: Delivery[] }> {
    const repo = this.state.repo(repoName);
    const user = this.user(fields.user);
    const issue = openIssue(this.state, repo, {
      title: fields.title,
      body: fields.body ?? null,
      user,
    });
    return {
      number: issue.number,
      deliveries: await this.hooks.deliver(
        repo,
        'issues',
        buildIssuesEvent(repo, this.urls(), this.state, issue, 'opened', user),
      ),
    };
  }

  async comment(
    repoName: string,
    target: CommentTarget,
    by: { user: string; body: string },
  ): Promise<{ id: number; deliveries: Delivery[] }> {
    const repo = this.state.repo(repoName);
    const user = this.user(by.user);
    if ('commit' in target) {
      const sha = this.state.resolveCommit(repo, target.commit);
      if (!sha) throw new DevGitHubError(`no commit ${target.commit} in ${repoName}`);
      const c = addCommitComment(this.state, repo, sha, user, by.body);
      return {
        id: c.id,
        deliveries: await this.hooks.deliver(
          repo,
          'commit_comment',
          buildCommentEvent(repo, this.urls(), this.state, c, user, 'created'),
        ),
      };
    }
    const number = 'pull' in target ? target.pull : target.issue;
    const issue = repo.issues.get(number);
    if (!issue || ('pull' in target && !issue.pull))
      throw new DevGitHubError(
        `no ${'pull' in target ? 'pull request' : 'issue'} #${number} in ${repoName}`,
      );
    const c = addIssueComment(this.state, repo, issue, user, by.body);
    return {
      id: c.id,
      deliveries: await this.hooks.deliver(
        repo,
        'issue_comment',
        buildCommentEvent(repo, this.urls(), this.state, c, user, 'created'),
      ),
    };
  }
}
