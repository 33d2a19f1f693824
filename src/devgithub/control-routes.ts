import { normalisePath } from './commit-files.js';
import { apiErrors } from './errors.js';
import type { Inspector } from './inspect.js';
import type { RepoActions } from './repo-actions.js';
import { optionalInteger, optionalString, requireString } from './server/fields.js';
import type { ControlHandler } from './server/http-server.js';
import type { GitHubState } from './state.js';
import type { Delivery, DeliveryRecord, WebhookDispatcher } from './webhooks/dispatcher.js';

/**
 * The dev-only control surface under `/_dev/` that `functions/devgithub.ts` drives. Served only by a
 * loopback server and only to a valid personal access token; it is not part of GitHub's API.
 *
 *   POST /_dev/push           { repo, branch, files: { path: base64 }, replace?: dir, message?, author?, from? }
 *                              `replace` drops the files under that directory ('' = all) that `files` lacks.
 *   POST /_dev/delete-branch  { repo, branch }
 *   POST /_dev/pull-request   { repo, head, base, title?, user }
 *   POST /_dev/comment        { repo, user, body, pull? | issue? | commit? }
 *   POST /_dev/redeliver      { id }
 *   GET  /_dev/statuses?repo=&ref=   commit statuses, combined state and the ref's deployments with statuses
 *   GET  /_dev/deliveries?limit=     recent deliveries, newest first
 */
export interface ControlDeps {
  state: GitHubState;
  actions: RepoActions;
  inspect: Inspector;
  hooks: WebhookDispatcher;
}

function summary(d: Delivery): Record<string, unknown> {
  return { id: d.id, event: d.event, status: d.status, body: d.body };
}

function record(d: DeliveryRecord): Record<string, unknown> {
  return {
    ...summary(d),
    url: d.url,
    repo: d.repo,
    redelivery: d.redelivery,
    delivered_at: new Date(d.deliveredAt).toISOString(),
    duration_ms: d.durationMs,
  };
}

export function buildControlHandler(deps: ControlDeps): ControlHandler {
  return async ({ method, path, query, body }) => {
    const route = `${method} ${path}`;
    if (route === 'POST /_dev/push') {
      const repoName = requireString(body, 'repo');
      const repo = deps.state.repo(repoName);
      const branch = optionalString(body, 'branch') ?? repo.defaultBranch;
      const raw =
        body.files && typeof body.files === 'object' ? (body.files as Record<string, unknown>) : {};
      const files: Record<string, Uint8Array> = {};
      for (const [p, content] of Object.entries(raw))
        files[normalisePath(p)] = Buffer.from(typeof content === 'string' ? content : '', 'base64');
      const replace = optionalString(body, 'replace');
      const head = repo.branches.get(branch);
      const existing = head ? repo.git.listFiles(repo.git.commit(head)?.tree ?? '') : new Map();
      const prefix =
        replace === undefined || replace.replace(/^\/+|\/+$/g, '') === ''
          ? ''
          : `${normalisePath(replace)}/`;
      const remove =
        replace === undefined
          ? []
          : [...existing.keys()].filter((p: string) => p.startsWith(prefix) && !(p in files));
      const message = optionalString(body, 'message');
      const author = optionalString(body, 'author');
      const from = optionalString(body, 'from');
      const pushed = await deps.actions.push(repoName, branch, {
        files,
        remove,
        ...(message ? { message } : {}),
        ...(author ? { author } : {}),
        ...(from ? { from } : {}),
      });
      return {
        status: 201,
        body: {
          sha: pushed.sha,
          branch,
          removed: remove,
          deliveries: pushed.deliveries.map(summary),
        },
      };
    }
    if (route === 'POST /_dev/delete-branch') {
      const deliveries = await deps.actions.deleteBranch(
        requireString(body, 'repo'),
        requireString(body, 'branch'),
      );
      return { status: 200, body: { deliveries: deliveries.map(summary) } };
    }
    if (route === 'POST /_dev/pull-request') {
      const title = optionalString(body, 'title');
      const pr = await deps.actions.openPullRequest(requireString(body, 'repo'), {
        head: requireString(body, 'head'),
        base: requireString(body, 'base'),
        user: requireString(body, 'user'),
        ...(title ? { title } : {}),
      });
      return { status: 201, body: { number: pr.number, deliveries: pr.deliveries.map(summary) } };
    }
    if (route === 'POST /_dev/comment') {
      const pull = optionalInteger(body, 'pull');
      const issue = optionalInteger(body, 'issue');
      const commit = optionalString(body, 'commit');
      const target = commit
        ? { commit }
        : pull !== undefined
          ? { pull }
          : issue !== undefined
            ? { issue }
            : undefined;
      if (!target)
        throw apiErrors.invalidRequest('one of "pull", "issue" or "commit" must be supplied.');
      const c = await deps.actions.comment(requireString(body, 'repo'), target, {
        user: requireString(body, 'user'),
        body: requireString(body, 'body'),
      });
      return { status: 201, body: { id: c.id, deliveries: c.deliveries.map(summary) } };
    }
    if (route === 'POST /_dev/redeliver') {
      const d = await deps.hooks.redeliver(requireString(body, 'id'));
      if (!d) throw apiErrors.notFound('No delivery with that id');
      return { status: 200, body: summary(d) };
    }
    if (route === 'GET /_dev/statuses') {
      const repoName = query.get('repo') ?? '';
      const ref = query.get('ref') ?? '';
      const repo = deps.state.repo(repoName);
      const sha = deps.state.resolveCommit(repo, ref);
      if (!sha) throw apiErrors.noCommitForSha(ref);
      const deployments = deps.inspect
        .deployments(repoName)
        .filter((d) => d.sha === sha)
        .map((d) => ({
          ...d,
          statuses: deps.inspect.deploymentStatuses(repoName, d.id as number),
        }));
      return {
        status: 200,
        body: {
          sha,
          combined: deps.inspect.combinedStatus(repoName, sha),
          statuses: deps.inspect.commitStatuses(repoName, sha),
          deployments,
        },
      };
    }
    if (route === 'GET /_dev/deliveries') {
      const limit = Math.max(1, Number(query.get('limit') ?? 20) || 20);
      return { status: 200, body: deps.hooks.log.slice(-limit).reverse().map(record) };
    }
    return null;
  };
}
