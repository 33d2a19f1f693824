import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider, ProviderOutcome } from '../types.js';
import { parseNewRelicConfig } from './config.js';
import { loadNewRelicProfile } from './profile.js';
import { buildNerdGraphRequest } from './request.js';
import { parseNerdGraphResponse } from './response.js';

/** Slack on top of the NRQL timeout, so NerdGraph can report its own timeout before we cut the line. */
export const HTTP_GRACE_MS = 2000;

/** `provider.newRelic`: NRQL through NerdGraph (spec §2.7). Answers at once. */
export const newRelic: MetricProvider = {
  type: 'newRelic',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('newRelic', secrets, async () => {
      const config = parseNewRelicConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const metadata = { ResolvedNewRelicQuery: config.value.query };
      const withQuery = (outcome: ProviderOutcome): ProviderOutcome => ({
        ...outcome,
        metadata: { ...outcome.metadata, ...metadata },
      });

      const profile = await loadNewRelicProfile(ctx, config.value.profile);
      if (!profile.ok) return withQuery(errorOutcome(profile.message));
      secrets.add(profile.value.apiKey);
      const request = buildNerdGraphRequest(config.value, profile.value);
      const timeoutMs = config.value.timeoutSeconds * 1000 + HTTP_GRACE_MS;
      const reply = await sendHttp(
        ctx,
        request,
        `NerdGraph query to ${displayUrl(request.url)}`,
        timeoutMs,
      );
      if (!reply.ok) return withQuery(errorOutcome(reply.message));
      return withQuery(parseNerdGraphResponse(reply.value.status, reply.value.body));
    });
  },
};
