/**
 * The controller's Node server: the shared hono app behind @hono/node-server. `npm start`
 * runs it next to the devcluster; in a cluster it runs from manifests/ with in-cluster config.
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/http/app.js';
import { VERSION } from '../src/version.js';
import { connectWithKubeconfig, type KubeConnection } from './node-kube.js';

export interface NodeServer {
  port: number;
  close(): Promise<void>;
}

export async function startNodeServer(opts: { port: number; host?: string; kube: KubeConnection }): Promise<NodeServer> {
  const app = buildApp({
    runtime: 'node',
    version: VERSION,
    readiness: async () => {
      try {
        const res = await opts.kube.fetch('/version', { signal: AbortSignal.timeout(2000) });
        return res.ok ? undefined : `Kubernetes API answered ${res.status}`;
      } catch (e) {
        return `Kubernetes API unreachable: ${(e as Error).message}`;
      }
    },
  });
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const kube = connectWithKubeconfig(process.env.KUBECONFIG);
  startNodeServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '0.0.0.0', kube })
    .then((s) => console.log(`controller listening on :${s.port}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
