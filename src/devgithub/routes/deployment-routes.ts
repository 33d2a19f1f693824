import { apiErrors } from '../errors.js';
import {
  type Account,
  type Deployment,
  DEPLOYMENT_STATES,
  type DeploymentState,
  type DeploymentStatus,
  type Repo,
} from '../model.js';
import { buildDeployment, buildDeploymentStatus } from '../render/deployments.js';
import {
  assessRequiredContexts,
  computeDeploymentState,
  computeLatestByContext,
  planAutoInactive,
} from '../status-rules.js';
import {
  optionalBoolean,
  optionalString,
  optionalStringArray,
  requireString,
} from '../server/fields.js';
import { pageReply } from '../server/pagination.js';
import type { RequestContext, Route } from '../server/router.js';
import { buildDeploymentEvent, buildDeploymentStatusEvent } from '../webhooks/payloads.js';
import { loadRepo, paramInt, requireActor } from './access.js';

const D = 'https://docs.github.com/rest/deployments';
export const MAX_DESCRIPTION = 140;

function loadDeployment(ctx: RequestContext, repo: Repo): Deployment {
  const id = paramInt(ctx, 'deployment_id');
  const d = repo.deployments.find((x) => x.id === id);
  if (!d) throw apiErrors.notFound();
  return d;
}

function payloadOf(raw: unknown): unknown {
  if (raw === undefined || raw === null || raw === '') return {};
  if (typeof raw !== 'string') return raw;
  // A string payload is taken as JSON text when it parses, as GitHub does.
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function createDeployment(ctx: RequestContext): { status: number; body: unknown } {
  const repo = loadRepo(ctx);
  const creator = requireActor(ctx);
  const ref = requireString(ctx.body, 'ref');
  const task = optionalString(ctx.body, 'task') ?? 'deploy';
  // auto_merge (merging the default branch into `ref` first) is accepted and ignored: the emulator never merges.
  optionalBoolean(ctx.body, 'auto_merge');
  const required = optionalStringArray(ctx.body, 'required_contexts');
  const environment = optionalString(ctx.body, 'environment') ?? 'production';
  const description = optionalString(ctx.body, 'description') ?? '';
  const transient = optionalBoolean(ctx.body, 'transient_environment') ?? false;
  const production =
    optionalBoolean(ctx.body, 'production_environment') ?? environment === 'production';
  const sha = ctx.state.resolveCommit(repo, ref);
  if (!sha) throw apiErrors.unprocessable(`No ref found for: ${ref}`);
  const failing = assessRequiredContexts(
    computeLatestByContext(repo.statuses.filter((s) => s.sha === sha)),
    required,
  );
  if (failing)
    throw apiErrors.conflict(`Conflict: Commit status checks failed for ${ref}.`, [
      { contexts: failing, resource: 'Deployment', field: 'required_contexts', code: 'invalid' },
    ]);
  const d: Deployment = {
    id: ctx.state.nextId('deployment'),
    sha,
    ref,
    task,
    payload: payloadOf(ctx.body.payload),
    originalEnvironment: environment,
    environment,
    description,
    transient,
    production,
    creator,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    statuses: [],
  };
  repo.deployments.push(d);
  ctx.events.emit(repo, 'deployment', buildDeploymentEvent(repo, ctx.urls, d, creator));
  return { status: 201, body: buildDeployment(repo, ctx.urls, d) };
}

function addStatus(
  ctx: RequestContext,
  repo: Repo,
  d: Deployment,
  fields: Omit<DeploymentStatus, 'id' | 'deploymentId' | 'createdAt'>,
  sender: Account,
): DeploymentStatus {
  const s: DeploymentStatus = {
    ...fields,
    id: ctx.state.nextId('deploymentStatus'),
    deploymentId: d.id,
    createdAt: ctx.now,
  };
  d.statuses.push(s);
  d.updatedAt = ctx.now;
  ctx.events.emit(
    repo,
    'deployment_status',
    buildDeploymentStatusEvent(repo, ctx.urls, d, s, sender),
  );
  return s;
}

function createDeploymentStatus(ctx: RequestContext): { status: number; body: unknown } {
  const repo = loadRepo(ctx);
  const creator = requireActor(ctx);
  const d = loadDeployment(ctx, repo);
  const state = requireString(ctx.body, 'state');
  if (!(DEPLOYMENT_STATES as readonly string[]).includes(state))
    throw apiErrors.validationFailed({
      resource: 'DeploymentStatus',
      code: 'custom',
      field: 'state',
      message: 'state is not included in the list',
    });
  const description = optionalString(ctx.body, 'description') ?? '';
  if (description.length > MAX_DESCRIPTION)
    throw apiErrors.validationFailed({
      resource: 'DeploymentStatus',
      code: 'custom',
      field: 'description',
      message: `description is too long (maximum is ${MAX_DESCRIPTION} characters)`,
    });
  const logUrl =
    optionalString(ctx.body, 'log_url') ?? optionalString(ctx.body, 'target_url') ?? '';
  const environmentUrl = optionalString(ctx.body, 'environment_url') ?? '';
  const environment = optionalString(ctx.body, 'environment');
  const autoInactive = optionalBoolean(ctx.body, 'auto_inactive') ?? true;
  // A status may move its deployment to another environment.
  if (environment) d.environment = environment;
  const s = addStatus(
    ctx,
    repo,
    d,
    {
      state: state as DeploymentState,
      description,
      environment: d.environment,
      logUrl,
      environmentUrl,
      creator,
    },
    creator,
  );
  if (s.state === 'success' && autoInactive) {
    for (const older of planAutoInactive(repo.deployments, d))
      addStatus(
        ctx,
        repo,
        older,
        {
          state: 'inactive',
          description: '',
          environment: older.environment,
          logUrl: '',
          environmentUrl: '',
          creator,
        },
        creator,
      );
  }
  return { status: 201, body: buildDeploymentStatus(repo, ctx.urls, s) };
}

export const deploymentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/repos/:owner/:repo/deployments',
    docs: `${D}/deployments#create-a-deployment`,
    handle: createDeployment,
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments',
    docs: `${D}/deployments#list-deployments`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const q = ctx.url.searchParams;
      const all = repo.deployments
        .filter(
          (d) =>
            (!q.get('sha') || d.sha === q.get('sha')) &&
            (!q.get('ref') || d.ref === q.get('ref')) &&
            (!q.get('task') || d.task === q.get('task')) &&
            (!q.get('environment') || d.environment === q.get('environment')),
        )
        .sort((a, b) => b.id - a.id);
      return pageReply(all, ctx.url, (d) => buildDeployment(repo, ctx.urls, d));
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments/:deployment_id',
    docs: `${D}/deployments#get-a-deployment`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return { status: 200, body: buildDeployment(repo, ctx.urls, loadDeployment(ctx, repo)) };
    },
  },
  {
    method: 'DELETE',
    path: '/repos/:owner/:repo/deployments/:deployment_id',
    docs: `${D}/deployments#delete-a-deployment`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      requireActor(ctx);
      const d = loadDeployment(ctx, repo);
      // "If the repository only has one deployment, you can delete the deployment regardless of its status."
      if (computeDeploymentState(d) !== 'inactive' && repo.deployments.length > 1)
        throw apiErrors.unprocessable(
          'We cannot delete an active deployment unless it is the only deployment in a given environment.',
        );
      repo.deployments.splice(repo.deployments.indexOf(d), 1);
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    path: '/repos/:owner/:repo/deployments/:deployment_id/statuses',
    docs: `${D}/statuses#create-a-deployment-status`,
    handle: createDeploymentStatus,
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments/:deployment_id/statuses',
    docs: `${D}/statuses#list-deployment-statuses`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      return pageReply([...loadDeployment(ctx, repo).statuses].reverse(), ctx.url, (s) =>
        buildDeploymentStatus(repo, ctx.urls, s),
      );
    },
  },
  {
    method: 'GET',
    path: '/repos/:owner/:repo/deployments/:deployment_id/statuses/:status_id',
    docs: `${D}/statuses#get-a-deployment-status`,
    handle: (ctx) => {
      const repo = loadRepo(ctx);
      const id = paramInt(ctx, 'status_id');
      const s = loadDeployment(ctx, repo).statuses.find((x) => x.id === id);
      if (!s) throw apiErrors.notFound();
      return { status: 200, body: buildDeploymentStatus(repo, ctx.urls, s) };
    },
  },
];
