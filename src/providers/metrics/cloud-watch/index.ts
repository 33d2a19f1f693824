import { signSigV4 } from '../aws/sigv4.js';
import { displayUrl, sendHttp } from '../shared/http.js';
import { errorOutcome, guardMeasurement, SecretList } from '../shared/outcome.js';
import type { MetricProvider } from '../types.js';
import { readAwsTarget } from './aws-settings.js';
import { parseCloudWatchConfig } from './config.js';
import { buildGetMetricDataRequest } from './request.js';
import {
  buildCloudWatchOutcome,
  mergePages,
  parseGetMetricDataPage,
  type Page,
} from './response.js';

export const TIMEOUT_MS = 10_000;
/** GetMetricData pages (NextToken) followed before giving up: a 5-minute window rarely needs a second. */
export const MAX_PAGES = 10;

/** `provider.cloudWatch`: GetMetricData over the JSON protocol, signed with SigV4 (spec §2.7). Answers at once. */
export const cloudWatch: MetricProvider = {
  type: 'cloudWatch',
  run(ctx, metric) {
    const secrets = new SecretList();
    return guardMeasurement('cloudWatch', secrets, async () => {
      const config = parseCloudWatchConfig(metric);
      if (!config.ok) return errorOutcome(config.message);
      const target = readAwsTarget(ctx.settings);
      if (!target.ok) return errorOutcome(target.message);
      const { credentials, region, endpoint } = target.value;
      secrets.add(credentials.secretAccessKey, credentials.sessionToken);

      const pages: Page[] = [];
      let nextToken: string | undefined;
      do {
        if (pages.length === MAX_PAGES)
          return errorOutcome(`CloudWatch GetMetricData returned more than ${MAX_PAGES} pages`);
        const unsigned = buildGetMetricDataRequest(config.value, endpoint, ctx.now, nextToken);
        const headers = await signSigV4(unsigned, {
          credentials,
          region,
          service: 'monitoring',
          now: ctx.now,
        });
        secrets.add(headers['authorization']);
        const reply = await sendHttp(
          ctx,
          { ...unsigned, headers: new Headers(headers) },
          `CloudWatch GetMetricData to ${displayUrl(unsigned.url)}`,
          TIMEOUT_MS,
        );
        if (!reply.ok) return errorOutcome(reply.message);
        const page = parseGetMetricDataPage(reply.value.status, reply.value.body);
        if (!page.ok) return errorOutcome(page.message);
        pages.push(page.value);
        nextToken = page.value.nextToken;
      } while (nextToken);
      const merged = mergePages(pages);
      return buildCloudWatchOutcome(merged.results, merged.messages);
    });
  },
};
