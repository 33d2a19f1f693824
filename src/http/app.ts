import { Hono } from 'hono';
import { apiRoutes, type ApiOptions } from './api/index.js';
import { bearerAuth } from './auth/bearer-auth.js';
import { dashboardApiRoutes, dashboardRoutes, watchTokenAuth } from './dashboard/index.js';
import { metricsRoutes, type MetricsOptions } from './metrics/index.js';
import { gitHubHookRoutes, type GitHubHookOptions } from './hooks/github-hook.js';
import { kubeHookRoutes, type KubeHookOptions } from './hooks/kube-hook.js';
import { approveHookRoutes, type ApproveHookOptions } from './hooks/approve-hook.js';
import { slackHookRoutes, type SlackHookOptions } from './hooks/slack-hook.js';

/** What the runtime tells the app about itself; probes report it. */
export interface AppInfo {
  runtime: 'node' | 'workers';
  version: string;
  /** Returns a reason when the app is not ready to serve (e.g. the Kubernetes API is unreachable). */
  readiness?: () => Promise<string | undefined>;
}

/** The runtime's info plus the optional routes it wires up; each route is mounted only when configured. */
export interface AppOptions extends AppInfo {
  /** Mounts `POST /hooks/kube` for the watch relay (DESIGN §4). */
  kubeHook?: KubeHookOptions;
  /** Mounts `POST /hooks/github` (issue 7: pushes and comment commands). */
  githubHook?: GitHubHookOptions;
  /** Mounts `GET`/`POST /hooks/approve/<token>`: signed approval links (issue 20 §6). */
  approveHook?: ApproveHookOptions;
  /** Mounts `POST /hooks/slack`: Slack's interactivity URL for Promote/Abort buttons (issue 20 §6). */
  slackHook?: SlackHookOptions;
  /**
   * Bearer tokens for `/api/*` (one, or two during a rotation). Without one the API answers 503:
   * it is never open.
   */
  apiTokens?: readonly string[];
  /** Mounts the CLI/dashboard REST API at `/api/v1` (spec §5), behind the bearer-token guard. */
  api?: Omit<ApiOptions, 'runtime' | 'version'>;
  /** Mounts `GET /metrics` (spec §7): gauges listed through `kube`, counters from `registry`. */
  metrics?: MetricsOptions;
}

/** The runtime-agnostic HTTP surface (DESIGN §4). Routes for hooks, API and dashboard join here. */
export function buildApp(info: AppOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) =>
    c.json({ status: 'ok', runtime: info.runtime, version: info.version }),
  );
  app.get('/readyz', async (c) => {
    const reason = info.readiness ? await info.readiness() : undefined;
    return reason ? c.json({ status: 'unready', reason }, 503) : c.json({ status: 'ready' });
  });
  if (info.kubeHook) app.route('/', kubeHookRoutes(info.kubeHook));
  if (info.githubHook) app.route('/', gitHubHookRoutes(info.githubHook));
  if (info.approveHook) app.route('/', approveHookRoutes(info.approveHook));
  if (info.slackHook) app.route('/', slackHookRoutes(info.slackHook));
  if (info.metrics) app.route('/', metricsRoutes({ ...info.metrics, version: info.version }));
  // Guards the whole API prefix before routing: the CLI and dashboard routes mount behind it. The
  // watch streams alone also take `?token=` (EventSource sends no headers): see watch-token.ts.
  app.use('/api/*', watchTokenAuth(info.apiTokens, bearerAuth(info.apiTokens)));
  if (info.api) {
    app.route('/api/v1', apiRoutes({ ...info.api, runtime: info.runtime, version: info.version }));
    app.route('/api/v1', dashboardApiRoutes({ kube: info.api.kube, now: info.api.now }));
  }
  // The dashboard page and its assets are public; its first view shows data only to a request with
  // the sign-in cookie (never accepted by /api), and everything after comes through the API.
  const firstView = info.api
    ? { kube: info.api.kube, now: info.api.now, namespace: info.api.namespace ?? 'default' }
    : undefined;
  app.route(
    '/',
    dashboardRoutes({
      version: info.version,
      runtime: info.runtime,
      apiTokens: info.apiTokens,
      data: firstView,
    }),
  );
  app.notFound((c) =>
    c.json({ error: 'NotFound', message: `no route for ${c.req.method} ${c.req.path}` }, 404),
  );
  return app;
}
