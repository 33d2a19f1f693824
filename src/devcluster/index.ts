export { startDevCluster, type DevCluster, type DevClusterOptions } from './dev-cluster.js';
export { ManualClock, RealClock, type Clock } from './clock.js';
export { SIM } from './simulator/index.js';
export { kubeconfigFor } from './kubeconfig.js';
