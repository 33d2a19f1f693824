import { displayUrl, isHttpUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { parseDatadogConfig } from './config.js';
import { loadDatadogCredentials } from './credentials.js';
import { buildV1Request, buildV2Request } from './request.js';
import { parseV1Response } from './response-v1.js';
import { parseV2Response } from './response-v2.js';

/** `provider.datadog`: v1 `/api/v1/query` or v2 `/api/v2/query/scalar` (spec §2.7). Answers at once. */
export const datadog: MetricProvider = {
  type: 'datadog',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('datadog', secrets, async () => {
      const config = parseDatadogConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const { apiVersion, secretName, namespaced, timeoutMs } = config.value;
      const credentials = await loadDatadogCredentials(ctx, secretName, namespaced);
      if (!credentials.ok) return errorOutcome(credentials.message);
      secrets.add(credentials.value.apiKey, credentials.value.appKey);
      if (!isHttpUrl(credentials.value.address))
        return errorOutcome(
          `Datadog address ${JSON.stringify(credentials.value.address)} is not an http(s) URL`,
        );

      const build = apiVersion === 'v1' ? buildV1Request : buildV2Request;
      const request = build(config.value, credentials.value, ctx.now);
      const reply = await sendHttp(
        ctx,
        request,
        `Datadog query to ${displayUrl(request.url)}`,
        timeoutMs,
      );
      if (!reply.ok) return errorOutcome(reply.message);
      const parse = apiVersion === 'v1' ? parseV1Response : parseV2Response;
      return parse(reply.value.status, reply.value.body);
    });
  },
};
