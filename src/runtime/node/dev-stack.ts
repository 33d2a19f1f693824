import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { kubeconfigFor, startDevCluster } from '../../devcluster/index.js';
import { assertNoProblems, ConfigError } from './config-error.js';
import { printDevBanner } from './dev-banner.js';
import { startFleetStack } from './fleet-stack.js';
import { startGitHubDemo, DEMO_REPO } from './github-demo.js';
import { installDevCrds } from './install-dev-crds.js';
import { installNotificationConfig } from './install-notification-config.js';
import { connectWithKubeconfig, type KubeConnection, waitForKubeApi } from './kube-connection.js';
import { loadGitOpsSettings } from './load-gitops.js';
import { type DevSettings, readDevEnv } from './read-dev-env.js';
import type { NodeEnv } from './read-node-env.js';
import { buildServerOptions } from './start-from-env.js';
import { startNodeServer } from './start-node-server.js';

/** The real control plane launcher (functions/real-cluster), passed in: src/ never imports functions/. */
export interface RealClusterLauncher<Crds> {
  parseCrdSource(raw: string | undefined): Crds;
  startRealCluster(opts: {
    kubePort: number;
    podReadySeconds: number;
    crds: Crds;
    kubeconfigPath: string;
    /** Its etcd data, certificates and logs (default .rollouts/real-cluster): one per fleet member. */
    stateDir?: string;
    log: (line: string) => void;
  }): Promise<{ url: string; crds: string[]; nodes: string[]; close(): Promise<void> }>;
}

export interface DevStackDeps<Crds> {
  /** The checkout: manifests/ is read from it and .rollouts/ written into it. */
  root: string;
  realCluster: RealClusterLauncher<Crds>;
  writePrivateFile(path: string, content: string): Promise<void>;
  /** What the user is told (stdout) and the components' log (stderr). */
  out(line: string): void;
  log(line: string): void;
}

interface Cluster {
  kube: KubeConnection;
  /** Started here (devcluster or real control plane), rather than a cluster KUBECONFIG names. */
  local: boolean;
  close(): Promise<void>;
}

async function startCluster<Crds>(
  settings: DevSettings,
  deps: DevStackDeps<Crds>,
  kubeconfigPath: string,
  realStateDir?: string,
): Promise<Cluster> {
  const { cluster, kubePort, podReadySeconds } = settings;
  const { out, log } = deps;
  if (cluster.kind === 'kubeconfig') {
    let kube: KubeConnection;
    try {
      kube = connectWithKubeconfig(cluster.path);
    } catch (e) {
      throw new ConfigError([(e as Error).message]);
    }
    await mkdir(dirname(kubeconfigPath), { recursive: true });
    out(`Using the cluster in KUBECONFIG (${kube.context} → ${kube.server}).`);
    if ((await waitForKubeApi(kube, { log })) === 404)
      out('The Rollout CRDs are not installed there yet: kubectl apply -k manifests/');
    return { kube, local: false, close: () => Promise.resolve() };
  }
  if (cluster.kind === 'real') {
    const crds = deps.realCluster.parseCrdSource(cluster.crds || undefined);
    const real = await deps.realCluster.startRealCluster({
      kubePort,
      podReadySeconds,
      crds,
      kubeconfigPath,
      ...(realStateDir ? { stateDir: realStateDir } : {}),
      log,
    });
    out(
      `real-cluster: Kubernetes API on ${real.url} (${real.crds.length} CRDs installed, ${real.nodes.length} kwok nodes)`,
    );
    return { kube: connectWithKubeconfig(kubeconfigPath), local: true, close: () => real.close() };
  }
  await mkdir(dirname(kubeconfigPath), { recursive: true });
  const dev = await startDevCluster({ host: '127.0.0.1', port: kubePort, podReadySeconds, log });
  const crds = await installDevCrds(dev, deps.root);
  await writeFile(kubeconfigPath, kubeconfigFor(dev.url));
  out(`devcluster: Kubernetes API on ${dev.url} (${crds.length} CRDs installed)`);
  return { kube: connectWithKubeconfig(kubeconfigPath), local: true, close: () => dev.close() };
}

/**
 * `npm start` (DESIGN §5): reads the environment once, listing every problem before anything starts
 * or is written; then the cluster (devcluster, CLUSTER=real, or KUBECONFIG's), the GitHub demo
 * (DEVGITHUB=on), and the controller through the same composition as functions/node.ts.
 */
export async function startDevStack<Crds>(
  env: NodeEnv,
  deps: DevStackDeps<Crds>,
): Promise<{ close(): Promise<void> }> {
  const stateDir = join(deps.root, '.rollouts');
  const kubeconfigPath = join(stateDir, 'kubeconfig');
  const { settings, problems } = readDevEnv(env, kubeconfigPath, (raw) =>
    deps.realCluster.parseCrdSource(raw),
  );
  assertNoProblems(problems);
  if (settings.fleetSize)
    return startFleetStack(settings, settings.fleetSize, {
      ...deps,
      startMember: (member, paths) =>
        startCluster(
          { ...settings, kubePort: member.kubePort },
          deps,
          paths.kubeconfig,
          paths.realStateDir,
        ),
    });
  const cluster = await startCluster(settings, deps, kubeconfigPath);
  const closers: Array<() => Promise<void>> = [() => cluster.close()];
  const close = () => Promise.all(closers.map((c) => c())).then(() => undefined);
  try {
    if (cluster.local && settings.node.notifications.enabled)
      await installNotificationConfig(cluster.kube, settings.node.notifications.namespace);
    const gitops = await loadGitOpsSettings(settings.node.gitopsEnv, cluster.kube, deps.log);
    assertNoProblems(gitops.problems);
    const demo =
      settings.devgithubPort === undefined
        ? undefined
        : await startGitHubDemo({
            port: settings.devgithubPort,
            controllerUrl: `http://127.0.0.1:${settings.node.port}`,
            log: deps.log,
          });
    if (demo) {
      closers.push(() => demo.github.close());
      deps.out(
        `devgithub: GitHub REST API on ${demo.github.url}, repository ${DEMO_REPO} (alice: maintain, mallory: read), webhook → :${settings.node.port}/hooks/github`,
      );
    }
    // The API (dashboard, curl) is never open: API_TOKEN, or a fresh one in .rollouts/api-token.
    const apiTokens = settings.node.apiTokens ?? [randomBytes(18).toString('base64url')];
    await deps.writePrivateFile(join(stateDir, 'api-token'), `${apiTokens[0] ?? ''}\n`);
    const gitopsSettings = demo?.settings ?? gitops.settings;
    const server = settings.controller
      ? await startNodeServer({
          ...buildServerOptions(settings.node, cluster.kube, gitopsSettings, deps.log),
          apiTokens,
        })
      : undefined;
    // The controller stops before the cluster it talks to.
    if (server) closers[0] = () => server.close().then(() => cluster.close());
    printDevBanner(deps.out, {
      ...(server ? { controllerPort: server.port } : {}),
      gitops: gitopsSettings !== undefined,
      local: cluster.local,
      ...(demo ? { devgithubUrl: demo.github.url } : {}),
    });
    return { close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Ctrl-C (or SIGTERM) stops everything, once. */
export function stopOnSignals(stack: { close(): Promise<void> }, out: (line: string) => void) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out(`\n${signal}: shutting down`);
    stack.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
