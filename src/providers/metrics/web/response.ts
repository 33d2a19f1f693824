import type { ProviderOutcome } from '../types.js';
import { formatGoJson, parseJson } from '../shared/json.js';
import { excerpt } from '../shared/outcome.js';
import { selectJsonPath, type PathSegment } from './json-path.js';

/**
 * A web metric's answer as an outcome (spec §2.7, §10.12): non-2xx is an error naming the status
 * and the start of the body; a JSON body yields the value the jsonPath selects (value string as Go
 * marshals it); a body that is not JSON is the result itself, as a raw string.
 */
export function parseWebResponse(
  status: number,
  body: string,
  path: PathSegment[],
): ProviderOutcome {
  if (status < 200 || status >= 300) {
    const text = excerpt(body);
    return {
      kind: 'error',
      message: `received non 2xx response code: ${status}${text ? ` (body: ${JSON.stringify(text)})` : ''}`,
    };
  }
  const parsed = parseJson(body);
  if (!parsed.ok) return { kind: 'value', result: body, value: body };
  const selected = selectJsonPath(parsed.value, path);
  if (!selected.ok)
    return { kind: 'error', message: `Could not find JSONPath in body: ${selected.message}` };
  return { kind: 'value', result: selected.value, value: formatGoJson(selected.value) };
}
