import type { ProviderOutcome } from '../types.js';
import { formatFloatPlain, parseGoFloat } from '../shared/go-format.js';
import { isRecord, parseJson } from '../shared/json.js';
import { excerpt, fail, ok, type Step } from '../shared/outcome.js';

/** Status codes whose body is a Prometheus API error object (client_golang's `apiError`). */
const API_ERROR_CODES = new Set([400, 422, 503]);

/**
 * A Prometheus HTTP API answer as an outcome (spec §2.7, §10.12): scalar ⇒ number; vector and
 * matrix ⇒ number[] (every sample of every series, in order), value string `[0.95,1]` with Go's
 * plain float formatting; `status: "error"` ⇒ `errorType: error` as upstream reports it;
 * warnings ⇒ metadata `warnings` (`"w1", "w2"`).
 */
export function parsePrometheusResponse(status: number, body: string): ProviderOutcome {
  const isSuccess = status >= 200 && status < 300;
  if (!isSuccess && !API_ERROR_CODES.has(status)) {
    const text = excerpt(body);
    return error(
      `Prometheus query failed: HTTP ${status}${text ? ` (body: ${JSON.stringify(text)})` : ''}`,
    );
  }
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value))
    return error(
      `Prometheus returned a body that is not a JSON object (HTTP ${status}): ${JSON.stringify(excerpt(body))}`,
    );
  const doc = parsed.value;
  if (doc.status === 'error')
    return error(
      `${stringOr(doc.errorType, 'unknown_error')}: ${stringOr(doc.error, 'no error message')}`,
    );
  if (doc.status !== 'success')
    return error(
      `unexpected Prometheus response: ${doc.status === undefined ? 'status is missing' : `status is ${JSON.stringify(doc.status)}`}`,
    );
  if (!isSuccess) return error(`bad_response: inconsistent body for response code ${status}`);

  const values = readResult(doc.data);
  if (!values.ok) return error(values.message);
  const outcome: ProviderOutcome = values.value.scalar
    ? {
        kind: 'value',
        result: values.value.numbers[0],
        value: formatFloatPlain(values.value.numbers[0] ?? NaN),
      }
    : {
        kind: 'value',
        result: values.value.numbers,
        value: `[${values.value.numbers.map(formatFloatPlain).join(',')}]`,
      };
  const warnings = Array.isArray(doc.warnings)
    ? doc.warnings.filter((w): w is string => typeof w === 'string')
    : [];
  if (warnings.length > 0)
    outcome.metadata = { warnings: warnings.map((w) => `"${w}"`).join(', ') };
  return outcome;
}

function readResult(data: unknown): Step<{ scalar: boolean; numbers: number[] }> {
  if (!isRecord(data)) return shape('data is missing');
  const { resultType, result } = data;
  if (resultType === 'scalar') {
    const v = samplePair(result, 'data.result');
    return v.ok ? ok({ scalar: true, numbers: [v.value] }) : v;
  }
  if (resultType !== 'vector' && resultType !== 'matrix')
    return fail(`Prometheus metric type not supported: ${JSON.stringify(resultType)}`);
  if (!Array.isArray(result)) return shape('data.result is not an array');
  const numbers: number[] = [];
  for (const [i, series] of result.entries()) {
    const where = `data.result[${i}]`;
    if (!isRecord(series)) return shape(`${where} is not an object`);
    if ('histogram' in series || 'histograms' in series)
      return fail(`${where}: native histogram samples are not supported`);
    const pairs = resultType === 'vector' ? [series.value] : series.values;
    if (!Array.isArray(pairs)) return shape(`${where}.values is not an array`);
    for (const [j, pair] of pairs.entries()) {
      const v = samplePair(
        pair,
        resultType === 'vector' ? `${where}.value` : `${where}.values[${j}]`,
      );
      if (!v.ok) return v;
      numbers.push(v.value);
    }
  }
  return ok({ scalar: false, numbers });
}

/** `[<unix seconds>, "<value>"]`, the value a Go float string (`NaN`, `+Inf` included). */
function samplePair(pair: unknown, where: string): Step<number> {
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    typeof pair[0] !== 'number' ||
    typeof pair[1] !== 'string'
  ) {
    return shape(`${where} is not a [timestamp, "value"] pair`);
  }
  const v = parseGoFloat(pair[1]);
  return v === undefined
    ? shape(`${where} has a value that is not a number: ${JSON.stringify(pair[1])}`)
    : ok(v);
}

function shape(detail: string): { ok: false; message: string } {
  return fail(`unexpected Prometheus response: ${detail}`);
}

function stringOr(v: unknown, fallback: string): string {
  return typeof v === 'string' && v !== '' ? v : fallback;
}

function error(message: string): ProviderOutcome {
  return { kind: 'error', message };
}
