import { formatFloatPlain } from '../shared/go-format.js';
import { joinUrlPath } from '../shared/http.js';
import { fail, ok, type Step } from '../shared/outcome.js';
import type { PrometheusConfig } from './config.js';
import { evaluateTimeExpression } from './time-expression.js';

export interface PrometheusQuery {
  /** `<address>/api/v1/query` or `/api/v1/query_range`, keeping any path prefix of the address. */
  url: string;
  /** Form parameters, sent as a POST body (GET query string on fallback). */
  params: URLSearchParams;
}

/**
 * The HTTP API call for a metric at `nowMs` (Prometheus HTTP API: instant `query` + `time`, or
 * `query_range` + `start`, `end`, `step`; times in float seconds, as client_golang sends them).
 */
export function buildPrometheusQuery(
  config: PrometheusConfig,
  nowMs: number,
): Step<PrometheusQuery> {
  if (!config.range) {
    const params = new URLSearchParams({ query: config.query, time: seconds(nowMs) });
    return ok({ url: joinUrlPath(config.address, 'api/v1/query'), params });
  }
  const start = evaluateTimeExpression(config.range.start, nowMs);
  if (!start.ok) return fail(`rangeQuery.start: ${start.message}`);
  const end = evaluateTimeExpression(config.range.end, nowMs);
  if (!end.ok) return fail(`rangeQuery.end: ${end.message}`);
  if (end.value < start.value)
    return fail(
      `rangeQuery: end (${new Date(end.value).toISOString()}) is before start (${new Date(start.value).toISOString()})`,
    );
  const params = new URLSearchParams({
    query: config.query,
    start: seconds(start.value),
    end: seconds(end.value),
    step: seconds(config.range.stepMs),
  });
  return ok({ url: joinUrlPath(config.address, 'api/v1/query_range'), params });
}

function seconds(ms: number): string {
  return formatFloatPlain(ms / 1000);
}
