import { formatGoJson, isRecord, parseJson } from '../shared/json.js';
import { errorOutcome, excerpt } from '../shared/outcome.js';
import type { ProviderOutcome } from '../types.js';

/**
 * A NerdGraph NRQL answer → `data.actor.account.nrql.results`: one row ⇒ that row (a map, e.g.
 * `result['average.duration']`), several (FACET, TIMESERIES) ⇒ the list; none ⇒ an error, as
 * upstream. GraphQL `errors` (bad key, NRQL syntax, NRDB timeout) arrive with HTTP 200.
 */
export function parseNerdGraphResponse(status: number, body: string): ProviderOutcome {
  if (status < 200 || status >= 300)
    return errorOutcome(`NerdGraph answered HTTP ${status}: ${excerpt(body)}`);
  const json = parseJson(body);
  if (!json.ok) return errorOutcome(`could not parse NerdGraph response: ${json.message}`);
  const doc = json.value;
  if (!isRecord(doc))
    return errorOutcome('unexpected NerdGraph response: the body is not an object');
  const errors = graphqlErrors(doc['errors']);
  if (errors) return errorOutcome(`NerdGraph query failed: ${errors}`);
  const results = dig(doc, ['data', 'actor', 'account', 'nrql', 'results']);
  if (!Array.isArray(results))
    return errorOutcome(
      'unexpected NerdGraph response: data.actor.account.nrql.results is missing',
    );
  if (results.length === 0) return errorOutcome('no results returned from NRQL query');
  if (results.length > 1) return { kind: 'value', result: results, value: formatGoJson(results) };
  const [row] = results as unknown[];
  if (!isRecord(row) || Object.keys(row).length === 0)
    return errorOutcome('no results returned from NRQL query');
  return { kind: 'value', result: row, value: formatGoJson(row) };
}

function graphqlErrors(errors: unknown): string | undefined {
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors
    .map((e: unknown) =>
      isRecord(e) && typeof e['message'] === 'string' ? e['message'] : JSON.stringify(e),
    )
    .join('; ');
}

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), value);
}
