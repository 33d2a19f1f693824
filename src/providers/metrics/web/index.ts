import { fetchClientCredentialsAuthorization } from '../shared/auth.js';
import { buildHeaders, isSensitiveHeader } from '../shared/config.js';
import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { parseWebConfig } from './config.js';
import { parseWebResponse } from './response.js';

/** `provider.web`: one HTTP request, the JSON value its jsonPath selects (spec §2.7). */
export const web: MetricProvider = {
  type: 'web',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('web', secrets, async () => {
      const config = parseWebConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const {
        url,
        method,
        headers: entries,
        body,
        isJsonBody,
        timeoutMs,
        jsonPath,
        oauth2,
      } = config.value;
      secrets.add(...entries.filter((h) => isSensitiveHeader(h.key)).map((h) => h.value));
      const headers = buildHeaders(entries);
      if (isJsonBody) headers.set('Content-Type', 'application/json');
      if (oauth2) {
        const authorization = await fetchClientCredentialsAuthorization(
          ctx,
          oauth2,
          secrets,
          timeoutMs,
        );
        if (!authorization.ok) return errorOutcome(authorization.message);
        headers.set('Authorization', authorization.value);
      }
      const reply = await sendHttp(
        ctx,
        { url, method, headers, ...(body !== undefined ? { body } : {}) },
        `web metric request to ${displayUrl(url)}`,
        timeoutMs,
      );
      if (!reply.ok) return errorOutcome(reply.message);
      return parseWebResponse(reply.value.status, reply.value.body, jsonPath);
    });
  },
};
