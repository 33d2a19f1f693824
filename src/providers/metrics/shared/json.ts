import { fail, ok, type Step } from './outcome.js';

export function parseJson(text: string): Step<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON text as Go's `json.Marshal` writes it for decoded JSON (upstream stores measurement values
 * that way): object keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped. Numbers already agree:
 * both switch to exponent form below 1e-6 and from 1e21.
 */
export function formatGoJson(value: unknown): string {
  const text = JSON.stringify(sortKeys(value)) ?? 'null';
  return text.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key]);
  return out;
}
