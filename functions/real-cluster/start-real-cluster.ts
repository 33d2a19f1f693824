import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectWithKubeconfig, type KubeConnection } from '../node-kube.js';
import { binaryPath, binDir, ensureBinaries, repoRoot } from './binaries.js';
import { createPki } from './certs.js';
import {
  buildApiServerArgs,
  buildControllerManagerArgs,
  buildEtcdArgs,
  buildKwokArgs,
  buildSchedulerArgs,
  layoutFor,
} from './component-args.js';
import { crdDirs, installCrds, type CrdSource } from './crds.js';
import { buildKubeconfig } from './kubeconfig.js';
import { buildFakeNode, buildKwokStages, KWOK_NODE_ANNOTATION } from './kwok-stages.js';
import { assertPortFree, ControlPlaneProcesses, freePort, killLeftovers } from './processes.js';
import {
  areCrdsEstablished,
  areNodesReady,
  hasDefaultServiceAccount,
  isApiServerReady,
  isEtcdHealthy,
  waitUntil,
} from './readiness.js';

export interface RealClusterOptions {
  /** kube-apiserver's port on 127.0.0.1; 0 picks a free one. */
  kubePort: number;
  podReadySeconds: number;
  /** Which Rollout CRDs to install (CRDS=upstream: Argo Rollouts' own). */
  crds?: CrdSource;
  nodes?: number;
  /** Where the user's kubeconfig goes (npm start: .rollouts/kubeconfig). */
  kubeconfigPath: string;
  /** Everything of one start (etcd data, certificates, logs); emptied at start. */
  stateDir?: string;
  /** Remove the whole state directory on close (tests); npm start keeps the logs. */
  removeStateOnClose?: boolean;
  /** Appended to kube-apiserver's flags (the benches add an audit policy and log). */
  apiServerArgs?: string[];
  log: (line: string) => void;
}

export interface RealCluster {
  url: string;
  kubeconfigPath: string;
  /** The admin's static bearer token (also accepted; for clients without certificates). */
  adminToken: string;
  /** The cluster CA's certificate (PEM file): what a client without the kubeconfig must trust. */
  caFile: string;
  /** etcd's client URL (plain HTTP on loopback): tests compact its history through it. */
  etcdUrl: string;
  crds: string[];
  nodes: string[];
  /** Seconds from the first process start to nodes Ready and CRDs Established. */
  startSeconds: number;
  kube: KubeConnection;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 90_000;
/** Starts tried when a component lost a port it was given to another process meanwhile. */
const START_ATTEMPTS = 3;

/** A component ended during the start; the message carries the end of its log. */
export class ComponentExitError extends Error {
  constructor(
    readonly component: string,
    readonly code: number | null,
    readonly logTail: string,
  ) {
    super(
      `${component} exited (code ${String(code)}) while the control plane started; its log ends:\n${logTail}`,
    );
    this.name = 'ComponentExitError';
  }

  /** The component could not bind a port: another process took it after it was picked. */
  get portTaken(): boolean {
    return /address already in use/i.test(this.logTail);
  }
}

/**
 * Starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (with a few fake
 * nodes) on loopback from the binaries tools/real-cluster/build.sh made, waits for /readyz,
 * Ready nodes and the default ServiceAccount, installs the CRDs, and writes the kubeconfig. A start
 * whose component lost its port to another process is made again on other ports.
 */
export async function startRealCluster(opts: RealClusterOptions): Promise<RealCluster> {
  await ensureBinaries(opts.log);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts);
    } catch (e) {
      if (!(e instanceof ComponentExitError && e.portTaken) || attempt >= START_ATTEMPTS) throw e;
      opts.log(`real-cluster: ${e.component} lost its port to another process; starting again`);
    }
  }
}

async function startOnce(opts: RealClusterOptions): Promise<RealCluster> {
  if (opts.kubePort) await assertPortFree(opts.kubePort);
  const stateDir = opts.stateDir ?? join(repoRoot, '.rollouts', 'real-cluster');
  const layout = layoutFor(stateDir);
  const pidFile = join(stateDir, 'pids');
  await killLeftovers(pidFile, binDir, opts.log);
  await rm(stateDir, { recursive: true, force: true });
  const logDir = join(stateDir, 'logs');
  await mkdir(logDir, { recursive: true });
  const started = Date.now();

  const pki = await createPki(join(stateDir, 'pki'));
  const adminToken = randomBytes(24).toString('base64url');
  await writeFile(
    layout.tokenFile,
    `${adminToken},kubernetes-admin-token,kubernetes-admin-token,system:masters\n`,
    { mode: 0o600 },
  );
  const [etcdPort, etcdPeerPort] = [await freePort(), await freePort()];
  const kubePort = opts.kubePort || (await freePort());
  const url = `https://127.0.0.1:${kubePort}`;
  const kubeconfig = (user: typeof pki.admin, userName: string) =>
    buildKubeconfig({ server: url, caPem: pki.ca.certPem, user, userName });
  await writeFile(layout.adminKubeconfig, kubeconfig(pki.admin, 'kubernetes-admin'), {
    mode: 0o600,
  });
  await writeFile(
    layout.controllerManagerKubeconfig,
    kubeconfig(pki.controllerManager, 'system:kube-controller-manager'),
    { mode: 0o600 },
  );
  await writeFile(layout.schedulerKubeconfig, kubeconfig(pki.scheduler, 'system:kube-scheduler'), {
    mode: 0o600,
  });

  let died: { name: string; code: number | null; logFile: string } | undefined;
  const procs = new ControlPlaneProcesses(logDir, pidFile, (name, code, logFile) => {
    died ??= { name, code, logFile };
    void tail(logFile).then((lines) =>
      opts.log(
        `real-cluster: ${name} exited (code ${String(code)}); its log: ${logFile}\n${lines}`,
      ),
    );
  });
  const failure = () => died && `${died.name} exited (code ${String(died.code)})`;
  const cleanup = async () => {
    await procs.stopAll();
    if (opts.removeStateOnClose) await rm(stateDir, { recursive: true, force: true });
    else
      for (const entry of await readdir(stateDir))
        if (entry !== 'logs') await rm(join(stateDir, entry), { recursive: true, force: true });
  };

  // Ctrl-C during the start (dev.ts installs its handlers only once everything runs).
  const interrupted = (signal: NodeJS.Signals) => {
    opts.log(`\n${signal}: stopping the real control plane`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    procs.start('etcd', binaryPath('etcd'), buildEtcdArgs(layout, etcdPort, etcdPeerPort));
    await waitUntil('etcd /health', () => isEtcdHealthy(`http://127.0.0.1:${etcdPort}`), {
      timeoutMs: 30_000,
      failure,
    });

    procs.start(
      'kube-apiserver',
      binaryPath('kube-apiserver'),
      buildApiServerArgs({
        layout,
        pki,
        port: kubePort,
        etcdPort,
        advertiseAddress: '192.0.2.10',
      }).concat(opts.apiServerArgs ?? []),
    );
    const admin = connectWithKubeconfig(layout.adminKubeconfig);
    await waitUntil(`kube-apiserver ${url}/readyz`, () => isApiServerReady(admin), {
      timeoutMs: READY_TIMEOUT_MS,
      failure,
    });
    const apiReady = (Date.now() - started) / 1000;
    const version = await serverVersion(admin);
    await writeFile(
      layout.kwokConfig,
      buildKwokStages({ podReadySeconds: opts.podReadySeconds, kubeletVersion: version }),
    );

    procs.start(
      'kube-controller-manager',
      binaryPath('kube-controller-manager'),
      buildControllerManagerArgs(layout, pki),
    );
    procs.start('kube-scheduler', binaryPath('kube-scheduler'), buildSchedulerArgs(layout));
    procs.start('kwok', binaryPath('kwok'), buildKwokArgs(layout, KWOK_NODE_ANNOTATION));

    const nodes = Array.from({ length: opts.nodes ?? 3 }, (_, i) => `kwok-node-${i}`);
    for (const node of nodes) await createObject(admin, '/api/v1/nodes', buildFakeNode(node));
    const crds = await installCrds(admin, await crdDirs(repoRoot, opts.crds ?? 'ours'));
    await waitUntil('kwok nodes Ready', () => areNodesReady(admin, nodes), {
      timeoutMs: READY_TIMEOUT_MS,
      failure,
    });
    await waitUntil(
      'the default ServiceAccount',
      () => hasDefaultServiceAccount(admin, 'default'),
      { timeoutMs: READY_TIMEOUT_MS, failure },
    );
    await waitUntil('CRDs Established', () => areCrdsEstablished(admin, crds), {
      timeoutMs: READY_TIMEOUT_MS,
      failure,
    });

    await mkdir(join(opts.kubeconfigPath, '..'), { recursive: true });
    await writeFile(opts.kubeconfigPath, kubeconfig(pki.admin, 'kubernetes-admin'), {
      mode: 0o600,
    });
    const startSeconds = (Date.now() - started) / 1000;
    opts.log(
      `real-cluster: Kubernetes ${version}: /readyz after ${apiReady.toFixed(1)}s, nodes and CRDs ready after ${startSeconds.toFixed(1)}s (logs in ${logDir})`,
    );
    let closing: Promise<void> | undefined;
    return {
      url,
      kubeconfigPath: opts.kubeconfigPath,
      adminToken,
      caFile: pki.ca.certFile,
      etcdUrl: `http://127.0.0.1:${etcdPort}`,
      crds,
      nodes,
      startSeconds,
      kube: admin,
      close: () => (closing ??= cleanup()),
    };
  } catch (e) {
    // The log goes with the state directory: read its end first.
    const exit = died && new ComponentExitError(died.name, died.code, await tail(died.logFile));
    await cleanup();
    throw exit ?? e;
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function createObject(kube: KubeConnection, path: string, body: object): Promise<void> {
  const res = await kube.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
}

async function serverVersion(kube: KubeConnection): Promise<string> {
  const res = await kube.fetch('/version');
  const body = (await res.json()) as { gitVersion?: string };
  return body.gitVersion ?? 'unknown';
}

async function tail(file: string, lines = 15): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `  | ${l}`)
    .join('\n');
}
