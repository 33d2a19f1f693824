import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectWithKubeconfig } from '../../functions/node-kube.js';
import { startNodeServer, type NodeServer } from '../../src/runtime/node/index.js';
import {
  type RealCluster,
  type RealClusterOptions,
  startRealCluster,
} from '../../functions/real-cluster/index.js';

/** A real control plane of the tests: free ports, its own scratch dir, optionally our controller driving it. */
export interface RealClusterBed {
  /** Scratch dir (the kubeconfig, the cluster's state; also kubectl's HOME). */
  dir: string;
  cluster: RealCluster;
  /** Our controller (the Node server, as `npm start` runs it), when asked for. */
  server?: NodeServer;
  close(): Promise<void>;
}

/**
 * How the tests start a real control plane in `dir`: a free port, the kubeconfig and the state
 * (removed on close) in `dir`, pods Ready after 0.5 s, no log; `overrides` replace any of these.
 */
export function testClusterOptions(
  dir: string,
  overrides: Partial<RealClusterOptions> = {},
): RealClusterOptions {
  return {
    kubePort: 0,
    podReadySeconds: 0.5,
    kubeconfigPath: join(dir, 'kubeconfig'),
    stateDir: join(dir, 'state'),
    removeStateOnClose: true,
    log: () => undefined,
    ...overrides,
  };
}

/** Starts the launcher `CLUSTER=real npm start` uses, on free ports, with pods Ready after 0.5 s. */
export async function startRealClusterBed(
  prefix: string,
  opts: { controller: boolean },
): Promise<RealClusterBed> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const cluster = await startRealCluster(testClusterOptions(dir));
  const server = opts.controller
    ? await startNodeServer({
        port: 0,
        kube: connectWithKubeconfig(cluster.kubeconfigPath),
        log: () => undefined,
      })
    : undefined;
  return {
    dir,
    cluster,
    ...(server ? { server } : {}),
    async close() {
      await server?.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
