import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { joinUrlPath } from '../shared/http.js';
import type { Step } from '../shared/outcome.js';

export const DEFAULT_PROFILE = 'influxdb';

export interface InfluxProfile {
  address: string;
  authToken: string;
  org: string;
}

/** `metric.provider.influxdb`: the profile (Secret name, default `influxdb`) and the Flux query. */
export function parseInfluxConfig(metric: Metric): Step<{ profile: string; query: string }> {
  const opened = ConfigReader.forMetric(metric, 'influxdb');
  if (!opened.ok) return opened;
  const r = opened.value;
  const profile = r.string('profile') ?? DEFAULT_PROFILE;
  const query = r.string('query', true) ?? '';
  return r.finish('influxdb', { profile, query });
}

/**
 * The InfluxDB v2 query API call: `POST <address>/api/v2/query?org=<org>` with a Token header and
 * the Flux query in a JSON body asking for fully annotated CSV (the Go client's default dialect).
 */
export function buildFluxRequest(
  profile: InfluxProfile,
  query: string,
): { url: string; headers: Headers; body: string } {
  const url = `${joinUrlPath(profile.address, 'api/v2/query')}?${new URLSearchParams({ org: profile.org }).toString()}`;
  const headers = new Headers({
    Authorization: `Token ${profile.authToken}`,
    'Content-Type': 'application/json',
    Accept: 'application/csv',
  });
  const body = JSON.stringify({
    dialect: { annotations: ['datatype', 'group', 'default'], delimiter: ',', header: true },
    query,
    type: 'flux',
  });
  return { url, headers, body };
}
