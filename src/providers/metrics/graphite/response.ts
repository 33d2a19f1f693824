import type { ProviderOutcome } from '../types.js';
import { formatFloatFixed6, parseGoFloat } from '../shared/go-format.js';
import { isRecord, parseJson } from '../shared/json.js';
import { excerpt, fail, ok, type Step } from '../shared/outcome.js';

/**
 * A `/render?format=json` answer as an outcome: the datapoint values of the first series, nulls
 * skipped (as upstream does), value string with six decimals (`[100.000000,99.500000]`). A series
 * without datapoints is an error ("no values found"); one whose points are all null is `[]`.
 */
export function parseGraphiteResponse(status: number, body: string): ProviderOutcome {
  if (status >= 400)
    return error(`Graphite returned HTTP ${status}: ${JSON.stringify(excerpt(body))}`);
  const parsed = parseJson(body);
  if (!parsed.ok)
    return error(`Graphite returned a body that is not JSON: ${JSON.stringify(excerpt(body))}`);
  if (!Array.isArray(parsed.value))
    return error('unexpected Graphite response: expected a list of series');
  const first: unknown = parsed.value[0];
  if (first === undefined) return error('no values found: the query matched no series');
  if (!isRecord(first) || !Array.isArray(first.datapoints))
    return error('unexpected Graphite response: the first series has no datapoints list');
  if (first.datapoints.length === 0) return error('no values found');

  const values: number[] = [];
  for (const point of first.datapoints) {
    const v = readDatapoint(point);
    if (!v.ok) return error(v.message);
    if (v.value !== null) values.push(v.value);
  }
  return { kind: 'value', result: values, value: `[${values.map(formatFloatFixed6).join(',')}]` };
}

/** `[value, timestamp]`; value null, a number or a numeric string; timestamp a number, an integer string or null. */
function readDatapoint(point: unknown): Step<number | null> {
  if (!Array.isArray(point) || point.length !== 2)
    return fail(`error unmarshaling data point: ${JSON.stringify(point)}`);
  const [value, timestamp] = point as [unknown, unknown];
  const timestampOk =
    timestamp === null ||
    typeof timestamp === 'number' ||
    (typeof timestamp === 'string' && /^-?\d+$/.test(timestamp));
  if (!timestampOk) return fail(`error unmarshaling timestamp: ${JSON.stringify(timestamp)}`);
  if (value === null || typeof value === 'number') return ok(value);
  const n = typeof value === 'string' ? parseGoFloat(value) : undefined;
  return n === undefined ? fail(`error unmarshaling value: ${JSON.stringify(value)}`) : ok(n);
}

function error(message: string): ProviderOutcome {
  return { kind: 'error', message };
}
