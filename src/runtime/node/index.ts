export { composeNodeController, type NodeComposition, type NodeServerOptions } from './compose.js';
export { ConfigError } from './config-error.js';
export { DEMO_REPO, DEMO_TOKEN, type GitHubDemo, startGitHubDemo } from './github-demo.js';
export {
  connectWithKubeconfig,
  type KubeConnection,
  kubeClientFor,
  waitForKubeApi,
} from './kube-connection.js';
export { loadGitOpsSettings } from './load-gitops.js';
export { type NodeServer, startNodeServer } from './start-node-server.js';
