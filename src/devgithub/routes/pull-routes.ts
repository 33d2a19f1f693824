import { apiErrors } from '../errors.js';
import type { Permission } from '../model.js';
import { buildPermissionFlags, buildUser } from '../render/accounts.js';
import { buildIssue, buildPull } from '../render/conversations.js';
import type { Route } from '../server/router.js';
import { loadRepo, paramInt } from './access.js';

const D = 'https://docs.github.com/rest';

/** The legacy `permission` field folds the finer roles: maintain → write, triage → read. */
export function legacyPermission(role: Permission | 'none'): 'admin' | 'write' | 'read' | 'none' {
  return role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
}

export const pullRoutes: Route[] = [
  {
    method: 'GET',
    path: '/repos/:owner/:repo/pulls/:pull_number',
    docs: `${D}/pulls/pulls#get-a-pull-request`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const issue = repo.issues.get(paramInt(ctx, 'pull_number'));
      if (!issue?.pull) throw apiErrors.notFound();
      return {
        status: 200,
        body: buildPull(repo, ctx.urls, issue, ctx.state.authorAssociation(repo, issue.user.login)),
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/issues/:issue_number',
    docs: `${D}/issues/issues#get-an-issue`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const issue = repo.issues.get(paramInt(ctx, 'issue_number'));
      if (!issue) throw apiErrors.notFound();
      return {
        status: 200,
        body: buildIssue(
          repo,
          ctx.urls,
          issue,
          ctx.state.authorAssociation(repo, issue.user.login),
        ),
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/collaborators/:username',
    docs: `${D}/collaborators/collaborators#check-if-a-user-is-a-repository-collaborator`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const user = ctx.state.account(ctx.params.username ?? '');
      if (!user || ctx.state.permissionOf(repo, user.login) === 'none') throw apiErrors.notFound();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/collaborators/:username/permission',
    docs: `${D}/collaborators/collaborators#get-repository-permissions-for-a-user`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const user = ctx.state.account(ctx.params.username ?? '');
      if (!user || user.type === 'Organization') throw apiErrors.notFound();
      const role = ctx.state.permissionOf(repo, user.login);
      return {
        status: 200,
        body: {
          permission: legacyPermission(role),
          role_name: role,
          user: {
            ...buildUser(user, ctx.urls),
            permissions: buildPermissionFlags(role),
            role_name: role,
          },
        },
      };
    },
  },
];
