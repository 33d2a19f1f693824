import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Controller } from '../../controller/controller.js';
import { DEFAULT_RESOURCES, startRelay } from '../../relay/index.js';
import { composeNodeController, type NodeServerOptions } from './compose.js';

export interface NodeServer {
  port: number;
  controller: Controller;
  close(): Promise<void>;
}

/**
 * The controller's Node server: the composed hono app behind @hono/node-server, the watch relay
 * delivering signed hints to its own `POST /hooks/kube`, and the resync sweep every
 * `resyncSeconds` (default 60) on top of the scheduler's precise timers.
 */
export async function startNodeServer(opts: NodeServerOptions): Promise<NodeServer> {
  const { app, controller, hookSecret, countedKube, log } = composeNodeController(opts);
  const server = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host ?? '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const relay =
    opts.relay === false
      ? undefined
      : startRelay({
          kube: countedKube(),
          target: `http://127.0.0.1:${port}/hooks/kube`,
          secret: hookSecret,
          resources: DEFAULT_RESOURCES,
          log,
        });
  const resync = () =>
    controller.resync().catch((e: unknown) => log(`resync failed: ${(e as Error).message}`));
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
