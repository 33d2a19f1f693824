import type { Hono } from 'hono';
import { KubeClient } from '../src/adapters/kube/index.js';
import { buildApp } from '../src/http/app.js';
import { executeSweep } from '../src/runtime/workers/execute-sweep.js';
import { ReconcilerObject, type ReconcilerEnv } from '../src/runtime/workers/reconciler-object.js';
import { type HintTarget, sendHints } from '../src/runtime/workers/send-hints.js';
import { parseWorkerConfig } from '../src/runtime/workers/worker-config.js';
import { VERSION } from '../src/version.js';
import { gitHubHookFor } from '../src/controller/gitops/gitops.js';
import type { GitHubHookOptions } from '../src/http/hooks/github-hook.js';
import type { Hint } from '../src/http/hooks/index.js';
import { workerGitOps, workerGitOpsSettings } from '../src/runtime/workers/worker-gitops.js';

export { ReconcilerObject };

const hintTarget = (env: ReconcilerEnv) => env.RECONCILER as unknown as HintTarget;

// Bindings are fixed for an isolate's life: parse them and build the app once per env.
let built: { env: ReconcilerEnv; app: Hono } | undefined;
function appFor(env: ReconcilerEnv): Hono {
  if (built?.env === env) return built.app;
  const config = parseWorkerConfig(env);
  const kube = config.kube ? new KubeClient(config.kube) : undefined;
  // METRICS_TOKEN (a secret) makes scrapes take a bearer token; without it /metrics is public like /healthz.
  const metricsToken = (env as { METRICS_TOKEN?: string }).METRICS_TOKEN?.trim();
  const app = buildApp({
    runtime: 'workers',
    version: VERSION,
    readiness: () =>
      Promise.resolve(config.problems.length ? config.problems.join('; ') : undefined),
    ...(config.apiTokens ? { apiTokens: config.apiTokens } : {}),
    ...(kube ? { api: { kube, now: () => Date.now() } } : {}),
    // Gauges only: an isolate lives too briefly to count reconciles or requests meaningfully.
    metrics: { ...(kube ? { kube } : {}), ...(metricsToken ? { tokens: [metricsToken] } : {}) },
    ...githubHookFor(env, config),
    ...(config.hookSecrets
      ? {
          kubeHook: {
            secret: config.hookSecrets,
            onHints: (hints) => sendHints(hintTarget(env), hints),
            log: (line) => console.warn(line),
          },
        }
      : {}),
  });
  built = { env, app };
  return app;
}

/** `POST /hooks/github` when GITOPS_CONFIG and its GitHub settings are bound (issue 7). */
function githubHookFor(
  env: ReconcilerEnv,
  config: ReturnType<typeof parseWorkerConfig>,
): { githubHook?: GitHubHookOptions } {
  const { settings, problems } = workerGitOpsSettings(env);
  if (problems.length > 0) console.warn(`gitops disabled: ${problems.join('; ')}`);
  if (!settings || !config.kube) return {};
  const send = (hints: Hint[]) => sendHints(hintTarget(env), hints);
  const gitops = workerGitOps(env, new KubeClient(config.kube), send);
  return gitops
    ? {
        githubHook: gitHubHookFor(gitops, settings.webhookSecrets, send, (line) =>
          console.warn(line),
        ),
      }
    : {};
}

export default {
  fetch: (request, env, ctx) => appFor(env).fetch(request, env, ctx),

  /** The cron resync sweep (DESIGN §3): wakes Rollouts whose timers were lost or generation is unobserved. */
  async scheduled(_controller, env) {
    const config = parseWorkerConfig(env);
    if (!config.kube)
      throw new Error(`resync sweep: Kubernetes API not configured: ${config.problems.join('; ')}`);
    const report = await executeSweep(new KubeClient(config.kube), (hints) =>
      sendHints(hintTarget(env), hints),
    );
    console.log(
      `resync sweep: ${report.rollouts} rollouts in ${report.pages} pages, ${report.poked} poked`,
    );
  },
} satisfies ExportedHandler<ReconcilerEnv>;
