import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { parseWavefrontConfig, TOKENS_SECRET } from './config.js';
import { buildChartRequest } from './request.js';
import { parseChartResponse } from './response.js';

/** go-wavefront sets no deadline; a measurement should not hang, so queries get this long. */
export const TIMEOUT_MS = 30_000;

/** `provider.wavefront`: the chart API at one instant (spec §2.7). Answers at once. */
export const wavefront: MetricProvider = {
  type: 'wavefront',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('wavefront', secrets, async () => {
      const config = parseWavefrontConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      if (!ctx.secret)
        return errorOutcome(`cannot read secret "${TOKENS_SECRET}": no secret access configured`);
      const token = await ctx.secret(TOKENS_SECRET, config.value.address);
      if (!token)
        return errorOutcome(
          `API token not found: secret "${TOKENS_SECRET}" has no key ${JSON.stringify(config.value.address)}`,
        );
      secrets.add(token, `Bearer ${token}`);

      const request = buildChartRequest(config.value, token, ctx.now);
      const reply = await sendHttp(
        ctx,
        request,
        `Wavefront query to ${displayUrl(request.url)}`,
        TIMEOUT_MS,
      );
      if (!reply.ok) return errorOutcome(reply.message);
      return parseChartResponse(reply.value.status, reply.value.body, ctx.now);
    });
  },
};
