/**
 * Defensive reads over a Rollout that may not match its type at run time (a hand-edited manifest,
 * a half-applied object). Validation must never throw, so every field goes through these.
 */
export type Json = unknown;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The field if the parent is an object; `undefined` otherwise. */
export function field(parent: unknown, key: string): unknown {
  return isRecord(parent) ? parent[key] : undefined;
}

/** Go's `!= nil` for a pointer/slice/map field decoded from JSON: present and not `null`. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

export function asRecord(v: unknown): Record<string, unknown> | undefined {
  return isRecord(v) ? v : undefined;
}

/** A list field; holes of a sparse array read as `undefined` so every index is visited. */
export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? Array.from(v as unknown[]) : [];
}

/** A Go string field: a missing or non-string value reads as `""`. */
export function asString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A Go integer field: `undefined` when missing or not a finite number. */
export function asNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A map of strings (labels, annotations); non-string values are dropped. */
export function asStringMap(v: unknown): Record<string, string> {
  if (!isRecord(v)) return {};
  // fromEntries defines own properties, so a `__proto__` label stays a label.
  return Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Go's `len(map) > 0` / `len(slice) > 0` on a decoded value. */
export function hasEntries(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return isRecord(v) && Object.keys(v).length > 0;
}
