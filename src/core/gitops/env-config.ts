import { parseGitOpsConfigText, type GitOpsConfig } from './config.js';

/** The environment variables (Node) or bindings (Workers) GitOps reads. */
export interface GitOpsEnv {
  /** The sources, JSON or YAML (see config.ts). Unset (and no GITOPS_CONFIGMAP): GitOps is off. */
  GITOPS_CONFIG?: string;
  /**
   * `<namespace>/<name>` of a ConfigMap whose `config.yaml` key holds the sources instead; the Node
   * runtime reads it at start-up (see controller/gitops/config-map-source.ts).
   */
  GITOPS_CONFIGMAP?: string;
  /** Where GITOPS_CONFIG came from, for messages; set by readGitOpsConfigMap. */
  GITOPS_CONFIG_FROM?: string;
  /** REST API base URL; default https://api.github.com (GitHub Enterprise: https://<host>/api/v3). */
  GITHUB_API_URL?: string;
  GITHUB_TOKEN?: string;
  GITHUB_APP_ID?: string;
  /** PEM; on Workers it must be PKCS#8 (`openssl pkcs8 -topk8 -nocrypt -in app.pem`). */
  GITHUB_APP_PRIVATE_KEY?: string;
  GITHUB_APP_INSTALLATION_ID?: string;
  GITHUB_WEBHOOK_SECRET?: string;
  GITHUB_WEBHOOK_SECRET_PREVIOUS?: string;
}

export type GitHubAuthSetting =
  | { kind: 'token'; token: string }
  | { kind: 'app'; appId: string; privateKey: string; installationId?: number };

export interface GitOpsSettings {
  config: GitOpsConfig;
  baseUrl: string;
  auth: GitHubAuthSetting;
  webhookSecrets: string[];
}

const set = (v: string | undefined): v is string => typeof v === 'string' && v.trim() !== '';

/**
 * GitOps settings from the environment, every problem at once; messages name variables, never
 * their values. Undefined settings with no problems: GitOps is simply not configured.
 */
export function parseGitOpsEnv(
  env: GitOpsEnv,
  runtime: 'node' | 'workers',
): { settings?: GitOpsSettings; problems: string[] } {
  // A Worker has no start-up to read a ConfigMap at, and reading it per request would cost a Kubernetes call each.
  if (set(env.GITOPS_CONFIGMAP) && runtime === 'workers')
    return {
      problems: [
        'GITOPS_CONFIGMAP is read by the Node runtime only; on Workers set the GITOPS_CONFIG binding',
      ],
    };
  if (!set(env.GITOPS_CONFIG))
    return {
      problems: set(env.GITOPS_CONFIGMAP)
        ? ['GITOPS_CONFIGMAP was not read (resolve it with readGitOpsConfigMap first)']
        : [],
    };
  const from = env.GITOPS_CONFIG_FROM ?? 'GITOPS_CONFIG';
  const problems: string[] = [];
  const parsed = parseGitOpsConfigText(env.GITOPS_CONFIG);
  if ('problems' in parsed) problems.push(...parsed.problems.map((p) => `${from}: ${p}`));
  const baseUrl = (
    set(env.GITHUB_API_URL) ? env.GITHUB_API_URL.trim() : 'https://api.github.com'
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(baseUrl)) problems.push('GITHUB_API_URL must be an http(s) URL');
  let auth: GitHubAuthSetting | undefined;
  if (set(env.GITHUB_APP_ID) || set(env.GITHUB_APP_PRIVATE_KEY)) {
    if (set(env.GITHUB_TOKEN))
      problems.push(
        'set either GITHUB_TOKEN or GITHUB_APP_ID with GITHUB_APP_PRIVATE_KEY, not both',
      );
    if (!set(env.GITHUB_APP_ID) || !/^\d+$/.test(env.GITHUB_APP_ID.trim()))
      problems.push("GITHUB_APP_ID must be the App's numeric id");
    const key = env.GITHUB_APP_PRIVATE_KEY?.replace(/\\n/g, '\n').trim() ?? '';
    if (!key.startsWith('-----BEGIN'))
      problems.push("GITHUB_APP_PRIVATE_KEY must be the App's PEM private key");
    else if (runtime === 'workers' && key.includes('BEGIN RSA PRIVATE KEY'))
      problems.push(
        'GITHUB_APP_PRIVATE_KEY is PKCS#1; Workers need PKCS#8: openssl pkcs8 -topk8 -nocrypt -in app.pem',
      );
    const inst = env.GITHUB_APP_INSTALLATION_ID?.trim();
    if (inst && !/^\d+$/.test(inst)) problems.push('GITHUB_APP_INSTALLATION_ID must be numeric');
    auth = {
      kind: 'app',
      appId: env.GITHUB_APP_ID?.trim() ?? '',
      privateKey: key,
      ...(inst ? { installationId: Number(inst) } : {}),
    };
  } else if (set(env.GITHUB_TOKEN)) auth = { kind: 'token', token: env.GITHUB_TOKEN.trim() };
  else
    problems.push(
      'GITOPS_CONFIG is set but neither GITHUB_TOKEN nor GITHUB_APP_ID/GITHUB_APP_PRIVATE_KEY is',
    );
  const secrets: string[] = [];
  if (!set(env.GITHUB_WEBHOOK_SECRET)) {
    problems.push('GITHUB_WEBHOOK_SECRET is not set: POST /hooks/github would accept nothing');
    if (set(env.GITHUB_WEBHOOK_SECRET_PREVIOUS))
      problems.push('GITHUB_WEBHOOK_SECRET_PREVIOUS is set without GITHUB_WEBHOOK_SECRET');
  } else {
    secrets.push(env.GITHUB_WEBHOOK_SECRET.trim());
    if (
      set(env.GITHUB_WEBHOOK_SECRET_PREVIOUS) &&
      env.GITHUB_WEBHOOK_SECRET_PREVIOUS.trim() !== secrets[0]
    )
      secrets.push(env.GITHUB_WEBHOOK_SECRET_PREVIOUS.trim());
  }
  if (problems.length > 0 || 'problems' in parsed || !auth) return { problems };
  return { settings: { config: parsed.config, baseUrl, auth, webhookSecrets: secrets }, problems };
}
