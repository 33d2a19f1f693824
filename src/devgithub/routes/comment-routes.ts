import {
  addCommitComment,
  addIssueComment,
  addReaction,
  checkCommentBody,
} from '../conversation.js';
import { apiErrors } from '../errors.js';
import type { Comment, Repo } from '../model.js';
import { buildCommitComment, buildIssueComment, buildReaction } from '../render/conversations.js';
import { optionalInteger, optionalString, requireString } from '../server/fields.js';
import { pageReply } from '../server/pagination.js';
import type { Reply, RequestContext, Route } from '../server/router.js';
import { buildCommentEvent } from '../webhooks/payloads.js';
import { loadCommitRef, loadRepo, paramInt, requireActor } from './access.js';

const D = 'https://docs.github.com/rest';

function loadComment(ctx: RequestContext, repo: Repo, kind: Comment['kind']): Comment {
  const c = repo.comments.get(paramInt(ctx, 'comment_id'));
  if (!c || c.kind !== kind) throw apiErrors.notFound();
  return c;
}

function render(ctx: RequestContext, repo: Repo, c: Comment): Record<string, unknown> {
  const association = ctx.state.authorAssociation(repo, c.user.login);
  return c.kind === 'issue'
    ? buildIssueComment(repo, ctx.urls, c, association)
    : buildCommitComment(repo, ctx.urls, c, association);
}

function since(ctx: RequestContext): number {
  const raw = ctx.url.searchParams.get('since');
  return raw ? Date.parse(raw) || 0 : 0;
}

/** GET, PATCH and DELETE of one comment, and its reactions, for both kinds. */
function commentRoutes(kind: Comment['kind'], base: string, docs: string): Route[] {
  const resource = kind === 'issue' ? 'IssueComment' : 'CommitComment';
  const event = kind === 'issue' ? 'issue_comment' : 'commit_comment';
  const reactionDocs = `${D}/reactions/reactions#${kind === 'issue' ? 'create-reaction-for-an-issue-comment' : 'create-reaction-for-a-commit-comment'}`;
  return [
    {
      method: 'GET',
      path: base,
      docs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        return { status: 200, body: render(ctx, repo, loadComment(ctx, repo, kind)) };
      },
    },
    {
      method: 'PATCH',
      path: base,
      docs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        const actor = requireActor(ctx);
        const c = loadComment(ctx, repo, kind);
        const body = requireString(ctx.body, 'body');
        checkCommentBody(resource, body);
        const from = c.body;
        c.body = body;
        c.updatedAt = ctx.now;
        ctx.events.emit(
          repo,
          event,
          buildCommentEvent(repo, ctx.urls, ctx.state, c, actor, 'edited', { body: { from } }),
        );
        return { status: 200, body: render(ctx, repo, c) };
      },
    },
    {
      method: 'DELETE',
      path: base,
      docs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        const actor = requireActor(ctx);
        const c = loadComment(ctx, repo, kind);
        repo.comments.delete(c.id);
        ctx.events.emit(
          repo,
          event,
          buildCommentEvent(repo, ctx.urls, ctx.state, c, actor, 'deleted'),
        );
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      path: `${base}/reactions`,
      docs: reactionDocs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        const actor = requireActor(ctx);
        const { reaction, created } = addReaction(
          ctx.state,
          loadComment(ctx, repo, kind),
          actor,
          requireString(ctx.body, 'content'),
        );
        return { status: created ? 201 : 200, body: buildReaction(reaction, ctx.urls) };
      },
    },
    {
      method: 'GET',
      path: `${base}/reactions`,
      docs: reactionDocs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        const content = ctx.url.searchParams.get('content');
        const all = loadComment(ctx, repo, kind).reactions.filter(
          (r) => !content || r.content === content,
        );
        return pageReply(all, ctx.url, (r) => buildReaction(r, ctx.urls));
      },
    },
    {
      method: 'DELETE',
      path: `${base}/reactions/:reaction_id`,
      docs: reactionDocs,
      handle: (ctx) => {
        const repo = loadRepo(ctx);
        requireActor(ctx);
        const c = loadComment(ctx, repo, kind);
        const id = paramInt(ctx, 'reaction_id');
        c.reactions = c.reactions.filter((r) => r.id !== id);
        return { status: 204 };
      },
    },
  ];
}

function createIssueComment(ctx: RequestContext): Reply {
  const repo = loadRepo(ctx);
  const actor = requireActor(ctx);
  const issue = repo.issues.get(paramInt(ctx, 'issue_number'));
  if (!issue) throw apiErrors.notFound();
  const c = addIssueComment(ctx.state, repo, issue, actor, requireString(ctx.body, 'body'));
  ctx.events.emit(
    repo,
    'issue_comment',
    buildCommentEvent(repo, ctx.urls, ctx.state, c, actor, 'created'),
  );
  return { status: 201, body: render(ctx, repo, c) };
}

function createCommitComment(ctx: RequestContext): Reply {
  const repo = loadRepo(ctx);
  const actor = requireActor(ctx);
  const sha = loadCommitRef(ctx, repo, ctx.params.commit_sha ?? '');
  const body = requireString(ctx.body, 'body');
  const path = optionalString(ctx.body, 'path');
  const position = optionalInteger(ctx.body, 'position');
  const line = optionalInteger(ctx.body, 'line');
  const c = addCommitComment(ctx.state, repo, sha, actor, body, {
    ...(path ? { path } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(line !== undefined ? { line } : {}),
  });
  ctx.events.emit(
    repo,
    'commit_comment',
    buildCommentEvent(repo, ctx.urls, ctx.state, c, actor, 'created'),
  );
  return { status: 201, body: render(ctx, repo, c) };
}

export const conversationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/:owner/:repo/issues/:issue_number/comments',
    docs: `${D}/issues/comments#create-an-issue-comment`,
    handle: createIssueComment,
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/:issue_number/comments',
    docs: `${D}/issues/comments#list-issue-comments`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const number = paramInt(ctx, 'issue_number');
      if (!repo.issues.has(number)) throw apiErrors.notFound();
      const all = [...repo.comments.values()].filter(
        (c) => c.kind === 'issue' && c.issueNumber === number && c.updatedAt >= since(ctx),
      );
      return pageReply(all, ctx.url, (c) => render(ctx, repo, c));
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/comments',
    docs: `${D}/issues/comments#list-issue-comments-for-a-repository`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return pageReply(
        [...repo.comments.values()].filter((c) => c.kind === 'issue' && c.updatedAt >= since(ctx)),
        ctx.url,
        (c) => render(ctx, repo, c),
      );
    },
  },
  ...commentRoutes(
    'issue',
    '/repos/:owner/:repo/issues/comments/:comment_id',
    `${D}/issues/comments#get-an-issue-comment`,
  ),
  {
    method: 'POST',
    path: '/repos/:owner/:repo/commits/:commit_sha/comments',
    docs: `${D}/commits/comments#create-a-commit-comment`,
    handle: createCommitComment,
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits/:commit_sha/comments',
    docs: `${D}/commits/comments#list-commit-comments`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const sha = loadCommitRef(ctx, repo, ctx.params.commit_sha ?? '');
      return pageReply(
        [...repo.comments.values()].filter((c) => c.kind === 'commit' && c.commitId === sha),
        ctx.url,
        (c) => render(ctx, repo, c),
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/comments',
    docs: `${D}/commits/comments#list-commit-comments-for-a-repository`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return pageReply(
        [...repo.comments.values()].filter((c) => c.kind === 'commit'),
        ctx.url,
        (c) => render(ctx, repo, c),
      );
    },
  },
  ...commentRoutes(
    'commit',
    '/repos/:owner/:repo/comments/:comment_id',
    `${D}/commits/comments#get-a-commit-comment`,
  ),
];
