// Small typed reads of the fields the printers touch; objects stay plain JSON.

export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The object at `v`, or an empty one. */
export const rec = (v: unknown): Json => (isRecord(v) ? v : {});

/** The string at `v`, or "" as Go reads an unset string. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The integer at `v`, or 0 as Go reads an unset int. */
export const int = (v: unknown): number =>
  typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;

/** The array at `v`, or an empty one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Number of keys of a map field (ConfigMap data, Secret data…). */
export const size = (v: unknown): number => Object.keys(rec(v)).length;

export const metadata = (obj: unknown): Json => rec(rec(obj).metadata);
export const nameOf = (obj: unknown): string => str(metadata(obj).name);
export const creationOf = (obj: unknown): string | undefined => {
  const ts = metadata(obj).creationTimestamp;
  return typeof ts === 'string' ? ts : undefined;
};
