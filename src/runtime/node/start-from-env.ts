import {
  findFleetGitOpsProblems,
  type FleetSettings,
  gitOpsSourcesOf,
} from '../../core/fleet/fleet-secrets.js';
import type { GitOpsSettings } from '../../core/gitops/env-config.js';
import type { FleetWiring, NodeServerOptions } from './compose.js';
import { assertNoProblems } from './config-error.js';
import { connectFleet } from './fleet-connections.js';
import { connectWithKubeconfig, type KubeConnection } from './kube-connection.js';
import { checkGitOpsEnv, loadGitOpsSettings } from './load-gitops.js';
import { type NodeEnv, type NodeSettings, readFleetEnv, readNodeEnv } from './read-node-env.js';
import { type NodeServer, startNodeServer } from './start-node-server.js';

/** The server options the parsed environment makes, for the cluster `kube` reaches. */
export function buildServerOptions(
  settings: NodeSettings,
  kube: KubeConnection,
  gitops: GitOpsSettings | undefined,
  log: (line: string) => void,
): NodeServerOptions {
  return {
    port: settings.port,
    host: settings.host,
    kube,
    ...(settings.hookSecrets?.[0] ? { hookSecret: settings.hookSecrets[0] } : {}),
    ...(settings.hookSecrets?.[1] ? { hookSecretPrevious: settings.hookSecrets[1] } : {}),
    ...(settings.apiTokens ? { apiTokens: settings.apiTokens } : {}),
    ...(settings.metricsTokens ? { metricsTokens: settings.metricsTokens } : {}),
    ...(gitops ? { gitops } : {}),
    providerSettings: settings.providerSettings,
    notifications: settings.notifications,
    log,
  };
}

/**
 * `functions/node.ts` (the in-cluster controller, the image's entry): reads the environment once and
 * starts the server. Every problem is listed at once in a ConfigError before anything starts; only
 * GITOPS_CONFIGMAP waits for the cluster, which must answer to be read (its sources are checked
 * against FLEET_CONFIG once read).
 */
export async function startNodeControllerFromEnv(
  env: NodeEnv,
  log: (line: string) => void,
): Promise<NodeServer> {
  const { settings, problems } = readNodeEnv(env, { host: '0.0.0.0', port: 8080 });
  problems.push(...checkGitOpsEnv(settings.gitopsEnv));
  const fleetRead = readFleetEnv(env);
  problems.push(...fleetRead.problems);
  const { fleet } = fleetRead;
  const members = fleet && connectFleet(fleet.clusters);
  problems.push(...(members?.problems ?? []));
  // A FLEET_CONFIG with problems has said so; its sources' waves are not checked against nothing.
  if (fleetRead.problems.length === 0 && !settings.gitopsEnv.GITOPS_CONFIGMAP?.trim())
    problems.push(
      ...findFleetGitOpsProblems(fleet?.config, gitOpsSourcesOf(settings.gitopsEnv.GITOPS_CONFIG)),
    );
  let kube: KubeConnection | undefined;
  try {
    kube = connectWithKubeconfig(settings.kubeconfig);
  } catch (e) {
    // A kubeconfig that cannot be used is a configuration problem like any other: said, not a stack trace.
    problems.push((e as Error).message);
  }
  assertNoProblems(problems);
  const connected = kube as KubeConnection;
  const gitops = await loadGitOpsSettings(settings.gitopsEnv, connected, log);
  assertNoProblems(gitops.problems);
  if (settings.gitopsEnv.GITOPS_CONFIGMAP?.trim())
    assertNoProblems(findFleetGitOpsProblems(fleet?.config, gitops.settings?.config.sources));
  return startNodeServer({
    ...buildServerOptions(settings, connected, gitops.settings, log),
    ...(fleet && members ? { fleet: buildFleetWiring(fleet, members.connections) } : {}),
  });
}

/** The fleet as compose.ts wires it: one connection per cluster, the gates, the home cluster. */
export function buildFleetWiring(
  fleet: FleetSettings,
  clusters: FleetWiring['clusters'],
): FleetWiring {
  return {
    clusters,
    windows: { windows: fleet.config.windows, freezes: fleet.config.freezes },
    pollMs: fleet.pollMs,
    ...(fleet.config.home ? { home: fleet.config.home } : {}),
  };
}
