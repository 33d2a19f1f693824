import { GitHubClients, GitHubError, type GitHubApi } from '../../../adapters/github/index.js';
import type { SendOutcome } from '../../../domain/notification.js';
import type { ServiceContext } from '../types.js';
import type { GitHubPlan } from './plan-github.js';
import type { GitHubSettings } from './settings.js';

/**
 * One client factory per parsed App configuration (installation tokens are minted once and reused),
 * with the time of the send it serves: rate-limit deadlines are measured on the caller's clock.
 */
const appClients = new WeakMap<
  GitHubSettings,
  { clients: GitHubClients; sendTime: { now: number } }
>();

/** The clients for these settings: the App's own, or GitOps' connection; undefined when there is none. */
export function clientsFor(
  ctx: ServiceContext,
  settings: GitHubSettings,
): GitHubClients | undefined {
  if (settings.kind === 'gitops') return ctx.github;
  let app = appClients.get(settings);
  if (!app) {
    const sendTime = { now: ctx.now };
    app = { clients: new GitHubClients(settings.connection, () => sendTime.now), sendTime };
    appClients.set(settings, app);
  }
  app.sendTime.now = ctx.now;
  return app.clients;
}

/**
 * Posts what the plan asks: the commit status, then the deployment status on the deployment of the
 * commit to that environment (created first when there is none, as upstream does).
 */
export async function sendGitHub(
  clients: GitHubClients,
  plan: GitHubPlan,
  now: number,
): Promise<SendOutcome> {
  try {
    const api = await clients.forRepo(plan.repo);
    if (plan.status) await api.createCommitStatus(plan.repo, plan.revision, plan.status);
    if (plan.deployment) await postDeploymentStatus(api, plan, plan.deployment);
    return { ok: true };
  } catch (e) {
    return failureOf(e, now);
  }
}

async function postDeploymentStatus(
  api: GitHubApi,
  plan: GitHubPlan,
  d: NonNullable<GitHubPlan['deployment']>,
): Promise<void> {
  const environment = d.status.environment;
  const id =
    (await api.findDeployment(plan.repo, plan.revision, environment)) ??
    (await api.createDeployment(plan.repo, {
      sha: d.ref,
      environment,
      description: d.status.description,
      payload: {},
      production: environment === 'production',
      autoMerge: d.autoMerge,
      requiredContexts: d.requiredContexts,
      transientEnvironment: d.transientEnvironment,
    }));
  await api.createDeploymentStatus(plan.repo, id, d.status);
}

function failureOf(e: unknown, now: number): SendOutcome {
  if (e instanceof GitHubError) {
    const reason = `github: ${e.message}`;
    if (e.retryAt !== undefined)
      return { ok: false, retryable: true, reason, retryAfterMs: Math.max(0, e.retryAt - now) };
    return { ok: false, retryable: e.retryable, reason };
  }
  return {
    ok: false,
    retryable: false,
    reason: `github: ${e instanceof Error ? e.message : String(e)}`,
  };
}
