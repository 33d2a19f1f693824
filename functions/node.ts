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
import { KubeClient } from '../src/adapters/kube/index.js';
import { countingFetch, MetricsRegistry } from '../src/http/metrics/index.js';
import { apiTokensFrom, rotatingPair } from '../src/http/auth/rotating-secrets.js';
import { VERSION } from '../src/version.js';
import { GitHubClients } from '../src/adapters/github/index.js';
import { createGitOps, gitHubHookFor } from '../src/controller/gitops/gitops.js';
import {
  type GitOpsEnv,
  type GitOpsSettings,
  parseGitOpsEnv,
} from '../src/core/gitops/env-config.js';
import { readGitOpsConfigMap } from '../src/controller/gitops/config-map-source.js';
import type { Hint } from '../src/http/hooks/index.js';
import { parseProviderSettings } from '../src/providers/metrics/settings.js';
import { connectWithKubeconfig, type KubeConnection, waitForKubeApi } from './node-kube.js';
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
  /** A hook secret being rotated out, still accepted from external relays. */
  hookSecretPrevious?: string;
  /** Bearer tokens for `/api/*` (current, then one being rotated out); without one the API answers 503. */
  apiTokens?: string[];
  /** Run the watch relay in this process (default true). */
  relay?: boolean;
  resyncSeconds?: number;
  /** GitOps through GitHub (issue 7): mounts `POST /hooks/github`. */
  gitops?: GitOpsSettings;
  /** METRICS_TOKEN: `GET /metrics` then takes this bearer token; without it the scrape is public like /healthz. */
  metricsTokens?: string[];
  /** Settings the metric providers read (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, DD_*, AWS_*…): `parseProviderSettings`. */
  providerSettings?: Record<string, string>;
  /** Counters kept for `/metrics` (a fresh registry by default); Kubernetes requests are counted into it. */
  metrics?: MetricsRegistry;
  log?: (line: string) => void;
}

const nodeTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

/** GitOps settings from the environment, reading `GITOPS_CONFIGMAP` through the cluster first when it is set. */
export async function gitOpsFromEnv(
  env: GitOpsEnv,
  kube: KubeConnection,
): Promise<{ settings?: GitOpsSettings; problems: string[] }> {
  const resolved = await readGitOpsConfigMap(env, kubeClientFor(kube));
  return resolved.problems.length > 0
    ? { problems: resolved.problems }
    : parseGitOpsEnv(resolved.env, 'node');
}

export async function startNodeServer(opts: NodeServerOptions): Promise<NodeServer> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const registry = opts.metrics ?? new MetricsRegistry();
  registry.expose(registry.kubeRequests);
  // Every Kubernetes call of this process (controller, API, relay) is counted for /metrics.
  const counted = () =>
    new KubeClient({
      server: opts.kube.server,
      fetch: countingFetch(
        (url, init) => opts.kube.fetch(url.slice(opts.kube.server.length), init),
        registry.kubeRequests,
      ),
    });
  const kube = counted();
  // The GitOps use cases and the controller enqueue into each other; hints arrive only once both exist.
  const holder: { controller?: Controller } = {};
  const enqueue = (hints: Hint[]) =>
    holder.controller ? holder.controller.onHints(hints) : Promise.resolve();
  const gitops = opts.gitops
    ? createGitOps({
        kube,
        config: opts.gitops.config,
        clients: new GitHubClients({ baseUrl: opts.gitops.baseUrl, auth: opts.gitops.auth }),
        now: () => Date.now(),
        enqueueRollouts: (refs) => enqueue(refs.map((r) => ({ kind: 'Rollout', ...r }))),
        log,
      })
    : undefined;
  registry.expose(registry.reconcile, registry.reconcileError);
  const onReconciled = (
    ref: { namespace: string; name: string },
    seconds: number,
    failed: boolean,
  ) => {
    registry.reconcile.observe(ref, seconds);
    if (failed) registry.reconcileError.inc(ref);
  };
  const controller = createController({
    kube,
    timers: nodeTimers,
    log,
    onReconciled,
    fetch: (input, init) => fetch(input, init),
    ...(gitops ? { gitops } : {}),
    ...(opts.providerSettings ? { settings: opts.providerSettings } : {}),
  });
  const secret = opts.hookSecret ?? randomBytes(32).toString('hex');
  holder.controller = controller;
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
    ...(opts.apiTokens ? { apiTokens: opts.apiTokens } : {}),
    api: {
      kube,
      now: () => Date.now(),
      ...(opts.kube.namespace ? { namespace: opts.kube.namespace } : {}),
    },
    metrics: { kube, registry, ...(opts.metricsTokens ? { tokens: opts.metricsTokens } : {}) },
    ...(gitops && opts.gitops
      ? { githubHook: gitHubHookFor(gitops, opts.gitops.webhookSecrets, enqueue, log) }
      : {}),
    kubeHook: {
      secret:
        opts.hookSecretPrevious && opts.hookSecretPrevious !== secret
          ? [secret, opts.hookSecretPrevious]
          : secret,
      onHints: enqueue,
    },
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
      : startRelay({
          kube: counted(),
          target: `http://127.0.0.1:${port}/hooks/kube`,
          secret,
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

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const env = process.env;
  const problems: string[] = [];
  const hookSecrets = rotatingPair(
    env.HOOK_SECRET,
    env.HOOK_SECRET_PREVIOUS,
    'HOOK_SECRET',
    problems,
  );
  const apiTokens = apiTokensFrom(env.API_TOKEN, env.API_TOKEN_PREVIOUS, problems);
  const metricsTokens = rotatingPair(
    env.METRICS_TOKEN?.trim(),
    env.METRICS_TOKEN_PREVIOUS?.trim(),
    'METRICS_TOKEN',
    problems,
  );
  const providers = parseProviderSettings(env);
  problems.push(...providers.problems);
  let kube: KubeConnection;
  try {
    kube = connectWithKubeconfig(env.KUBECONFIG);
  } catch (e) {
    // A kubeconfig that cannot be used is a configuration problem like any other: said, not a stack trace.
    console.error(`configuration: ${[...problems, (e as Error).message].join('; ')}`);
    process.exit(2);
  }
  // Reading GITOPS_CONFIGMAP needs the API at start: wait for it rather than exit (issue 15).
  (env.GITOPS_CONFIGMAP?.trim()
    ? waitForKubeApi(kube, { path: '/version', log: (line) => console.error(line) })
    : Promise.resolve(0)
  )
    .then(() => gitOpsFromEnv(env, kube))
    .then((gitops) => {
      problems.push(...gitops.problems);
      if (problems.length > 0) {
        console.error(`configuration: ${problems.join('; ')}`);
        process.exit(2);
      }
      return startNodeServer({
        port: Number(env.PORT ?? 8080),
        host: env.HOST ?? '0.0.0.0',
        kube,
        ...(hookSecrets?.[0] ? { hookSecret: hookSecrets[0] } : {}),
        ...(hookSecrets?.[1] ? { hookSecretPrevious: hookSecrets[1] } : {}),
        ...(apiTokens ? { apiTokens } : {}),
        ...(metricsTokens ? { metricsTokens } : {}),
        ...(gitops.settings ? { gitops: gitops.settings } : {}),
        providerSettings: providers.settings,
      });
    })
    .then((s) => console.log(`controller listening on :${s.port}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
