import type { ProviderOutcome } from '../types.js';
import { formatGoJson, isRecord, parseJson } from '../shared/json.js';
import { excerpt } from '../shared/outcome.js';

/**
 * A GraphQL answer as an outcome: `data` is the result (value string: its JSON); the first of
 * `errors` is reported as `graphql: <message>`, as upstream's GraphQL client does; `data: null`
 * is "no results".
 */
export function parseSkyWalkingResponse(status: number, body: string): ProviderOutcome {
  const success = status >= 200 && status < 300;
  const parsed = parseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) {
    const text = JSON.stringify(excerpt(body));
    return error(
      success
        ? `SkyWalking returned a body that is not a JSON object: ${text}`
        : `SkyWalking query failed: HTTP ${status} (body: ${text})`,
    );
  }
  const { data, errors } = parsed.value;
  if (Array.isArray(errors) && errors.length > 0) {
    const first: unknown = errors[0];
    const message =
      isRecord(first) && typeof first.message === 'string' ? first.message : JSON.stringify(first);
    return error(`graphql: ${message}`);
  }
  if (!success)
    return error(
      `SkyWalking query failed: HTTP ${status} (body: ${JSON.stringify(excerpt(body))})`,
    );
  if (data === undefined || data === null)
    return error('no results returned from SkyWalking query');
  return { kind: 'value', result: data, value: formatGoJson(data) };
}

function error(message: string): ProviderOutcome {
  return { kind: 'error', message };
}
