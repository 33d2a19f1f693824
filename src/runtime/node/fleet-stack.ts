import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type FleetMember, planFleet } from './fleet-env.js';
import { type FleetMemberAt, printFleetBanner } from './fleet-banner.js';
import { buildFleetKubeconfig } from './fleet-kubeconfig.js';
import { startGitHubDemo } from './github-demo.js';
import { installNotificationConfig } from './install-notification-config.js';
import { connectWithKubeconfig, type KubeConnection } from './kube-connection.js';
import type { DevSettings } from './read-dev-env.js';
import { buildServerOptions } from './start-from-env.js';
import { type NodeServer, startNodeServer } from './start-node-server.js';

export interface FleetStackDeps {
  /** The checkout: .rollouts/ is written into it. */
  root: string;
  writePrivateFile(path: string, content: string): Promise<void>;
  out(line: string): void;
  log(line: string): void;
  /**
   * Starts one member's cluster as plain `npm start` starts its one (dev-stack.ts: a devcluster
   * with the CRDs, or CLUSTER=real's control plane in `realStateDir`), writing its kubeconfig.
   */
  startMember(
    member: FleetMember,
    paths: { kubeconfig: string; realStateDir: string },
  ): Promise<{ kube: KubeConnection; close(): Promise<void> }>;
}

/**
 * `FLEET=<n> npm start` (issue 21 §7): n clusters, then ONE kubeconfig with contexts fleet-1 …
 * fleet-n, then per cluster the controller exactly as plain `npm start` composes it (its own
 * Kubernetes client, relay, scheduler and port). n compositions side by side, rather than one
 * server with per-cluster hook paths, leave compose.ts and the Workers composition untouched:
 * each member is what a single-cluster install is, which is what the fleet releases will drive.
 */
export async function startFleetStack(
  settings: DevSettings,
  size: number,
  deps: FleetStackDeps,
): Promise<{ close(): Promise<void> }> {
  const stateDir = join(deps.root, '.rollouts');
  const members = planFleet(size, { kubePort: settings.kubePort, port: settings.node.port });
  const clusters: Array<{ close(): Promise<void> }> = [];
  const servers: NodeServer[] = [];
  // Controllers stop before the clusters they talk to.
  const close = async () => {
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(clusters.map((c) => c.close()));
  };
  try {
    const kubeconfigs: Array<{ name: string; kubeconfig: string }> = [];
    // One after another: a real control plane takes a core while it starts, and the log reads in order.
    for (const member of members) {
      const dir = join(stateDir, 'fleet', member.name);
      const kubeconfig = join(dir, 'kubeconfig');
      clusters.push(
        await deps.startMember(member, { kubeconfig, realStateDir: join(dir, 'real-cluster') }),
      );
      kubeconfigs.push({ name: member.name, kubeconfig: await readFile(kubeconfig, 'utf8') });
    }
    const kubeconfigPath = join(stateDir, 'kubeconfig');
    // Private: a real control plane's entries carry the admin's client key.
    await deps.writePrivateFile(kubeconfigPath, buildFleetKubeconfig(kubeconfigs));
    // The controllers read the file the user's kubectl reads, so a wrong entry shows at once.
    const kubes = members.map((m) => connectWithKubeconfig(kubeconfigPath, { context: m.name }));
    const { notifications } = settings.node;
    if (notifications.enabled)
      for (const kube of kubes) await installNotificationConfig(kube, notifications.namespace);
    const apiTokens = settings.node.apiTokens ?? [randomBytes(18).toString('base64url')];
    await deps.writePrivateFile(join(stateDir, 'api-token'), `${apiTokens[0] ?? ''}\n`);
    // DEVGITHUB=on: the demo source goes out to fleet-1, fleet-2, … in waves (issue 21 §7).
    const demo =
      settings.devgithubPort === undefined
        ? undefined
        : await startGitHubDemo({
            port: settings.devgithubPort,
            log: deps.log,
            fleet: {
              clusters: members.map((m) => m.name),
              soakSeconds: settings.fleetReleases?.soakSeconds ?? 30,
            },
          });
    if (demo) clusters.push({ close: () => demo.github.close() });
    const shown: FleetMemberAt[] = [];
    for (const [i, member] of members.entries()) {
      const kube = kubes[i] as KubeConnection;
      const at: FleetMemberAt = { name: member.name, kubeUrl: kube.server };
      if (settings.controller) {
        const log = (line: string) => deps.log(`${member.name}: ${line}`);
        // Every member reports its Rollouts' progress to GitHub (a Deployment per cluster); the
        // first is the home controller too: the webhook comes to it, its cluster keeps the
        // Release objects, and it holds a connection to each member.
        const home = i === 0 && demo && settings.fleetReleases;
        const server = await startNodeServer({
          ...buildServerOptions(settings.node, kube, demo?.settings, log),
          port: member.port,
          apiTokens,
          ...(home
            ? {
                fleet: {
                  clusters: members.map((m, j) => ({
                    name: m.name,
                    kube: kubes[j] as KubeConnection,
                  })),
                  windows: settings.fleetReleases?.gates ?? { windows: [], freezes: [] },
                  pollMs: settings.fleetReleases?.pollMs ?? 2000,
                  // This controller's own cluster: the Releases live there.
                  home: member.name,
                },
              }
            : {}),
        });
        servers.push(server);
        if (home) demo.connect(`http://127.0.0.1:${server.port}`);
        at.controllerPort = server.port;
      }
      shown.push(at);
    }
    printFleetBanner(deps.out, shown, demo?.github.url);
    return { close };
  } catch (e) {
    await close();
    throw e;
  }
}
