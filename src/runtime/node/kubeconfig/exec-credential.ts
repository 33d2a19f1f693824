import type { ExecConfig } from './types.js';

/** What a credential plugin returned: a token and/or a client certificate, maybe with an expiry. */
export interface ExecResult {
  token?: string;
  clientCertificate?: Buffer;
  clientKey?: Buffer;
  /** Epoch milliseconds; without it the credential is kept until the server answers 401. */
  expiresAt?: number;
}

/** A credential plugin that could not run or answered nonsense; names the command. */
export class ExecPluginError extends Error {
  readonly code = 'ExecPluginError';
  readonly retryable = true;
  constructor(message: string) {
    super(message);
    this.name = 'ExecPluginError';
  }
}

/** What the plugin reads from KUBERNETES_EXEC_INFO (https://kubernetes.io/docs/reference/config-api/client-authentication.v1/). */
export interface ExecClusterInfo {
  server: string;
  tlsServerName?: string;
  insecureSkipTlsVerify: boolean;
  ca?: Buffer;
  proxyUrl?: string;
}

export function buildExecInfo(
  config: ExecConfig,
  interactive: boolean,
  cluster: ExecClusterInfo,
): string {
  const spec: Record<string, unknown> = { interactive };
  if (config.provideClusterInfo) {
    spec.cluster = {
      server: cluster.server,
      ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
      ...(cluster.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
      ...(cluster.ca ? { 'certificate-authority-data': cluster.ca.toString('base64') } : {}),
      ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
      ...(config.clusterConfig !== undefined ? { config: config.clusterConfig } : {}),
    };
  }
  return JSON.stringify({ apiVersion: config.apiVersion, kind: 'ExecCredential', spec });
}

/** The plugin's stdout as an ExecCredential of the configured apiVersion, or why it is not one. */
export function parseExecCredential(
  stdout: string,
  apiVersion: string,
): ExecResult | { error: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return { error: 'did not print an ExecCredential (stdout is not JSON)' };
  }
  const cred = doc as {
    kind?: unknown;
    apiVersion?: unknown;
    status?: Record<string, unknown>;
  } | null;
  if (cred?.kind !== 'ExecCredential')
    return { error: 'did not print an ExecCredential (kind is not ExecCredential)' };
  if (cred.apiVersion !== apiVersion)
    return {
      error: `answered apiVersion ${String(cred.apiVersion)}, but the kubeconfig asks for ${apiVersion}`,
    };
  const status = cred.status;
  if (typeof status !== 'object' || status === null)
    return { error: 'answered an ExecCredential without status' };
  const {
    token,
    clientCertificateData: cert,
    clientKeyData: key,
    expirationTimestamp: expiry,
  } = status;
  const result: ExecResult = {};
  if (typeof token === 'string' && token !== '') result.token = token;
  if (typeof cert === 'string' && cert !== '' && typeof key === 'string' && key !== '') {
    result.clientCertificate = Buffer.from(cert);
    result.clientKey = Buffer.from(key);
  } else if (Boolean(cert) !== Boolean(key)) {
    return { error: 'answered clientCertificateData without clientKeyData, or the reverse' };
  }
  if (result.token === undefined && result.clientCertificate === undefined)
    return { error: 'answered neither a token nor a client certificate' };
  if (expiry !== undefined && expiry !== null) {
    const at = typeof expiry === 'string' ? Date.parse(expiry) : NaN;
    if (Number.isNaN(at))
      return { error: `answered an expirationTimestamp that is not RFC 3339: ${String(expiry)}` };
    result.expiresAt = at;
  }
  return result;
}
