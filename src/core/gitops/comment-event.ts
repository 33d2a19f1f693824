import { isRecord } from '../../domain/json.js';

/** The fields of a GitHub `issue_comment` or `commit_comment` webhook that commands read. */
export interface CommentEvent {
  repository: string;
  commentId: number;
  user: string;
  /** `User` or `Bot`: bots (our own replies among them) never run commands. */
  userType: string;
  body: string;
  url: string;
  /** Where to answer: the pull request / issue, or the commit. */
  target: { issue: number } | { commit: string };
  installationId?: number;
}

/** A newly created comment, or undefined for edits, deletions and other events. */
export function parseCommentEvent(event: string, payload: unknown): CommentEvent | undefined {
  if (!isRecord(payload) || payload.action !== 'created') return undefined;
  const comment = payload.comment;
  const repo = isRecord(payload.repository) ? payload.repository.full_name : undefined;
  if (
    !isRecord(comment) ||
    typeof repo !== 'string' ||
    typeof comment.id !== 'number' ||
    typeof comment.body !== 'string'
  )
    return undefined;
  const user = isRecord(comment.user) ? comment.user : {};
  if (typeof user.login !== 'string') return undefined;
  let target: CommentEvent['target'];
  if (
    event === 'issue_comment' &&
    isRecord(payload.issue) &&
    typeof payload.issue.number === 'number'
  )
    target = { issue: payload.issue.number };
  else if (event === 'commit_comment' && typeof comment.commit_id === 'string')
    target = { commit: comment.commit_id };
  else return undefined;
  const installation =
    isRecord(payload.installation) && typeof payload.installation.id === 'number'
      ? payload.installation.id
      : undefined;
  return {
    repository: repo,
    commentId: comment.id,
    user: user.login,
    userType: typeof user.type === 'string' ? user.type : 'User',
    body: comment.body,
    url: typeof comment.html_url === 'string' ? comment.html_url : '',
    target,
    ...(installation !== undefined ? { installationId: installation } : {}),
  };
}
