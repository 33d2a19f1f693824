/**
 * What a kubeconfig resolves to for one context: where the API server is and how to authenticate.
 * Field names follow the kubeconfig (https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/).
 */

/**
 * Key material: inline (a `*-data` field, decoded) or a file (an absolute path, read by the
 * loader; `field` names where the kubeconfig set it, for messages).
 */
export type Material = { data: Buffer } | { file: string; field: string };

export const EXEC_API_VERSIONS = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
] as const;
export type ExecApiVersion = (typeof EXEC_API_VERSIONS)[number];

/** `users[].user.exec`: a credential plugin (https://kubernetes.io/docs/reference/access-authn-authz/authentication/#client-go-credential-plugins). */
export interface ExecConfig {
  /** As written, or resolved against the kubeconfig's directory when it names a relative path. */
  command: string;
  args: string[];
  env: Array<{ name: string; value: string }>;
  apiVersion: ExecApiVersion;
  interactiveMode: 'Never' | 'IfAvailable' | 'Always';
  provideClusterInfo: boolean;
  installHint?: string;
  /** The cluster's `extensions[client.authentication.k8s.io/exec]`, passed on in KUBERNETES_EXEC_INFO. */
  clusterConfig?: unknown;
}

export interface KubeTarget {
  context: string;
  server: string;
  namespace?: string;
  ca?: Material;
  tlsServerName?: string;
  insecureSkipTlsVerify: boolean;
  proxyUrl?: string;
  clientCertificate?: Material;
  clientKey?: Material;
  token?: string;
  /** Re-read while running: a bound service-account token is rotated in place. Wins over `token`. */
  tokenFile?: string;
  basicAuth?: { username: string; password: string };
  exec?: ExecConfig;
}

/** A kubeconfig that cannot be used, with every problem found, each naming its file and field. */
export class KubeconfigError extends Error {
  readonly code = 'KubeconfigError';
  readonly retryable = false;
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? (problems[0] ?? '')
        : `kubeconfig: ${problems.length} problems:\n  - ${problems.join('\n  - ')}`,
    );
    this.name = 'KubeconfigError';
  }
}
