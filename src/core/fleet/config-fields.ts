import { parseGoDuration } from '../../domain/go-duration.js';
import { isRecord } from '../../domain/json.js';

/** Field readers the fleet's configuration parsers share; each adds its problems with the path. */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function objectAt(
  raw: unknown,
  at: string,
  known: readonly string[],
  problems: string[],
): Record<string, unknown> | undefined {
  if (!isRecord(raw)) {
    problems.push(`${at} must be an object`);
    return undefined;
  }
  for (const k of Object.keys(raw))
    if (!known.includes(k))
      problems.push(`${at}: unknown field \`${k}\` (known: ${known.join(', ')})`);
  return raw;
}

export function listAt(raw: unknown, at: string, problems: string[]): unknown[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${at} must be a list`);
    return [];
  }
  return raw;
}

/**
 * Each object of a list, read by `parse`; an item with problems (or for which `parse` returns
 * undefined) is left out, its problems kept.
 */
export function eachObjectAt<T>(
  raw: unknown,
  at: string,
  known: readonly string[],
  problems: string[],
  parse: (item: Record<string, unknown>, here: string) => T | undefined,
): T[] {
  return listAt(raw, at, problems).flatMap((item, i) => {
    const here = `${at}[${i}]`;
    const before = problems.length;
    const obj = objectAt(item, here, known, problems);
    const value = obj && parse(obj, here);
    return value === undefined || problems.length > before ? [] : [value];
  });
}

/** A list of DNS labels (cluster or namespace names); absent stays absent. */
export function namesAt(raw: unknown, at: string, problems: string[]): string[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push(`${at} must be a non-empty list of names`);
    return undefined;
  }
  const names: string[] = [];
  for (const [i, n] of raw.entries()) {
    if (typeof n === 'string' && DNS_LABEL.test(n)) names.push(n);
    else problems.push(`${at}[${i}] must be a name (a DNS label)`);
  }
  return names;
}

/** A Go duration (`30m`, `2h`) in whole seconds, rounded up; `positive` refuses 0. */
export function secondsAt(
  raw: unknown,
  at: string,
  problems: string[],
  positive: boolean,
): number | undefined {
  const parsed = typeof raw === 'string' ? parseGoDuration(raw) : undefined;
  if (!parsed?.ok || parsed.ns < 0n || (positive && parsed.ns === 0n)) {
    problems.push(
      `${at} must be a ${positive ? 'positive' : 'non-negative'} duration such as 30m or 2h`,
    );
    return undefined;
  }
  return Math.ceil(parsed.ms / 1000);
}

/** An RFC 3339 timestamp with a zone (`2026-12-20T00:00:00Z`, `…+01:00`). */
export function instantAt(raw: unknown, at: string, problems: string[]): number | undefined {
  const ms =
    typeof raw === 'string' &&
    /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/i.test(raw)
      ? Date.parse(raw)
      : NaN;
  if (Number.isNaN(ms)) {
    problems.push(`${at} must be an RFC 3339 time with a zone, such as 2026-12-20T00:00:00Z`);
    return undefined;
  }
  return ms;
}
