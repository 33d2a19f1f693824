import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { buildSkyWalkingRequest, parseSkyWalkingConfig } from './request.js';
import { parseSkyWalkingResponse } from './response.js';

/** Upstream's GraphQL query timeout. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** `provider.skywalking` with a different request timeout (tests use a short one). */
export function createSkyWalkingProvider(options: { timeoutMs?: number } = {}): MetricProvider {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    type: 'skywalking',
    run(ctx, metric) {
      return guardMeasurement('skywalking', new SecretList(), async () => {
        const config = parseSkyWalkingConfig(metric);
        if (!config.ok) return errorOutcome(config.message);
        const request = buildSkyWalkingRequest(config.value, ctx.now);
        const reply = await sendHttp(
          ctx,
          { ...request, method: 'POST' },
          `SkyWalking query to ${displayUrl(request.url)}`,
          timeoutMs,
        );
        if (!reply.ok) return errorOutcome(reply.message);
        return parseSkyWalkingResponse(reply.value.status, reply.value.body);
      });
    },
  };
}

/** `provider.skywalking`: a GraphQL query over the last `interval` (spec §2.7). */
export const skywalking: MetricProvider = createSkyWalkingProvider();
