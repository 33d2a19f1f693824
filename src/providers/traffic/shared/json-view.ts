/**
 * Small defensive reads over objects the project does not own (STYLE: Shape). A router never
 * throws on a hand-edited or half-applied object: a wrong-typed field reads as absent.
 */
import { isRecord } from '../../../domain/json.js';

export { isRecord };

export function recordAt(parent: unknown, key: string): Record<string, unknown> | undefined {
  const v = isRecord(parent) ? parent[key] : undefined;
  return isRecord(v) ? v : undefined;
}

export function arrayAt(parent: unknown, key: string): unknown[] {
  const v = isRecord(parent) ? parent[key] : undefined;
  return Array.isArray(v) ? (v as unknown[]) : [];
}

export function stringAt(parent: unknown, key: string): string | undefined {
  const v = isRecord(parent) ? parent[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export function numberAt(parent: unknown, key: string): number | undefined {
  const v = isRecord(parent) ? parent[key] : undefined;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function hasKey(parent: unknown, key: string): boolean {
  return isRecord(parent) && Object.hasOwn(parent, key);
}

/** JSON equality as the API server sees it: object members in any order, arrays element-wise. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => jsonEqual(x, b[i]))
    );
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]))
  );
}

export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}
