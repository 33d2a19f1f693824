import { apiErrors } from '../errors.js';
import { buildRepo, buildUser } from '../render/accounts.js';
import { isoTime } from '../../domain/time.js';
import { nodeId } from '../render/urls.js';
import { type AppSettings, INSTALLATION_PERMISSIONS } from '../server/auth.js';
import { optionalStringArray } from '../server/fields.js';
import type { RequestContext, Route } from '../server/router.js';

const D = 'https://docs.github.com/rest/apps';

function requireApp(ctx: RequestContext): AppSettings {
  if (!ctx.app) throw apiErrors.notFound();
  return ctx.app;
}

/** The single installation covers every repository (`repository_selection: all`). */
function buildInstallation(
  ctx: RequestContext,
  app: AppSettings,
  account: ReturnType<RequestContext['state']['account']>,
): Record<string, unknown> {
  const api = `${ctx.urls.api}/app/installations/${app.installationId}`;
  return {
    id: app.installationId,
    account: account ? buildUser(account, ctx.urls) : null,
    repository_selection: 'all',
    access_tokens_url: `${api}/access_tokens`,
    repositories_url: `${ctx.urls.api}/installation/repositories`,
    html_url: `${ctx.urls.html}/settings/installations/${app.installationId}`,
    app_id: app.id,
    app_slug: app.slug,
    target_id: account?.id ?? null,
    target_type: account?.type ?? 'Organization',
    permissions: INSTALLATION_PERMISSIONS,
    events: [
      'push',
      'pull_request',
      'issue_comment',
      'commit_comment',
      'deployment',
      'deployment_status',
      'status',
    ],
    created_at: isoTime(0),
    updated_at: isoTime(0),
    single_file_name: null,
    suspended_at: null,
  };
}

export const appRoutes: Route[] = [
  {
    method: 'GET',
    path: '/rate_limit',
    docs: `https://docs.github.com/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user`,
    free: true,
    handle: (ctx) => {
      const core = {
        limit: ctx.rate.limit,
        used: ctx.rate.used,
        remaining: ctx.rate.remaining,
        reset: ctx.rate.reset,
      };
      const idle = (limit: number) => ({ limit, used: 0, remaining: limit, reset: ctx.rate.reset });
      return {
        status: 200,
        body: {
          resources: {
            core,
            search: idle(30),
            graphql: idle(5000),
            integration_manifest: idle(5000),
            code_search: idle(10),
          },
          rate: core,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/app',
    docs: `${D}/apps#get-the-authenticated-app`,
    auth: 'app',
    handle: (ctx) => {
      const app = requireApp(ctx);
      return {
        status: 200,
        body: {
          id: app.id,
          slug: app.slug,
          node_id: nodeId('A', app.id),
          client_id: `Iv1.${app.id.toString(16).padStart(16, '0')}`,
          owner: null,
          name: app.slug,
          description: '',
          external_url: ctx.urls.html,
          html_url: `${ctx.urls.html}/apps/${app.slug}`,
          created_at: isoTime(0),
          updated_at: isoTime(0),
          permissions: INSTALLATION_PERMISSIONS,
          events: [],
          installations_count: 1,
        },
      };
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/installation',
    docs: `${D}/apps#get-a-repository-installation-for-the-authenticated-app`,
    auth: 'app',
    handle: (ctx) => {
      const app = requireApp(ctx);
      const repo = ctx.state.findRepo(ctx.params.owner ?? '', ctx.params.repo ?? '');
      if (!repo) throw apiErrors.notFound();
      return { status: 200, body: buildInstallation(ctx, app, repo.owner) };
    },
  },
  {
    method: 'POST',
    path: '/app/installations/:installation_id/access_tokens',
    docs: `${D}/apps#create-an-installation-access-token-for-an-app`,
    auth: 'app',
    handle: (ctx) => {
      const app = requireApp(ctx);
      if (ctx.params.installation_id !== String(app.installationId)) throw apiErrors.notFound();
      const names = optionalStringArray(ctx.body, 'repositories');
      const ids = Array.isArray(ctx.body.repository_ids)
        ? (ctx.body.repository_ids as unknown[])
        : undefined;
      const all = ctx.state.allRepos();
      const selected = [
        ...(names ?? []).map((n) => all.find((r) => r.name.toLowerCase() === n.toLowerCase())),
        ...(ids ?? []).map((id) => all.find((r) => r.id === id)),
      ];
      if (selected.some((r) => r === undefined))
        throw apiErrors.unprocessable(
          'There is at least one repository that does not exist or is not accessible to the parent installation.',
        );
      const repos = selected.filter((r) => r !== undefined);
      const requested = ctx.body.permissions;
      const permissions =
        requested && typeof requested === 'object' && !Array.isArray(requested)
          ? (requested as Record<string, string>)
          : INSTALLATION_PERMISSIONS;
      const grant = ctx.installations.issue(
        app.installationId,
        ctx.now,
        permissions,
        repos.length ? repos.map((r) => r.name) : undefined,
      );
      return {
        status: 201,
        body: {
          token: grant.token,
          expires_at: isoTime(grant.expiresAt),
          permissions: grant.permissions,
          repository_selection: repos.length ? 'selected' : 'all',
          ...(repos.length ? { repositories: repos.map((r) => buildRepo(r, ctx.urls)) } : {}),
        },
      };
    },
  },
];
