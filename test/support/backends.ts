import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe } from 'vitest';
import {
  BUILD_COMMAND,
  crdDirs,
  findMissingBinaries,
  installCrds,
  startRealCluster,
} from '../../functions/real-cluster/index.js';
import { parseNotificationSettings } from '../../src/controller/notifications/index.js';
import { kubeconfigFor, startDevCluster } from '../../src/devcluster/index.js';
import {
  connectWithKubeconfig,
  type KubeConnection,
  type NodeServer,
  startNodeServer,
} from '../../src/runtime/node/index.js';
import { REPO_ROOT } from './controller-process.js';
import { testClusterOptions } from './real-cluster-bed.js';
import { kubectlRunner, kubectlVersion, type KubectlSession } from './kubectl-session.js';

/**
 * One suite, two backends (issue 16): a test file written against `ClusterBed` runs once on the
 * devcluster and once on the real control plane (functions/real-cluster/), one cluster per
 * backend per file, reused by every test of the file. test/conformance/ probes the same beds over
 * HTTP (api-backends.ts).
 */
export type Backend = 'devcluster' | 'real';

/** What a test sees of a cluster, the same on both backends. */
export interface ClusterBed extends Pick<KubectlSession, 'kubectl' | 'ok'> {
  readonly backend: Backend;
  /** Scratch dir: the kubeconfig, files for `-f`; also kubectl's HOME. */
  readonly dir: string;
  readonly kubeconfigPath: string;
  /** For child processes: KUBECONFIG and HOME set. */
  readonly env: NodeJS.ProcessEnv;
  /** Seconds from a pod's scheduling to Ready, the same on both. */
  readonly podReadySeconds: number;
  /** The kubeconfig's connection (client certificate on the real backend). */
  readonly kube: KubeConnection;
  /** The API server's URL and a bearer token it accepts (what the Worker's bindings carry). */
  readonly server: string;
  readonly bearerToken: string;
  /** The CA file that signs the server's certificate (real backend); the devcluster is plain HTTP. */
  readonly caFile: string | undefined;
  /** Our controller, started as `npm start` starts it on that kubeconfig (when asked for). */
  readonly controller: NodeServer | undefined;
  /** The token our controller's `/api` accepts. */
  readonly apiToken: string;
  /** `kubectl get <args> -o jsonpath=<path>` polled until it prints `want`; returns the last print. */
  until(args: string[], jsonpath: string, want: string, timeoutMs?: number): Promise<string>;
  /** `kubectl apply` of these objects (as one JSON List); returns kubectl's output. */
  apply(...objects: object[]): Promise<string>;
}

export interface BedOptions {
  /** Start our controller on the cluster. Default true. */
  controller?: boolean;
  /**
   * The suite runs kubectl (`kubectl`, `ok`, `until`, `apply`), so it is skipped where kubectl is
   * absent. Default true; the HTTP probes of test/conformance/ say false and run without it.
   */
  kubectl?: boolean;
  /** Default 0.5 s. */
  podReadySeconds?: number;
}

interface StartedBed extends ClusterBed {
  close(): Promise<void>;
}

const DEVCLUSTER_TOKEN = 'devcluster';

/** Why the real control plane cannot run here (kubectl aside), or undefined when it can. */
export const realSkipReason: string | undefined = await (async () => {
  // To time the devcluster half alone, or to skip the slow half while editing.
  if (process.env.REAL_CLUSTER === 'off') return 'REAL_CLUSTER=off';
  const missing = await findMissingBinaries();
  return missing.length > 0
    ? `real control plane not built (${missing.join(', ')} missing): run \`${BUILD_COMMAND}\``
    : undefined;
})();

/** Why a suite with these options cannot run on `backend` here, or undefined when it can. */
function skipReason(backend: Backend, opts: BedOptions): string | undefined {
  if (opts.kubectl !== false && !kubectlVersion)
    return "kubectl is not on PATH (.ci/run installs Debian's kubernetes-client)";
  return backend === 'real' ? realSkipReason : undefined;
}

/**
 * Runs `body` once per backend under `describe(title [backend])`. The bed is started in
 * `beforeAll` (so `body` reads it only inside tests or hooks) and closed in `afterAll`. A backend
 * that cannot run here is skipped with `skipReason` in the title.
 */
export function describeOnBackends(
  title: string,
  opts: BedOptions,
  body: (bed: ClusterBed, backend: Backend) => void,
): void {
  for (const backend of ['devcluster', 'real'] as const) {
    const skip = skipReason(backend, opts);
    const name = `${title} [${backend}]${skip ? ` (skipped: ${skip})` : ''}`;
    (skip ? describe.skip : describe)(name, () => {
      let started: StartedBed | undefined;
      beforeAll(async () => {
        started = await startBed(backend, title, opts);
      }, 180_000);
      afterAll(() => started?.close(), 60_000);
      body(
        lazyBed(() => started),
        backend,
      );
    });
  }
}

/** The bed as the body sees it before `beforeAll` has run: every read goes to the started one. */
function lazyBed(current: () => StartedBed | undefined): ClusterBed {
  return new Proxy({} as ClusterBed, {
    get(_, key) {
      const bed = current();
      if (!bed) throw new Error(`the cluster bed is not started (read of ${String(key)})`);
      return bed[key as keyof ClusterBed];
    },
  });
}

async function startBed(backend: Backend, title: string, opts: BedOptions): Promise<StartedBed> {
  const podReadySeconds = opts.podReadySeconds ?? 0.5;
  const dir = await mkdtemp(join(tmpdir(), `bed-${title.replace(/\W+/g, '-').slice(0, 30)}-`));
  const kubeconfigPath = join(dir, 'kubeconfig');
  const cluster =
    backend === 'real'
      ? await startRealCluster(testClusterOptions(dir, { podReadySeconds })).then((c) => ({
          url: c.url,
          token: c.adminToken,
          caFile: c.caFile as string | undefined,
          close: () => c.close(),
        }))
      : await startDevCluster({ podReadySeconds }).then(async (c) => {
          await writeFile(kubeconfigPath, kubeconfigFor(c.url));
          return { url: c.url, token: DEVCLUSTER_TOKEN, caFile: undefined, close: () => c.close() };
        });
  const kube = connectWithKubeconfig(kubeconfigPath);
  // The launcher installs the CRDs itself; the devcluster gets the same ones the same way.
  if (backend === 'devcluster') await installCrds(kube, await crdDirs(REPO_ROOT, 'ours'));
  const apiToken = randomBytes(12).toString('base64url');
  const controller =
    opts.controller === false
      ? undefined
      : await startNodeServer({
          port: 0,
          kube,
          apiTokens: [apiToken],
          // As `npm start` with no NOTIFICATIONS* set: on, reading `argo-rollouts`.
          notifications: parseNotificationSettings({}).settings,
          log: () => undefined,
        });
  const env = { ...process.env, KUBECONFIG: kubeconfigPath, HOME: dir };
  const { kubectl, ok } = kubectlRunner(env);
  let files = 0;
  return {
    backend,
    dir,
    kubeconfigPath,
    env,
    podReadySeconds,
    kube,
    server: cluster.url,
    bearerToken: cluster.token,
    caFile: cluster.caFile,
    controller,
    apiToken,
    kubectl,
    ok,
    async until(args, jsonpath, want, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < deadline) {
        const r = await kubectl('get', ...args, '-o', `jsonpath=${jsonpath}`);
        last = (r.code === 0 ? r.stdout : r.stderr).trim();
        if (last === want) return last;
        await sleep(200);
      }
      return last;
    },
    async apply(...objects) {
      const file = join(dir, `apply-${++files}.json`);
      await writeFile(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
      return ok('apply', '-f', file);
    },
    async close() {
      await controller?.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
