// Small helpers over plain JSON values (the shape of a decoded request body).
import type { JSONSchemaProps } from './types.js';

export type JsonObject = Record<string, unknown>;

export function isObject(x: unknown): x is JsonObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Own-property lookup that ignores prototype keys such as `constructor` or `__proto__`. */
export function ownValue<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The schema that applies to unknown keys, when `additionalProperties` is a schema. */
export function additionalSchema(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const ap = s?.additionalProperties;
  return typeof ap === 'object' ? ap : undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]))
    );
  }
  return false;
}

export function cloneJson<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

/**
 * The JSON type name kube-openapi infers for a decoded value. Go decodes integers that fit an int64 as
 * integers; anything else is a float64 ("number").
 */
export function jsonTypeOf(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'number')
    return Number.isInteger(x) && Math.abs(x) < 2 ** 63 ? 'integer' : 'number';
  return typeof x === 'object' ? 'object' : typeof x;
}
