/**
 * `npm start`: the whole stack on one machine (README "Quickstart"). Without KUBECONFIG it starts
 * the devcluster (or with CLUSTER=real the real control plane of functions/real-cluster/), then the
 * controller through the same composition as functions/node.ts; DEVGITHUB=on adds the GitHub demo.
 * What it reads and builds: src/runtime/node/dev-stack.ts.
 */
import { resolve } from 'node:path';
import { startDevStack, stopOnSignals } from '../src/runtime/node/dev-stack.js';
import { reportStartFailure } from '../src/runtime/node/report-start-failure.js';
import { writePrivateFile } from './private-file.js';
import { parseCrdSource, startRealCluster } from './real-cluster/index.js';

const out = (line: string) => console.log(line);
const log = (line: string) => console.error(line);

startDevStack(process.env, {
  root: resolve(import.meta.dirname, '..'),
  realCluster: { parseCrdSource, startRealCluster },
  writePrivateFile,
  out,
  log,
}).then(
  (stack) => stopOnSignals(stack, out),
  (e: unknown) => process.exit(reportStartFailure(e, log)),
);
