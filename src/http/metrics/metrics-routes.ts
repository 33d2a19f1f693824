import { Hono } from 'hono';
import {
  analysisRunPath,
  KubeApiError,
  type KubeClient,
  rolloutPath,
  listOrEmpty,
} from '../../adapters/kube/index.js';
import type { AnalysisRun, Rollout } from '../../domain/index.js';
import { bearerAuth } from '../auth/bearer-auth.js';
import type { MetricsRegistry } from './metrics-registry.js';
import { CONTENT_TYPE, formatFamilies, type MetricFamily } from './prometheus-text.js';
import {
  buildAnalysisRunFamilies,
  buildControllerInfo,
  buildRolloutFamilies,
} from './rollout-metrics.js';

export interface MetricsOptions {
  /** Where the Rollout and AnalysisRun gauges are listed from; without it only the counters show. */
  kube?: KubeClient;
  /** Counters and histograms of a long-lived runtime (Node). */
  registry?: MetricsRegistry;
  /** METRICS_TOKEN: when set, scrapes need `Authorization: Bearer <token>`; otherwise public like /healthz. */
  tokens?: readonly string[];
}

/** The gauges from the cluster (every namespace), then the runtime's counters. */
export async function loadMetricFamilies(
  opts: MetricsOptions & { version: string },
): Promise<{ families: MetricFamily[]; problem?: string }> {
  const families: MetricFamily[] = [buildControllerInfo(opts.version)];
  let problem: string | undefined;
  if (opts.kube) {
    try {
      const [rollouts, runs] = await Promise.all([
        opts.kube.list<Rollout>(rolloutPath()),
        listOrEmpty<AnalysisRun>(opts.kube, analysisRunPath()),
      ]);
      families.push(...buildRolloutFamilies(rollouts.items), ...buildAnalysisRunFamilies(runs));
    } catch (e) {
      problem =
        e instanceof KubeApiError
          ? `listing Rollouts failed: ${e.status === 0 ? 'the Kubernetes API is unreachable' : `HTTP ${e.status}`}`
          : 'listing Rollouts failed';
    }
  }
  families.push(...(opts.registry?.families() ?? []));
  return { families, ...(problem ? { problem } : {}) };
}

/**
 * `GET /metrics` (DESIGN §4, spec §7) in the Prometheus text format. When the cluster cannot be
 * listed the scrape still answers 200 with the controller info and counters and a comment saying
 * why the gauges are missing; the request counter shows the failing calls.
 */
export function metricsRoutes(opts: MetricsOptions & { version: string }): Hono {
  const app = new Hono();
  if (opts.tokens && opts.tokens.length > 0) app.use('/metrics', bearerAuth(opts.tokens));
  app.get('/metrics', async (c) => {
    const { families, problem } = await loadMetricFamilies(opts);
    const text = (problem ? `# ${problem.replace(/\s+/g, ' ')}\n` : '') + formatFamilies(families);
    return c.body(text, 200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' });
  });
  return app;
}
