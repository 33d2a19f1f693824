import { DevGitHubError } from './errors.js';
import type { Repo } from './model.js';
import { buildCommitComment, buildIssueComment, buildReaction } from './render/conversations.js';
import {
  buildCombinedStatus,
  buildCommitStatus,
  buildDeployment,
  buildDeploymentStatus,
} from './render/deployments.js';
import type { Urls } from './render/urls.js';
import type { GitHubState } from './state.js';

type Json = Record<string, unknown>;

/**
 * What the code under test wrote through the API, in the same JSON shapes the REST API answers with
 * (newest first where GitHub lists newest first), read straight from the state: no request is logged.
 */
export class Inspector {
  constructor(
    private readonly state: GitHubState,
    private readonly urls: () => Urls,
  ) {}

  private sha(repo: Repo, ref: string): string {
    const sha = this.state.resolveCommit(repo, ref);
    if (!sha) throw new DevGitHubError(`no commit ${ref} in ${repo.owner.login}/${repo.name}`);
    return sha;
  }

  deployments(repoName: string): Json[] {
    const repo = this.state.repo(repoName);
    return [...repo.deployments]
      .sort((a, b) => b.id - a.id)
      .map((d) => buildDeployment(repo, this.urls(), d));
  }

  deploymentStatuses(repoName: string, deploymentId: number): Json[] {
    const repo = this.state.repo(repoName);
    const d = repo.deployments.find((x) => x.id === deploymentId);
    if (!d) throw new DevGitHubError(`no deployment ${deploymentId} in ${repoName}`);
    return [...d.statuses].reverse().map((s) => buildDeploymentStatus(repo, this.urls(), s));
  }

  commitStatuses(repoName: string, ref: string): Json[] {
    const repo = this.state.repo(repoName);
    const sha = this.sha(repo, ref);
    return repo.statuses
      .filter((s) => s.sha === sha)
      .sort((a, b) => b.id - a.id)
      .map((s) => buildCommitStatus(repo, this.urls(), s));
  }

  combinedStatus(repoName: string, ref: string): Json {
    const repo = this.state.repo(repoName);
    return buildCombinedStatus(repo, this.urls(), this.sha(repo, ref));
  }

  issueComments(repoName: string, number: number): Json[] {
    const repo = this.state.repo(repoName);
    return [...repo.comments.values()]
      .filter((c) => c.kind === 'issue' && c.issueNumber === number)
      .map((c) =>
        buildIssueComment(repo, this.urls(), c, this.state.authorAssociation(repo, c.user.login)),
      );
  }

  commitComments(repoName: string, ref: string): Json[] {
    const repo = this.state.repo(repoName);
    const sha = this.sha(repo, ref);
    return [...repo.comments.values()]
      .filter((c) => c.kind === 'commit' && c.commitId === sha)
      .map((c) =>
        buildCommitComment(repo, this.urls(), c, this.state.authorAssociation(repo, c.user.login)),
      );
  }

  /** Reactions on an issue or commit comment (comment ids are unique across both kinds). */
  reactions(repoName: string, commentId: number): Json[] {
    const repo = this.state.repo(repoName);
    const c = repo.comments.get(commentId);
    if (!c) throw new DevGitHubError(`no comment ${commentId} in ${repoName}`);
    return c.reactions.map((r) => buildReaction(r, this.urls()));
  }
}
