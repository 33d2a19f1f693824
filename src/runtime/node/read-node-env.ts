import {
  type NotificationSettings,
  parseNotificationSettings,
} from '../../controller/notifications/index.js';
import { type FleetSettings, readFleetSettings } from '../../core/fleet/fleet-secrets.js';
import type { GitOpsEnv } from '../../core/gitops/env-config.js';
import {
  apiTokensFrom,
  metricsTokensFrom,
  present,
  rotatingPair,
} from '../../http/auth/rotating-secrets.js';
import { parseProviderSettings } from '../../providers/metrics/settings.js';

/** `process.env`, or a test's environment. */
export type NodeEnv = Readonly<Record<string, string | undefined>>;

/** Everything the Node controller takes from its environment, parsed (see README "Configuration"). */
export interface NodeSettings {
  port: number;
  host: string;
  /** KUBECONFIG: a file or a `:`-joined list; unset means kubectl's defaults. */
  kubeconfig?: string;
  /** HOOK_SECRET then HOOK_SECRET_PREVIOUS; unset: a random secret shared with the in-process relay. */
  hookSecrets?: string[];
  /** API_TOKEN then API_TOKEN_PREVIOUS; unset: `/api` answers 503. */
  apiTokens?: string[];
  /** METRICS_TOKEN then METRICS_TOKEN_PREVIOUS; unset: `GET /metrics` is public like /healthz. */
  metricsTokens?: string[];
  /** What the metric providers read (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, DD_*, AWS_*…). */
  providerSettings: Record<string, string>;
  /** GITOPS_* and GITHUB_*, parsed once GITOPS_CONFIGMAP is read (it needs the cluster). */
  gitopsEnv: GitOpsEnv;
  /** NOTIFICATIONS (on/off), NOTIFICATIONS_NAMESPACE, NOTIFICATIONS_START_WINDOW (issue 20). */
  notifications: NotificationSettings;
}

const GITOPS_NAMES = [
  'GITOPS_CONFIG',
  'GITOPS_CONFIGMAP',
  'GITHUB_API_URL',
  'GITHUB_TOKEN',
  'GITHUB_APP_ID',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_INSTALLATION_ID',
  'GITHUB_WEBHOOK_SECRET',
  'GITHUB_WEBHOOK_SECRET_PREVIOUS',
] as const satisfies ReadonlyArray<keyof GitOpsEnv>;

/** A TCP port from `name`: an integer 0–65535 (0 picks a free one), `fallback` when unset. */
export function readPort(env: NodeEnv, name: string, fallback: number, problems: string[]): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (Number.isInteger(port) && port >= 0 && port <= 65535) return port;
  problems.push(`${name} must be a port number (0-65535)`);
  return fallback;
}

/**
 * The Node controller's environment, every problem at once (pure: no file, network or clock).
 * `defaults.host` differs between the in-cluster server (all interfaces) and `npm start` (loopback).
 */
export function readNodeEnv(
  env: NodeEnv,
  defaults: { host: string; port: number },
): { settings: NodeSettings; problems: string[] } {
  const problems: string[] = [];
  const port = readPort(env, 'PORT', defaults.port, problems);
  const hookSecrets = rotatingPair(
    env.HOOK_SECRET,
    env.HOOK_SECRET_PREVIOUS,
    'HOOK_SECRET',
    problems,
  );
  const apiTokens = apiTokensFrom(env.API_TOKEN, env.API_TOKEN_PREVIOUS, problems);
  const metricsTokens = metricsTokensFrom(env.METRICS_TOKEN, env.METRICS_TOKEN_PREVIOUS, problems);
  const providers = parseProviderSettings(env);
  problems.push(...providers.problems);
  const notifications = parseNotificationSettings(env);
  problems.push(...notifications.problems);
  const host = env.HOST?.trim() || defaults.host;
  const gitopsEnv: GitOpsEnv = {};
  for (const name of GITOPS_NAMES) if (present(env[name])) gitopsEnv[name] = env[name];
  return {
    settings: {
      port,
      host,
      ...(present(env.KUBECONFIG) ? { kubeconfig: env.KUBECONFIG } : {}),
      ...(hookSecrets ? { hookSecrets } : {}),
      ...(apiTokens ? { apiTokens } : {}),
      ...(metricsTokens ? { metricsTokens } : {}),
      providerSettings: providers.settings,
      gitopsEnv,
      notifications: {
        ...notifications.settings,
        ...withPublicUrl(notifications.settings.publicUrl ?? buildServedUrl(host, port)),
      },
    },
    problems,
  };
}

/**
 * Where this process serves, as approval links need it when PUBLIC_URL is unset (what `npm start`
 * answers on): HOST, except a wildcard, which no browser can open, else loopback. None for PORT=0:
 * the port is only known once listening. Pure.
 */
export function buildServedUrl(host: string, port: number): string | undefined {
  if (port === 0) return undefined;
  const named = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  return `http://${named.includes(':') ? `[${named}]` : named}:${port}`;
}

const WILDCARD_HOSTS = new Set(['', '0.0.0.0', '::', '[::]']);

const withPublicUrl = (publicUrl: string | undefined) => (publicUrl ? { publicUrl } : {});

/**
 * FLEET_CONFIG and FLEET_POLL (issue 21 §1) for the in-cluster controller, every problem at once;
 * each secret FLEET_CONFIG names (`{env: NAME}`) is read from `env`. Pure. `npm start`'s local
 * fleet reads FLEET_CONFIG its own way (fleet-env.ts: windows and freezes only; its clusters are
 * the ones it starts), so this is not part of readNodeEnv.
 */
export function readFleetEnv(env: NodeEnv): { fleet?: FleetSettings; problems: string[] } {
  return readFleetSettings((name) => env[name]);
}
