import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import type { Step } from '../shared/outcome.js';

export const DEFAULT_PROFILE = 'newrelic';
export const DEFAULT_TIMEOUT_SECONDS = 5;

/** `provider.newRelic` (spec §2.7). */
export interface NewRelicConfig {
  /** NRQL, `{{args.*}}` already substituted. */
  query: string;
  /** The Secret holding the account profile. */
  profile: string;
  /** NRQL timeout, whole seconds. */
  timeoutSeconds: number;
}

export function parseNewRelicConfig(metric: Metric): Step<NewRelicConfig> {
  const opened = ConfigReader.forMetric(metric, 'newRelic');
  if (!opened.ok) return opened;
  const r = opened.value;
  const query = r.string('query', true) ?? '';
  const profile = r.string('profile') ?? DEFAULT_PROFILE;
  const timeout = r.number('timeout') ?? DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isInteger(timeout) || timeout <= 0)
    r.problem('timeout', `${JSON.stringify(timeout)} must be a positive whole number of seconds`);
  return r.finish<NewRelicConfig>('newRelic', { query, profile, timeoutSeconds: timeout });
}
