import {
  type NotificationEnv,
  type NotificationSettings,
  parseNotificationSettings,
} from '../../controller/notifications/index.js';
import type { GitOpsEnv } from '../../core/gitops/env-config.js';
import {
  apiTokensFrom,
  metricsTokensFrom,
  present,
  rotatingPair,
} from '../../http/auth/rotating-secrets.js';
import {
  parseProviderSettings,
  type ProviderSettingName,
} from '../../providers/metrics/settings.js';

/** The Worker's bindings (wrangler.toml vars, secrets and the Durable Object namespace). */
export interface WorkerBindings
  extends GitOpsEnv, NotificationEnv, Partial<Record<ProviderSettingName, string>> {
  /** API server URL, reachable from Cloudflare (a Cloudflare Tunnel hostname: DESIGN §6). */
  KUBE_SERVER?: string;
  /** Bearer token of the controller's service account (secret). */
  KUBE_TOKEN?: string;
  /** The relay's HMAC secret for `POST /hooks/kube` (secret). */
  HOOK_SECRET?: string;
  /** The hook secret being rotated out: deliveries signed with it are still accepted (secret). */
  HOOK_SECRET_PREVIOUS?: string;
  /** Bearer token for `/api/*` (secret); without it the API answers 503. */
  API_TOKEN?: string;
  /** The API token being rotated out, still accepted (secret). */
  API_TOKEN_PREVIOUS?: string;
  /** Bearer token `GET /metrics` then takes (secret); without it the scrape is public like /healthz. */
  METRICS_TOKEN?: string;
  METRICS_TOKEN_PREVIOUS?: string;
  /** Cloudflare Access service token in front of the tunnel; both or neither. */
  CF_ACCESS_CLIENT_ID?: string;
  CF_ACCESS_CLIENT_SECRET?: string;
  /** `debug` / `info` (default) / `warn` / `error`: below `info` the cron sweep's summary is not logged. */
  LOG_LEVEL?: string;
  /**
   * The fleet a GitOps source with waves goes out to (issue 21 §1, YAML or JSON; see
   * core/fleet/fleet-config.ts); its `{env: NAME}` secrets are other bindings (Worker secrets).
   */
  FLEET_CONFIG?: string;
  /** How often an unfinished release looks at its clusters (a Go duration, default 10s). */
  FLEET_POLL?: string;
}

/** The bindings and the Durable Object namespace hints go to (typed in reconciler-object.ts). */
export interface WorkerEnv extends WorkerBindings {
  RECONCILER: unknown;
}

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface KubeConnection {
  server: string;
  headers: Record<string, string>;
}

export interface WorkerConfig {
  /** Undefined when the bindings do not configure the Kubernetes API (see `problems`). */
  kube?: KubeConnection;
  /** Current then previous; undefined when no hook secret is bound: `POST /hooks/kube` is then not mounted. */
  hookSecrets?: string[];
  /** Current then previous; undefined when no API token is bound. */
  apiTokens?: string[];
  /** Current then previous; undefined when METRICS_TOKEN is not bound. */
  metricsTokens?: string[];
  /** LOG_LEVEL when bound (and valid); the composition logs at `info` otherwise. */
  logLevel?: LogLevel;
  /** What the metric providers read (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, DD_*, AWS_*…), from vars or secrets; undefined when none is bound. */
  providerSettings?: Record<string, string>;
  /** NOTIFICATIONS (on/off), NOTIFICATIONS_NAMESPACE, NOTIFICATIONS_START_WINDOW (issue 20). */
  notifications: NotificationSettings;
  /** Every configuration problem at once; messages name bindings, never their values. */
  problems: string[];
}

/** Reads the bindings once (STYLE: config is validated at start-up, listing every problem). */
export function parseWorkerConfig(env: WorkerBindings): WorkerConfig {
  const problems: string[] = [];
  let server: string | undefined;
  if (!present(env.KUBE_SERVER)) problems.push('KUBE_SERVER is not set');
  else {
    try {
      const url = new URL(env.KUBE_SERVER);
      if (url.protocol !== 'https:' && url.protocol !== 'http:')
        problems.push('KUBE_SERVER must be an http(s) URL');
      else server = env.KUBE_SERVER.trim();
    } catch {
      problems.push('KUBE_SERVER is not a URL');
    }
  }
  if (!present(env.KUBE_TOKEN)) problems.push('KUBE_TOKEN is not set');
  const accessId = present(env.CF_ACCESS_CLIENT_ID);
  const accessSecret = present(env.CF_ACCESS_CLIENT_SECRET);
  if (accessId !== accessSecret)
    problems.push('CF_ACCESS_CLIENT_ID and CF_ACCESS_CLIENT_SECRET must be set together');
  const hookSecrets = rotatingPair(
    env.HOOK_SECRET,
    env.HOOK_SECRET_PREVIOUS,
    'HOOK_SECRET',
    problems,
  );
  if (!present(env.HOOK_SECRET))
    problems.push('HOOK_SECRET is not set: POST /hooks/kube is disabled');
  const apiTokens = apiTokensFrom(env.API_TOKEN, env.API_TOKEN_PREVIOUS, problems);
  const metricsTokens = metricsTokensFrom(env.METRICS_TOKEN, env.METRICS_TOKEN_PREVIOUS, problems);
  const providers = parseProviderSettings(env as Readonly<Record<string, unknown>>);
  problems.push(...providers.problems);
  const notifications = parseNotificationSettings(env);
  problems.push(...notifications.problems);
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === level);
  if (level && !logLevel) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const headers: Record<string, string> = {};
  if (present(env.KUBE_TOKEN)) headers.authorization = `Bearer ${env.KUBE_TOKEN.trim()}`;
  if (present(env.CF_ACCESS_CLIENT_ID) && present(env.CF_ACCESS_CLIENT_SECRET)) {
    headers['cf-access-client-id'] = env.CF_ACCESS_CLIENT_ID.trim();
    headers['cf-access-client-secret'] = env.CF_ACCESS_CLIENT_SECRET.trim();
  }
  const kubeOk = present(env.KUBE_TOKEN) && accessId === accessSecret;
  return {
    ...(server !== undefined && kubeOk ? { kube: { server, headers } } : {}),
    ...(hookSecrets ? { hookSecrets } : {}),
    ...(apiTokens ? { apiTokens } : {}),
    ...(metricsTokens ? { metricsTokens } : {}),
    ...(logLevel ? { logLevel } : {}),
    ...(Object.keys(providers.settings).length ? { providerSettings: providers.settings } : {}),
    notifications: notifications.settings,
    problems,
  };
}
