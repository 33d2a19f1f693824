import type { GitHubClients } from '../../adapters/github/index.js';
import { KubeClient } from '../../adapters/kube/index.js';
import type { FleetClusters } from '../../controller/fleet/fleet-clusters.js';
import { createFleetReleases, type FleetReleases } from '../../controller/fleet/fleet-releases.js';
import {
  findFleetGitOpsProblems,
  type FleetSettings,
  gitOpsSourcesOf,
  readFleetSettings,
} from '../../core/fleet/fleet-secrets.js';
import type { GitOpsConfig } from '../../core/gitops/config.js';
import type { WorkerBindings } from './worker-config.js';

/** A member cluster as a Worker reaches it: fetch with headers, public CAs only. */
export interface WorkerFleetCluster {
  name: string;
  server: string;
  headers: Record<string, string>;
}

export interface WorkerFleet {
  settings: FleetSettings;
  clusters: WorkerFleetCluster[];
}

/**
 * FLEET_CONFIG on Workers (issue 21 §1): each `{env: NAME}` is another binding (a Worker secret).
 * A Worker's fetch cannot present a client certificate without an mTLS binding per certificate
 * (declared in wrangler.toml, not configurable at run time) and trusts only public CAs, so
 * `clientCertificate` and `caData` are problems here, with what to use instead. Pure.
 */
export function parseWorkerFleet(env: WorkerBindings): { fleet?: WorkerFleet; problems: string[] } {
  const bindings = env as Readonly<Record<string, unknown>>;
  const read = readFleetSettings((name) => {
    const value = bindings[name];
    return typeof value === 'string' ? value : undefined;
  });
  // The sources' waves against the fleet; a FLEET_CONFIG with problems has said so already.
  const problems = [...read.problems];
  if (problems.length === 0)
    problems.push(
      ...findFleetGitOpsProblems(read.fleet?.config, gitOpsSourcesOf(env.GITOPS_CONFIG)),
    );
  if (!read.fleet) return { problems };
  const clusters: WorkerFleetCluster[] = [];
  for (const c of read.fleet.clusters) {
    const at = `FLEET_CONFIG cluster "${c.name}"`;
    if (c.auth.kind === 'clientCertificate')
      problems.push(
        `${at}: client certificates need an mTLS binding on Workers; use token or headers (Cloudflare Access)`,
      );
    if (c.caData)
      problems.push(
        `${at}: caData is not supported on Workers (fetch trusts public CAs only); serve the API through a Cloudflare Tunnel`,
      );
    const { name, server } = c;
    if (c.auth.kind === 'token')
      clusters.push({ name, server, headers: { authorization: `Bearer ${c.auth.token}` } });
    else if (c.auth.kind === 'headers') clusters.push({ name, server, headers: c.auth.headers });
  }
  return problems.length > 0
    ? { problems }
    : { fleet: { settings: read.fleet, clusters }, problems };
}

/** One client per member cluster, and the one the Release objects live in. */
export function workerFleetClusters(
  fleet: WorkerFleet,
  own: KubeClient,
): { clusters: FleetClusters; home: KubeClient } {
  const members = new Map(
    fleet.clusters.map((c) => [c.name, new KubeClient({ server: c.server, headers: c.headers })]),
  );
  const kubeFor = (name: string): KubeClient => {
    const kube = members.get(name);
    if (!kube) throw new Error(`cluster ${name} is not in the fleet`);
    return kube;
  };
  const { home } = fleet.settings.config;
  return {
    clusters: { names: fleet.clusters.map((c) => c.name), kubeFor },
    home: home === undefined ? own : kubeFor(home),
  };
}

/**
 * The release engine in a Worker isolate: the Release objects in the `home` cluster of
 * FLEET_CONFIG, else in the Worker's own (KUBE_SERVER).
 */
export function workerReleases(
  fleet: WorkerFleet,
  members: { clusters: FleetClusters; home: KubeClient },
  deps: { config: GitOpsConfig; clients: GitHubClients; log(line: string): void },
): FleetReleases {
  const { config } = fleet.settings;
  return createFleetReleases({
    home: members.home,
    ...(config.home !== undefined ? { homeCluster: config.home } : {}),
    kubeFor: (name) => members.clusters.kubeFor(name),
    windows: { windows: config.windows, freezes: config.freezes },
    config: deps.config,
    github: (repo) => deps.clients.forRepo(repo),
    now: () => Date.now(),
    log: deps.log,
    pollMs: fleet.settings.pollMs,
  });
}
