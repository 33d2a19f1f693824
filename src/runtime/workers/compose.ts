import type { Hono } from 'hono';
import { KubeClient } from '../../adapters/kube/index.js';
import type { DispatchDeps } from '../../controller/dispatch/execute-hint.js';
import { executeResync } from '../../controller/dispatch/execute-resync.js';
import { gitHubHookFor } from '../../controller/gitops/gitops.js';
import { createNotifications, memoryThreads } from '../../controller/notifications/index.js';
import type { Hint } from '../../domain/hint.js';
import { buildApp } from '../../http/app.js';
import { approvalHooksFor } from '../../http/hooks/approval-hooks.js';
import { metricProviders } from '../../providers/metrics/index.js';
import { VERSION } from '../../version.js';
import { durableThreads } from './durable-threads.js';
import { type HintTarget, sendHints } from './send-hints.js';
import { type LogLevel, LOG_LEVELS, parseWorkerConfig, type WorkerEnv } from './worker-config.js';
import { parseWorkerFleet, workerFleetClusters, workerReleases } from './worker-fleet.js';
import { workerGitOps, workerGitOpsSettings } from './worker-gitops.js';

export interface WorkerLog {
  info(line: string): void;
  warn(line: string): void;
}

/** Everything a Worker isolate needs, built once from its bindings (DESIGN §10). */
export interface WorkerComposition {
  /** Every problem with the bindings, named but never echoed; `/readyz` reports them. */
  problems: string[];
  /** The HTTP surface: hooks, API, dashboard, metrics, probes. */
  app: Hono;
  /** What a Durable Object's alarm runs a hint with; undefined without a usable Kubernetes API. */
  dispatch?: DispatchDeps;
  /** Pokes the Durable Objects the hints name. */
  send(hints: Hint[]): Promise<void>;
  /** The cron resync sweep (DESIGN §3). */
  sweep(): Promise<void>;
  log: WorkerLog;
}

const providers = metricProviders();

const workerTimers = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function workerLog(level: LogLevel): WorkerLog {
  const at = LOG_LEVELS.indexOf(level);
  return {
    info: (line) => (at <= LOG_LEVELS.indexOf('info') ? console.log(line) : undefined),
    warn: (line) => (at <= LOG_LEVELS.indexOf('warn') ? console.warn(line) : undefined),
  };
}

function compose(env: WorkerEnv): WorkerComposition {
  const config = parseWorkerConfig(env);
  const gitopsSettings = workerGitOpsSettings(env);
  const fleet = parseWorkerFleet(env);
  const problems = [...config.problems, ...gitopsSettings.problems, ...fleet.problems];
  const log = workerLog(config.logLevel ?? 'info');
  const send = (hints: Hint[]) => sendHints(env.RECONCILER as unknown as HintTarget, hints);
  const kube = config.kube ? new KubeClient(config.kube) : undefined;
  const members = kube && fleet.fleet ? workerFleetClusters(fleet.fleet, kube) : undefined;
  // Fleet releases (issue 21) only with FLEET_CONFIG and GitOps both usable.
  const releases =
    members && fleet.fleet && gitopsSettings.settings && gitopsSettings.clients
      ? workerReleases(fleet.fleet, members, {
          config: gitopsSettings.settings.config,
          clients: gitopsSettings.clients,
          log: (line) => log.warn(line),
        })
      : undefined;
  const gitops = kube ? workerGitOps(env, kube, send, releases, members?.clusters) : undefined;
  // The outbox is per isolate, in memory. Its sends go on after the alarm that started them has
  // returned (test/e2e/workers.test.ts retries a 503 then): a Durable Object is evicted only after
  // 70 s or more without events, longer than the backoff (1+2+4+8 s), and ctx.waitUntil does not
  // extend that (workerd issue #877). A retry still waiting at eviction (a long Retry-After) is
  // lost, never sent twice: its key is claimed first. Slack threads live in the Rollout's object.
  const notifications = createNotifications({
    settings: config.notifications,
    timers: workerTimers,
    startedAt: Date.now(),
    context: {
      fetch: (input, init) => fetch(input, init),
      threads: durableThreads(memoryThreads(), () => Date.now()),
    },
    log: (line) => log.warn(line),
  });
  const dispatch: DispatchDeps | undefined = kube && {
    kube,
    now: () => Date.now(),
    providers,
    fetch: (input, init) => fetch(input, init),
    log: (line) => log.warn(line),
    ...(config.providerSettings ? { settings: config.providerSettings } : {}),
    ...(gitops ? { gitops } : {}),
    ...(releases ? { releases } : {}),
    ...(notifications ? { notifier: notifications.notifier } : {}),
  };
  const app = buildApp({
    runtime: 'workers',
    version: VERSION,
    readiness: () => Promise.resolve(problems.length ? problems.join('; ') : undefined),
    ...(config.apiTokens ? { apiTokens: config.apiTokens } : {}),
    ...(kube
      ? {
          api: {
            kube,
            now: () => Date.now(),
            ...(members ? { fleet: members.clusters, homeKube: members.home } : {}),
          },
        }
      : {}),
    // Gauges only: an isolate lives too briefly to count reconciles or requests meaningfully.
    metrics: {
      ...(kube ? { kube } : {}),
      ...(config.metricsTokens ? { tokens: config.metricsTokens } : {}),
    },
    ...(gitops && gitopsSettings.settings
      ? {
          githubHook: gitHubHookFor(gitops, gitopsSettings.settings.webhookSecrets, send, (line) =>
            log.warn(line),
          ),
        }
      : {}),
    ...(config.hookSecrets
      ? { kubeHook: { secret: config.hookSecrets, onHints: send, log: (line) => log.warn(line) } }
      : {}),
    // Promote/Abort from messages (issue 20 §6); work after Slack's answer goes to waitUntil.
    ...(kube && notifications
      ? approvalHooksFor({
          kube,
          namespace: config.notifications.namespace,
          fetch: (input, init) => fetch(input, init),
          onRollouts: (refs) => send(refs.map((r) => ({ kind: 'Rollout', ...r }))),
          log: (line) => log.warn(line),
        })
      : {}),
  });
  return {
    problems,
    app,
    ...(dispatch ? { dispatch } : {}),
    send,
    async sweep() {
      if (!kube)
        throw new Error(`resync sweep: Kubernetes API not configured: ${problems.join('; ')}`);
      const report = await executeResync(kube, send);
      // Unfinished releases too: a lost alarm only delays a release (controller.ts does the same).
      const unfinished = releases ? await releases.unfinished() : [];
      if (unfinished.length > 0) await send(unfinished);
      log.info(
        `resync sweep: ${report.rollouts} rollouts, ${report.experiments} experiments, ${report.analysisRuns} analysis runs in ${report.pages} pages, ${report.woken} poked` +
          (releases ? `, ${unfinished.length} unfinished releases` : ''),
      );
    },
    log,
  };
}

// Bindings are fixed for an isolate's life (the Worker's and each Durable Object's env object):
// each is parsed and composed once.
const built = new WeakMap<WorkerEnv, WorkerComposition>();

/** The isolate's composition for these bindings, built on first use. */
export function composeWorker(env: WorkerEnv): WorkerComposition {
  let composition = built.get(env);
  if (!composition) {
    composition = compose(env);
    built.set(env, composition);
  }
  return composition;
}
