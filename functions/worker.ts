/**
 * The Cloudflare Worker (wrangler.toml `main`): the HTTP surface, the cron resync sweep and the
 * Durable Object per reconciled object. What the bindings configure is read and built once per
 * isolate in src/runtime/workers/compose.ts.
 */
import { composeWorker } from '../src/runtime/workers/compose.js';
import { ReconcilerObject, type ReconcilerEnv } from '../src/runtime/workers/reconciler-object.js';

export { ReconcilerObject };

export default {
  fetch: (request, env, ctx) => composeWorker(env).app.fetch(request, env, ctx),

  /** The cron resync sweep (DESIGN §3): wakes Rollouts, Experiments and AnalysisRuns whose timers may be lost. */
  scheduled: (_controller, env) => composeWorker(env).sweep(),
} satisfies ExportedHandler<ReconcilerEnv>;
