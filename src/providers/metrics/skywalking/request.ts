import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { parseGoDurationMs } from '../../../domain/go-duration.js';
import { isHttpUrl, joinUrlPath } from '../shared/http.js';
import type { Step } from '../shared/outcome.js';

export interface SkyWalkingConfig {
  address: string;
  query: string;
  intervalMs: number;
}

/** `metric.provider.skywalking`: OAP address, GraphQL query and the look-back `interval` (Go duration). */
export function parseSkyWalkingConfig(metric: Metric): Step<SkyWalkingConfig> {
  const opened = ConfigReader.forMetric(metric, 'skywalking');
  if (!opened.ok) return opened;
  const r = opened.value;
  const address = r.string('address', true) ?? '';
  if (address && !isHttpUrl(address))
    r.problem('address', `${JSON.stringify(address)} is not an http(s) URL`);
  const query = r.string('query', true) ?? '';
  const intervalText = r.string('interval', true);
  const intervalMs = intervalText === undefined ? undefined : parseGoDurationMs(intervalText);
  if (intervalText !== undefined && (intervalMs === undefined || intervalMs <= 0))
    r.problem('interval', `${JSON.stringify(intervalText)} is not a positive duration`);
  return r.finish('skywalking', { address, query, intervalMs: intervalMs ?? 0 });
}

/**
 * The GraphQL POST to `<address>/graphql`: the query plus `$duration` = {now − interval .. now,
 * step MINUTE}, times as SkyWalking's minute precision `yyyy-MM-dd HHmm` (UTC here; upstream uses
 * the controller's local zone, which is UTC in its image).
 */
export function buildSkyWalkingRequest(
  config: SkyWalkingConfig,
  nowMs: number,
): { url: string; headers: Headers; body: string } {
  const duration = {
    start: formatMinute(nowMs - config.intervalMs),
    end: formatMinute(nowMs),
    step: 'MINUTE',
  };
  return {
    url: joinUrlPath(config.address, 'graphql'),
    headers: new Headers({
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json; charset=utf-8',
    }),
    body: JSON.stringify({ query: config.query, variables: { duration } }),
  };
}

export function formatMinute(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}
