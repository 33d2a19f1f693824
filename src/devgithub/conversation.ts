import { apiErrors } from './errors.js';
import {
  type Account,
  type Comment,
  type Issue,
  type Reaction,
  type ReactionContent,
  REACTIONS,
  type Repo,
} from './model.js';
import type { GitHubState } from './state.js';

/** GitHub's limit on comment bodies. */
const MAX_BODY = 65_536;

export function checkCommentBody(resource: 'IssueComment' | 'CommitComment', body: string): void {
  if (body.trim() === '')
    throw apiErrors.validationFailed({ resource, code: 'missing_field', field: 'body' });
  if (body.length > MAX_BODY)
    throw apiErrors.validationFailed({
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY} characters)`,
    });
}

export function openIssue(
  state: GitHubState,
  repo: Repo,
  fields: {
    title: string;
    body?: string | null;
    user: Account;
    pull?: { head: string; base: string };
  },
): Issue {
  const number = Math.max(0, ...repo.issues.keys()) + 1;
  const at = state.now();
  const issue: Issue = {
    number,
    id: state.nextId('issue'),
    title: fields.title,
    body: fields.body ?? null,
    user: fields.user,
    state: 'open',
    createdAt: at,
    updatedAt: at,
    ...(fields.pull ? { pull: { id: state.nextId('pull'), ...fields.pull } } : {}),
  };
  repo.issues.set(number, issue);
  return issue;
}

export function addIssueComment(
  state: GitHubState,
  repo: Repo,
  issue: Issue,
  user: Account,
  body: string,
): Comment {
  checkCommentBody('IssueComment', body);
  const at = state.now();
  const comment: Comment = {
    id: state.nextId('comment'),
    kind: 'issue',
    issueNumber: issue.number,
    body,
    user,
    createdAt: at,
    updatedAt: at,
    reactions: [],
  };
  repo.comments.set(comment.id, comment);
  issue.updatedAt = at;
  return comment;
}

export function addCommitComment(
  state: GitHubState,
  repo: Repo,
  commitId: string,
  user: Account,
  body: string,
  where: { path?: string; position?: number; line?: number } = {},
): Comment {
  checkCommentBody('CommitComment', body);
  const at = state.now();
  const comment: Comment = {
    id: state.nextId('comment'),
    kind: 'commit',
    commitId,
    path: where.path ?? null,
    position: where.position ?? null,
    line: where.line ?? null,
    body,
    user,
    createdAt: at,
    updatedAt: at,
    reactions: [],
  };
  repo.comments.set(comment.id, comment);
  return comment;
}

/** One reaction per user and content: reacting twice returns the first one (`created: false`, a 200). */
export function addReaction(
  state: GitHubState,
  comment: Comment,
  user: Account,
  content: string,
): { reaction: Reaction; created: boolean } {
  if (!(REACTIONS as readonly string[]).includes(content))
    throw apiErrors.validationFailed({
      resource: 'Reaction',
      code: 'custom',
      field: 'content',
      message: 'content is not included in the list',
    });
  const existing = comment.reactions.find((r) => r.user.id === user.id && r.content === content);
  if (existing) return { reaction: existing, created: false };
  const reaction: Reaction = {
    id: state.nextId('reaction'),
    content: content as ReactionContent,
    user,
    createdAt: state.now(),
  };
  comment.reactions.push(reaction);
  return { reaction, created: true };
}
