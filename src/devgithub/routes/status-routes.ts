import { apiErrors } from '../errors.js';
import { COMMIT_STATES, type CommitState, type CommitStatus } from '../model.js';
import { buildCombinedStatus, buildCommitStatus } from '../render/deployments.js';
import { optionalString, requireString } from '../server/fields.js';
import { pageReply } from '../server/pagination.js';
import type { Route } from '../server/router.js';
import { buildStatusEvent } from '../webhooks/payloads.js';
import { loadCommitRef, loadRepo, requireActor } from './access.js';
import { MAX_DESCRIPTION } from './deployment-routes.js';

const D = 'https://docs.github.com/rest/commits/statuses';
/** GitHub keeps at most 1000 statuses per sha and context. */
const MAX_PER_CONTEXT = 1000;

export const statusRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/:owner/:repo/statuses/:sha',
    docs: `${D}#create-a-commit-status`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const creator = requireActor(ctx);
      const sha = loadCommitRef(ctx, repo, ctx.params.sha ?? '');
      const state = requireString(ctx.body, 'state');
      if (!(COMMIT_STATES as readonly string[]).includes(state))
        throw apiErrors.validationFailed({
          resource: 'Status',
          code: 'custom',
          field: 'state',
          message: 'state is not included in the list',
        });
      const description = optionalString(ctx.body, 'description') ?? null;
      if (description && description.length > MAX_DESCRIPTION)
        throw apiErrors.validationFailed({
          resource: 'Status',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
        });
      const context = optionalString(ctx.body, 'context') || 'default';
      if (
        repo.statuses.filter((s) => s.sha === sha && s.context === context).length >=
        MAX_PER_CONTEXT
      ) {
        throw apiErrors.validationFailed({
          resource: 'Status',
          code: 'custom',
          field: 'context',
          message: 'This SHA and context has reached the maximum number of statuses.',
        });
      }
      const status: CommitStatus = {
        id: ctx.state.nextId('status'),
        sha,
        state: state as CommitState,
        context,
        description,
        targetUrl: optionalString(ctx.body, 'target_url') ?? null,
        creator,
        createdAt: ctx.now,
      };
      repo.statuses.push(status);
      ctx.events.emit(repo, 'status', buildStatusEvent(repo, ctx.urls, status, creator));
      return { status: 201, body: buildCommitStatus(repo, ctx.urls, status) };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits/:ref/statuses',
    docs: `${D}#list-commit-statuses-for-a-reference`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const sha = loadCommitRef(ctx, repo, ctx.params.ref ?? '');
      const all = repo.statuses.filter((s) => s.sha === sha).sort((a, b) => b.id - a.id);
      return pageReply(all, ctx.url, (s) => buildCommitStatus(repo, ctx.urls, s));
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/commits/:ref/status',
    docs: `${D}#get-the-combined-status-for-a-specific-reference`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return {
        status: 200,
        body: buildCombinedStatus(repo, ctx.urls, loadCommitRef(ctx, repo, ctx.params.ref ?? '')),
      };
    },
  },
];
