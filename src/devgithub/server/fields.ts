import { apiErrors } from '../errors.js';

/**
 * Request-body field readers with GitHub's schema-validation messages
 * (`Invalid request.\n\nFor 'properties/task', 5 is not a string.`).
 */
export type Body = Record<string, unknown>;

function wrongType(field: string, value: unknown, type: string): Error {
  return apiErrors.invalidRequest(
    `For 'properties/${field}', ${JSON.stringify(value)} is not ${type}.`,
  );
}

export function requireString(body: Body, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) throw apiErrors.invalidRequest(`"${field}" wasn't supplied.`);
  if (typeof v !== 'string') throw wrongType(field, v, 'a string');
  return v;
}

export function optionalString(body: Body, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrongType(field, v, 'a string');
  return v;
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw wrongType(field, v, 'a boolean');
  return v;
}

export function optionalInteger(body: Body, field: string): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrongType(field, v, 'an integer');
  return v;
}

export function optionalStringArray(body: Body, field: string): string[] | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
    throw wrongType(field, v, 'an array of strings');
  return v as string[];
}

/** Query integers (`per_page`, `page`): GitHub ignores what does not parse. */
export function queryInt(query: URLSearchParams, name: string, fallback: number): number {
  const n = Number.parseInt(query.get(name) ?? '', 10);
  return Number.isFinite(n) ? n : fallback;
}
