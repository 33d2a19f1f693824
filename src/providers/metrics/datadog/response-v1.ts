import { isRecord } from '../shared/json.js';
import { errorOutcome } from '../shared/outcome.js';
import type { ProviderOutcome } from '../types.js';
import { formatDatadogValue, readDatadogJson } from './reply.js';

/**
 * `/api/v1/query` → the last non-null point of the first series, or null when there is no data
 * (spec §10.12: conditions use `default(result, 0)` for that).
 */
export function parseV1Response(status: number, body: string): ProviderOutcome {
  const json = readDatadogJson(status, body);
  if (!json.ok) return errorOutcome(json.message);
  const doc = json.value;
  if (!isRecord(doc)) return malformed('the body is not an object');
  if (doc['status'] === 'error')
    return errorOutcome(`Datadog query failed: ${String(doc['error'] ?? 'unknown error')}`);
  const series = doc['series'];
  if (!Array.isArray(series)) return malformed('series is missing');
  const first: unknown = series[0];
  if (first === undefined) return value(null);
  if (!isRecord(first) || !Array.isArray(first['pointlist']))
    return malformed('series[0].pointlist is missing');
  let last: number | null = null;
  for (const point of first['pointlist'] as unknown[]) {
    if (!Array.isArray(point) || point.length !== 2)
      return malformed('a datapoint does not have 2 values');
    const v: unknown = point[1];
    if (v !== null && typeof v !== 'number') return malformed('a datapoint value is not a number');
    if (v !== null) last = v;
  }
  return value(last);
}

function value(result: number | null): ProviderOutcome {
  return { kind: 'value', result, value: formatDatadogValue(result) };
}

function malformed(why: string): ProviderOutcome {
  return errorOutcome(`unexpected Datadog v1 response: ${why}`);
}
