/** `CLUSTER=real npm start`: a real Kubernetes control plane on loopback (see start-real-cluster.ts). */
export {
  startRealCluster,
  type RealCluster,
  type RealClusterOptions,
} from './start-real-cluster.js';
export { crdDirs, installCrds, parseCrdSource, type CrdSource } from './crds.js';
export { BUILD_COMMAND, findMissingBinaries } from './binaries.js';
