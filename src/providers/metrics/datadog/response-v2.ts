import { isRecord } from '../shared/json.js';
import { errorOutcome } from '../shared/outcome.js';
import type { ProviderOutcome } from '../types.js';
import { formatDatadogValue, readDatadogJson } from './reply.js';

/** Groups listed in `metadata.groups`, highest values first: display only, `result` keeps all. */
export const MAX_LISTED_GROUPS = 100;

interface Column {
  type: string;
  values: unknown[];
}

/**
 * `/api/v2/query/scalar` → the first `number` column. Without `group` columns that is one number
 * (null when empty); with them (a `by {tag}` query) a list with one value per group, even for a
 * single group, and `metadata.groups` mapping values back to the groups' tag values.
 */
export function parseV2Response(status: number, body: string): ProviderOutcome {
  const json = readDatadogJson(status, body);
  if (!json.ok) return errorOutcome(json.message);
  const doc = json.value;
  if (!isRecord(doc)) return malformed('the body is not an object');
  const errors = queryErrors(doc['errors']);
  if (errors) return errorOutcome(`There were errors in your query: ${errors}`);
  const data = doc['data'];
  if (!isRecord(data)) return malformed('data is missing');
  const rawColumns = isRecord(data['attributes']) ? data['attributes']['columns'] : undefined;
  if (rawColumns === undefined) return value(null);
  if (!Array.isArray(rawColumns)) return malformed('columns is not a list');
  const columns: Column[] = [];
  for (const c of rawColumns as unknown[]) {
    if (!isRecord(c) || typeof c['type'] !== 'string' || !Array.isArray(c['values']))
      return malformed('a column has no type or values');
    columns.push({ type: c['type'], values: c['values'] as unknown[] });
  }
  const numbers = columns.find((c) => c.type === 'number');
  const groups = columns.filter((c) => c.type === 'group');
  if (!numbers) return value(null);
  if (numbers.values.some((v) => v !== null && typeof v !== 'number'))
    return malformed('a number column holds something else');
  const values = numbers.values as Array<number | null>;
  return groups.length === 0 ? value(values[0] ?? null) : grouped(values, groups);
}

function queryErrors(errors: unknown): string | undefined {
  if (typeof errors === 'string' && errors !== '') return errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(String).join('; ');
  return undefined;
}

function grouped(values: Array<number | null>, groups: Column[]): ProviderOutcome {
  const rows: Array<{ name: string; value: number }> = [];
  values.forEach((v, i) => {
    // A group with no data in the window has a null value: it has nothing to compare.
    if (v !== null)
      rows.push({ name: groups.map((g) => groupTags(g.values[i])).join(','), value: v });
  });
  const result = rows.map((r) => r.value);
  const listed = [...rows].sort((a, b) => b.value - a.value).slice(0, MAX_LISTED_GROUPS);
  return {
    kind: 'value',
    result,
    value: formatDatadogValue(result),
    metadata: {
      groups: JSON.stringify(listed),
      ...(rows.length > MAX_LISTED_GROUPS ? { groups_truncated: 'true' } : {}),
    },
  };
}

/** A group cell lists the tag's values (usually one). */
function groupTags(cell: unknown): string {
  return Array.isArray(cell) ? cell.map(String).join(',') : String(cell);
}

function value(result: number | null): ProviderOutcome {
  return { kind: 'value', result, value: formatDatadogValue(result) };
}

function malformed(why: string): ProviderOutcome {
  return errorOutcome(`unexpected Datadog v2 response: ${why}`);
}
