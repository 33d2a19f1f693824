import { cloudWatch } from './cloud-watch/index.js';
import { datadog } from './datadog/index.js';
import { graphite } from './graphite/index.js';
import { influxdb } from './influxdb/index.js';
import { job } from './job/index.js';
import { kayenta } from './kayenta/index.js';
import { newRelic } from './new-relic/index.js';
import { prometheus } from './prometheus/index.js';
import { skywalking } from './skywalking/index.js';
import type { MetricProvider } from './types.js';
import { wavefront } from './wavefront/index.js';
import { web } from './web/index.js';

export type { MetricProvider, ProviderContext, ProviderOutcome } from './types.js';
export { redactOutcome } from './shared/outcome.js';

/** Every metric provider by its key in `metric.provider` (spec §2.7); unknown keys are an Error measurement. */
export function metricProviders(): ReadonlyMap<string, MetricProvider> {
  return new Map(
    [
      cloudWatch,
      datadog,
      graphite,
      influxdb,
      job,
      kayenta,
      newRelic,
      prometheus,
      skywalking,
      wavefront,
      web,
    ].map((p) => [p.type, p]),
  );
}
