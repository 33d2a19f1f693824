import { parseGoDurationNs } from '../../rollout/validation/parse-duration.js';
import { goQuote } from '../../rollout/validation/field-error.js';

/** A metric `interval`/`initialDelay` read as Go's `time.ParseDuration` reads it (spec §2.1). */
export type ParsedDuration = { ok: true; ms: number } | { ok: false; error: string };

const UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** `30s`, `1m30s`, `500ms`, `1.5h` → milliseconds; anything Go rejects → its error text. */
export function parseMetricDuration(text: string): ParsedDuration {
  const ns = parseGoDurationNs(text);
  return ns === undefined
    ? { ok: false, error: goDurationError(text) }
    : { ok: true, ms: ns / 1e6 };
}

/** Go's wording for a duration it cannot parse (`time: missing unit…`, `time: unknown unit…`). */
function goDurationError(text: string): string {
  const body = text.replace(/^[+-]/, '');
  const number = '(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)';
  if (body !== '' && body !== '.' && new RegExp(`^(?:${number}[^0-9.]+)*${number}$`).test(body)) {
    return `time: missing unit in duration ${goQuote(text)}`;
  }
  const units = new RegExp(`^(?:${number}([^0-9.]+))+$`).test(body)
    ? [...body.matchAll(/[^0-9.]+/g)].map((m) => m[0])
    : [];
  const unknown = units.find((u) => !UNITS.has(u));
  if (unknown !== undefined)
    return `time: unknown unit ${goQuote(unknown)} in duration ${goQuote(text)}`;
  return `time: invalid duration ${goQuote(text)}`;
}
