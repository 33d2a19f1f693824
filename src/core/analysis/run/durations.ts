import { parseGoDuration } from '../../../domain/go-duration.js';

/** A metric `interval`/`initialDelay` read as Go's `time.ParseDuration` reads it (spec §2.1). */
export type ParsedDuration = { ok: true; ms: number } | { ok: false; error: string };

/** `30s`, `1m30s`, `500ms`, `1.5h` → milliseconds; anything Go rejects → its error text. */
export function parseMetricDuration(text: string): ParsedDuration {
  const d = parseGoDuration(text);
  return d.ok ? { ok: true, ms: d.ms } : { ok: false, error: d.error };
}
