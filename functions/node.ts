/**
 * The controller's Node server: the shared hono app behind @hono/node-server, the watch relay
 * delivering signed hints to its own `POST /hooks/kube`, and the per-Rollout scheduler with
 * precise timers. `npm start` runs it next to the devcluster; in a cluster it runs from manifests/.
 */
import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createController, type Controller } from '../src/controller/controller.js';
import { buildApp } from '../src/http/app.js';
import { VERSION } from '../src/version.js';
import { connectWithKubeconfig, type KubeConnection } from './node-kube.js';
import { DEFAULT_RESOURCES, kubeClientFor, startRelay } from './relay.js';

export interface NodeServer {
  port: number;
  controller: Controller;
  close(): Promise<void>;
}

export interface NodeServerOptions {
  port: number;
  host?: string;
  kube: KubeConnection;
  /** Shared secret of the hook; a random one when the relay runs in this process. */
  hookSecret?: string;
  /** Run the watch relay in this process (default true). */
  relay?: boolean;
  resyncSeconds?: number;
  log?: (line: string) => void;
}

const nodeTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

export async function startNodeServer(opts: NodeServerOptions): Promise<NodeServer> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const kube = kubeClientFor(opts.kube);
  const controller = createController({ kube, timers: nodeTimers, log });
  const secret = opts.hookSecret ?? randomBytes(32).toString('hex');
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
    kubeHook: { secret, onHints: (hints) => controller.onHints(hints) },
  });
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const relay =
    opts.relay === false
      ? undefined
      : startRelay({ kube: kubeClientFor(opts.kube), target: `http://127.0.0.1:${port}/hooks/kube`, secret, resources: DEFAULT_RESOURCES, log });
  const resync = () => controller.resync().catch((e: unknown) => log(`resync failed: ${(e as Error).message}`));
  // A controller that (re)starts picks up every Rollout that needs work right away.
  void resync();
  const sweep = setInterval(() => void resync(), (opts.resyncSeconds ?? 60) * 1000).unref();
  return {
    port,
    controller,
    async close() {
      clearInterval(sweep);
      await relay?.stop();
      controller.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const kube = connectWithKubeconfig(process.env.KUBECONFIG);
  startNodeServer({ port: Number(process.env.PORT ?? 8080), host: process.env.HOST ?? '0.0.0.0', kube, ...(process.env.HOOK_SECRET ? { hookSecret: process.env.HOOK_SECRET } : {}) })
    .then((s) => console.log(`controller listening on :${s.port}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
