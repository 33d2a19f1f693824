import { isRecord, parseJson } from '../shared/json.js';
import { errorOutcome, excerpt } from '../shared/outcome.js';
import type { ProviderOutcome } from '../types.js';

interface Pick {
  value: number;
  epoch: number;
  drift: number;
}

/**
 * A chart API answer → per series, the point closest to `now`: one series ⇒ a number, several ⇒
 * a list. Metadata: the chosen points' `timestamps` (epoch s), their `drift` from now (s), and
 * Wavefront's `warnings`. Values print as Go's `%.2f`, as upstream.
 */
export function parseChartResponse(status: number, body: string, nowMs: number): ProviderOutcome {
  if (status < 200 || status > 204)
    return errorOutcome(`Wavefront answered HTTP ${status}: ${excerpt(body)}`);
  const json = parseJson(body);
  if (!json.ok) return errorOutcome(`could not parse Wavefront response: ${json.message}`);
  const doc = json.value;
  if (!isRecord(doc))
    return errorOutcome('unexpected Wavefront response: the body is not an object');
  const warnings =
    typeof doc['warnings'] === 'string' && doc['warnings'] !== ''
      ? { warnings: doc['warnings'] }
      : undefined;
  const failed = (message: string): ProviderOutcome => ({
    ...errorOutcome(message),
    ...(warnings ? { metadata: warnings } : {}),
  });
  if (doc['errorType'] !== undefined || doc['errorMessage'] !== undefined) {
    return failed(
      `Wavefront query failed: ${String(doc['errorType'] ?? 'error')}: ${String(doc['errorMessage'] ?? '')}`,
    );
  }
  const series = doc['timeseries'];
  if (!Array.isArray(series) || series.length === 0)
    return failed('No TimeSeries found in response from Wavefront');

  const picks: Pick[] = [];
  for (const [i, s] of (series as unknown[]).entries()) {
    const pick = closestPoint(s, Math.floor(nowMs / 1000));
    if (typeof pick === 'string')
      return failed(`unexpected Wavefront response: timeseries[${i}] ${pick}`);
    picks.push(pick);
  }
  const list = (f: (p: Pick) => string) =>
    picks.length === 1 ? f(picks[0] as Pick) : `[${picks.map(f).join(',')}]`;
  return {
    kind: 'value',
    result: picks.length === 1 ? picks[0]?.value : picks.map((p) => p.value),
    value: list((p) => p.value.toFixed(2)),
    metadata: {
      timestamps: list((p) => String(p.epoch)),
      drift: list((p) => String(p.drift)),
      ...warnings,
    },
  };
}

/** The `[epoch s, value]` point nearest `now` (the first of equals), or what is wrong with the series. */
function closestPoint(series: unknown, nowSeconds: number): Pick | string {
  const data = isRecord(series) ? series['data'] : undefined;
  if (!Array.isArray(data)) return 'has no data';
  let best: Pick | undefined;
  for (const point of data as unknown[]) {
    if (!Array.isArray(point) || typeof point[0] !== 'number' || typeof point[1] !== 'number')
      return 'has a point that is not [timestamp, value]';
    const drift = point[0] - nowSeconds;
    if (!best || Math.abs(drift) < Math.abs(best.drift))
      best = { value: point[1], epoch: Math.trunc(point[0]), drift: Math.trunc(drift) };
  }
  return best ?? 'has no data points';
}
