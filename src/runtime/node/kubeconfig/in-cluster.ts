import type { KubeTarget } from './types.js';

/** Where a pod's service account is mounted (https://kubernetes.io/docs/tasks/run-application/access-api-from-pod/). */
export interface InClusterPaths {
  token: string;
  ca: string;
  namespace: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';
export const IN_CLUSTER_PATHS: InClusterPaths = {
  token: `${SERVICE_ACCOUNT}/token`,
  ca: `${SERVICE_ACCOUNT}/ca.crt`,
  namespace: `${SERVICE_ACCOUNT}/namespace`,
};

/** True inside a pod: the kubelet sets both variables for every container. */
export function isInCluster(env: Record<string, string | undefined>): boolean {
  return Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT);
}

/**
 * client-go's `rest.InClusterConfig`: the API server from KUBERNETES_SERVICE_HOST/PORT, the mounted
 * CA, and the token as a file, so a rotated bound token is picked up. `namespace` is the mounted
 * namespace file's content, when there is one.
 */
export function buildInClusterTarget(
  env: Record<string, string | undefined>,
  paths: InClusterPaths,
  namespace: string | undefined,
): KubeTarget {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const port = env.KUBERNETES_SERVICE_PORT ?? '';
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    context: 'in-cluster',
    server: `https://${hostPart}:${port}`,
    ca: { file: paths.ca, field: 'in-cluster service account: ca.crt' },
    insecureSkipTlsVerify: false,
    tokenFile: paths.token,
    ...(namespace ? { namespace } : {}),
  };
}
