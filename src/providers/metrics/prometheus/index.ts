import { basicAuthorization, fetchClientCredentialsAuthorization } from '../shared/auth.js';
import { buildHeaders, isSensitiveHeader } from '../shared/config.js';
import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { parsePrometheusConfig } from './config.js';
import { buildPrometheusQuery } from './request.js';
import { parsePrometheusResponse } from './response.js';

/** `provider.prometheus`: an instant or range query over the HTTP API (spec §2.7). */
export const prometheus: MetricProvider = {
  type: 'prometheus',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('prometheus', secrets, async () => {
      const config = parsePrometheusConfig(metric, ctx.settings);
      if (!config.ok) return errorOutcome(config.message);
      const { headers: entries, basicAuth, oauth2, timeoutMs } = config.value;
      const query = buildPrometheusQuery(config.value, ctx.now);
      if (!query.ok) return errorOutcome(query.message);

      secrets.add(...entries.filter((h) => isSensitiveHeader(h.key)).map((h) => h.value));
      const headers = buildHeaders(entries);
      if (basicAuth) {
        const authorization = basicAuthorization(basicAuth.username, basicAuth.password);
        secrets.add(basicAuth.password, authorization);
        headers.set('Authorization', authorization);
      }
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

      // client_golang POSTs the form and falls back to GET where POST is refused (405/501).
      const { url, params } = query.value;
      const what = `Prometheus query to ${displayUrl(url)}`;
      const formHeaders = new Headers(headers);
      formHeaders.set('Content-Type', 'application/x-www-form-urlencoded');
      let reply = await sendHttp(
        ctx,
        { url, method: 'POST', headers: formHeaders, body: params.toString() },
        what,
        timeoutMs,
      );
      if (reply.ok && (reply.value.status === 405 || reply.value.status === 501)) {
        reply = await sendHttp(
          ctx,
          { url: `${url}?${params.toString()}`, method: 'GET', headers },
          what,
          timeoutMs,
        );
      }
      if (!reply.ok) return errorOutcome(reply.message);
      return parsePrometheusResponse(reply.value.status, reply.value.body);
    });
  },
};
