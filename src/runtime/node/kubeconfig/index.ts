export { connectKube, type KubeFetchConnection, nodeCredentialDeps } from './connect-kube.js';
export {
  createCredentialSource,
  type CredentialDeps,
  type Credentials,
  type CredentialSource,
  TOKEN_FILE_TTL_MS,
} from './credentials.js';
export {
  buildExecInfo,
  ExecPluginError,
  type ExecResult,
  parseExecCredential,
} from './exec-credential.js';
export {
  buildInClusterTarget,
  IN_CLUSTER_PATHS,
  type InClusterPaths,
  isInCluster,
} from './in-cluster.js';
export {
  type KubeconfigEnvironment,
  listKubeconfigContexts,
  loadKubeconfig,
  type LoadedKubeconfig,
  nodeKubeconfigEnvironment,
} from './load-kubeconfig.js';
export { mergeKubeconfigs, type MergedKubeconfig } from './merge-kubeconfigs.js';
export { type KubeconfigFile, type NamedEntry, parseKubeconfig } from './parse-kubeconfig.js';
export { resolveKubeconfig, type Resolved } from './resolve-kubeconfig.js';
export { type ExecConfig, KubeconfigError, type KubeTarget, type Material } from './types.js';
