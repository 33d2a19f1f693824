import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { buildGraphiteRenderUrl } from './request.js';
import { parseGraphiteResponse } from './response.js';

/** Upstream's Graphite client gives up after 10 s. */
const DEFAULT_TIMEOUT_MS = 10_000;

/** `provider.graphite` with a different request timeout (tests use a short one). */
export function createGraphiteProvider(options: { timeoutMs?: number } = {}): MetricProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    type: 'graphite',
    run(ctx, metric) {
      return guardMeasurement('graphite', new SecretList(), async () => {
        const url = buildGraphiteRenderUrl(metric);
        if (!url.ok) return errorOutcome(url.message);
        const reply = await sendHttp(
          ctx,
          { url: url.value, method: 'GET' },
          `Graphite query to ${displayUrl(url.value)}`,
          timeoutMs,
        );
        if (!reply.ok) return errorOutcome(reply.message);
        return parseGraphiteResponse(reply.value.status, reply.value.body);
      });
    },
  };
}

/** `provider.graphite`: the render API's datapoints for a target (spec §2.7). */
export const graphite: MetricProvider = createGraphiteProvider();
