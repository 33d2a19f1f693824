import { randomBytes } from 'node:crypto';
import type { Hono } from 'hono';
import type { KubeClient } from '../../adapters/kube/index.js';
import { GitHubClients } from '../../adapters/github/index.js';
import { createController, type Controller } from '../../controller/controller.js';
import type { FleetClusters } from '../../controller/fleet/fleet-clusters.js';
import { createFleetReleases } from '../../controller/fleet/fleet-releases.js';
import { createGitOps, gitHubHookFor } from '../../controller/gitops/gitops.js';
import {
  createNotifications,
  memoryThreads,
  type NotificationSettings,
} from '../../controller/notifications/index.js';
import type { GitOpsSettings } from '../../core/gitops/env-config.js';
import { buildApp } from '../../http/app.js';
import { approvalHooksFor } from '../../http/hooks/approval-hooks.js';
import type { WindowConfig } from '../../domain/fleet.js';
import type { Hint } from '../../domain/hint.js';
import {
  countingFetch,
  MetricsRegistry,
  notificationMetricsFor,
} from '../../http/metrics/index.js';
import { VERSION } from '../../version.js';
import { type KubeConnection, kubeClientFor } from './kube-connection.js';
import { connectSmtp } from './smtp-connect.js';

/** What the Node controller is built from: the parsed environment (README "Configuration"). */
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
  /** Settings the metric providers read (ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, DD_*, AWS_*…). */
  providerSettings?: Record<string, string>;
  /**
   * Fleet releases (issue 21): the member clusters a source with waves goes out to, and the
   * windows and freezes that gate them. Needs `gitops`; the Release objects live in `kube`'s cluster.
   */
  fleet?: FleetWiring;
  /** Notifications (issue 20) from NOTIFICATIONS*; absent means none are sent. */
  notifications?: NotificationSettings;
  /** Counters kept for `/metrics` (a fresh registry by default); Kubernetes requests are counted into it. */
  metrics?: MetricsRegistry;
  log?: (line: string) => void;
}

export interface FleetWiring {
  clusters: Array<{ name: string; kube: KubeConnection }>;
  windows: WindowConfig;
  /** How often an unfinished release looks at its clusters again. */
  pollMs: number;
  /** The cluster (one of `clusters`) holding the Release objects; absent: the controller's own. */
  home?: string;
}

/** The controller's parts, built and wired but not yet listening or watching. */
export interface NodeComposition {
  app: Hono;
  controller: Controller;
  /** The secret the in-process relay signs with (HOOK_SECRET, or a random one). */
  hookSecret: string;
  /** A new client whose requests are counted like the controller's (the relay gets its own). */
  countedKube(): KubeClient;
  log: (line: string) => void;
}

const nodeTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms).unref(),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};

/**
 * The one place the Node runtime wires its parts (DESIGN §10): the counted Kubernetes client, the
 * metrics registry, GitOps, the controller with its providers' settings and timers, and the hono
 * app with both hooks. Builds only: listening, the relay and the sweep are `startNodeServer`'s.
 */
export function composeNodeController(opts: NodeServerOptions): NodeComposition {
  const log = opts.log ?? ((line: string) => console.error(line));
  const registry = opts.metrics ?? new MetricsRegistry();
  registry.expose(registry.kubeRequests, registry.reconcile, registry.reconcileError);
  // Every Kubernetes call of this process (controller, API, relay) is counted for /metrics.
  const countedKube = () =>
    kubeClientFor(opts.kube, (fetch) => countingFetch(fetch, registry.kubeRequests));
  const kube = countedKube();
  // GitOps and the controller enqueue into each other: `enqueue` runs on a webhook or a sync,
  // which come only once the server listens, after both exist.
  const enqueue = (hints: Hint[]) => controller.onHints(hints);
  const github = opts.gitops
    ? new GitHubClients({ baseUrl: opts.gitops.baseUrl, auth: opts.gitops.auth })
    : undefined;
  // One counted client per member cluster: releases, fleet-wide freezes and the releases API.
  const fleet =
    opts.fleet &&
    fleetClustersOf(opts.fleet, (conn) =>
      kubeClientFor(conn, (fetch) => countingFetch(fetch, registry.kubeRequests)),
    );
  // The cluster the Release objects live in (`home`, else this controller's own).
  const homeKube = opts.fleet?.home !== undefined && fleet ? fleet.kubeFor(opts.fleet.home) : kube;
  const releases =
    opts.fleet &&
    fleet &&
    github &&
    opts.gitops &&
    createFleetReleases({
      home: homeKube,
      ...(opts.fleet.home !== undefined ? { homeCluster: opts.fleet.home } : {}),
      kubeFor: (name) => fleet.kubeFor(name),
      windows: opts.fleet.windows,
      config: opts.gitops.config,
      github: (repo) => github.forRepo(repo),
      now: () => Date.now(),
      log,
      pollMs: opts.fleet.pollMs,
    });
  const gitops = opts.gitops
    ? createGitOps({
        kube,
        config: opts.gitops.config,
        clients: github as GitHubClients,
        now: () => Date.now(),
        enqueueRollouts: (refs) => enqueue(refs.map((r) => ({ kind: 'Rollout', ...r }))),
        ...(fleet ? { fleet } : {}),
        ...(releases
          ? {
              releases: {
                engine: releases,
                enqueue: (refs) => enqueue(refs.map((r) => ({ kind: 'Release', ...r }))),
              },
            }
          : {}),
        log,
      })
    : undefined;
  const notifications =
    opts.notifications &&
    createNotifications({
      settings: opts.notifications,
      timers: nodeTimers,
      startedAt: nodeTimers.now(),
      context: {
        fetch: (input, init) => fetch(input, init),
        threads: memoryThreads(),
        smtp: connectSmtp,
        ...(github ? { github } : {}),
      },
      metrics: notificationMetricsFor(registry),
      log,
    });
  const controller = createController({
    kube,
    timers: nodeTimers,
    log,
    ...(notifications ? { notifier: notifications.notifier } : {}),
    onReconciled: (ref, seconds, failed) => {
      registry.reconcile.observe(ref, seconds);
      if (failed) registry.reconcileError.inc(ref);
    },
    fetch: (input, init) => fetch(input, init),
    ...(gitops ? { gitops } : {}),
    ...(releases ? { releases } : {}),
    ...(opts.providerSettings ? { settings: opts.providerSettings } : {}),
  });
  const hookSecret = opts.hookSecret ?? randomBytes(32).toString('hex');
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
      ...(fleet ? { fleet, homeKube } : {}),
      ...(opts.kube.namespace ? { namespace: opts.kube.namespace } : {}),
    },
    metrics: { kube, registry, ...(opts.metricsTokens ? { tokens: opts.metricsTokens } : {}) },
    ...(gitops && opts.gitops
      ? { githubHook: gitHubHookFor(gitops, opts.gitops.webhookSecrets, enqueue, log) }
      : {}),
    // Promote/Abort from messages (issue 20 §6): signed links and Slack buttons.
    ...(notifications && opts.notifications
      ? approvalHooksFor({
          kube,
          namespace: opts.notifications.namespace,
          fetch: (input, init) => fetch(input, init),
          onRollouts: (refs) => enqueue(refs.map((r) => ({ kind: 'Rollout', ...r }))),
          log,
        })
      : {}),
    kubeHook: {
      secret:
        opts.hookSecretPrevious && opts.hookSecretPrevious !== hookSecret
          ? [hookSecret, opts.hookSecretPrevious]
          : hookSecret,
      onHints: enqueue,
      isEcho: (event) => controller.isOwnEcho(event),
    },
  });
  return { app, controller, hookSecret, countedKube, log };
}

/** The fleet's clusters, each through one (counted) client. */
function fleetClustersOf(
  fleet: FleetWiring,
  counted: (conn: KubeConnection) => KubeClient,
): FleetClusters {
  const members = new Map(fleet.clusters.map((c) => [c.name, counted(c.kube)]));
  return {
    names: fleet.clusters.map((c) => c.name),
    kubeFor(name) {
      const kube = members.get(name);
      if (!kube) throw new Error(`cluster ${name} is not in the fleet`);
      return kube;
    },
  };
}
