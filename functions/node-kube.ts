// Moved to src/runtime/node/kube-connection.ts (issue 18); kept for functions/real-cluster/, tests and benches.
export * from '../src/runtime/node/kube-connection.js';
