import { isHttpUrl } from './shared/http.js';

/**
 * Controller-wide settings the metric providers read (`ProviderContext.settings`), named as upstream
 * Argo Rollouts and the AWS SDKs name them. Each runtime's composition reads them from its
 * environment (Node) or bindings (Workers) once, through {@link parseProviderSettings}.
 */
export const PROVIDER_SETTINGS = {
  ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'prometheus: the address of metrics that name none',
  ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE:
    'job: the namespace Jobs run in (default: the AnalysisRun’s)',
  DD_API_KEY: 'datadog: API key, with DD_APP_KEY (a namespaced secretRef still wins)',
  DD_APP_KEY: 'datadog: application key, with DD_API_KEY',
  DD_ADDRESS: 'datadog: API address (default https://api.datadoghq.com)',
  AWS_ACCESS_KEY_ID: 'cloudWatch: access key, with AWS_SECRET_ACCESS_KEY',
  AWS_SECRET_ACCESS_KEY: 'cloudWatch: secret key, with AWS_ACCESS_KEY_ID',
  AWS_SESSION_TOKEN: 'cloudWatch: session token of temporary credentials',
  AWS_REGION: 'cloudWatch: region',
  AWS_DEFAULT_REGION: 'cloudWatch: region when AWS_REGION is not set',
  AWS_ENDPOINT_URL: 'cloudWatch: endpoint override (VPC endpoint, LocalStack)',
  AWS_ENDPOINT_URL_CLOUDWATCH: 'cloudWatch: endpoint override, before AWS_ENDPOINT_URL',
} as const;

export type ProviderSettingName = keyof typeof PROVIDER_SETTINGS;

const URL_SETTINGS: readonly ProviderSettingName[] = [
  'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS',
  'DD_ADDRESS',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CLOUDWATCH',
];
const PAIRS: ReadonlyArray<readonly [ProviderSettingName, ProviderSettingName]> = [
  ['DD_API_KEY', 'DD_APP_KEY'],
  ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
];
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The provider settings present in `env` (blank values count as unset), and every problem with them
 * at once. Messages name the setting, never a value: several of these are credentials.
 */
export function parseProviderSettings(env: Readonly<Record<string, unknown>>): {
  settings: Record<string, string>;
  problems: string[];
} {
  const settings: Record<string, string> = {};
  for (const name of Object.keys(PROVIDER_SETTINGS) as ProviderSettingName[]) {
    const raw = env[name];
    if (typeof raw === 'string' && raw.trim() !== '') settings[name] = raw.trim();
  }
  const problems: string[] = [];
  for (const name of URL_SETTINGS) {
    const value = settings[name];
    if (value !== undefined && !isHttpUrl(value)) problems.push(`${name} must be an http(s) URL`);
  }
  for (const [a, b] of PAIRS) {
    if ((settings[a] === undefined) !== (settings[b] === undefined))
      problems.push(`${a} and ${b} must be set together`);
  }
  const jobNamespace = settings.ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE;
  if (jobNamespace !== undefined && !NAMESPACE.test(jobNamespace))
    problems.push(
      'ARGO_ROLLOUTS_ANALYSIS_JOB_NAMESPACE must be a namespace name (a DNS-1123 label)',
    );
  return { settings, problems };
}
