import { formatFloatPlain } from '../shared/go-format.js';
import { parseJson } from '../shared/json.js';
import { excerpt, fail, type Step } from '../shared/outcome.js';

/** The HTTP status first (auth failures named as such, body quoted), then the JSON body. */
export function readDatadogJson(status: number, body: string): Step<unknown> {
  if (status === 401 || status === 403)
    return fail(`received authentication error response code: ${status} ${excerpt(body)}`);
  if (status < 200 || status >= 300)
    return fail(`received non 2xx response code: ${status} ${excerpt(body)}`);
  const json = parseJson(body);
  return json.ok ? json : fail(`could not parse JSON body: ${json.message}`);
}

/** The measurement `value`: Go's plain float formatting, lists as `[a,b]`, no data as `null`. */
export function formatDatadogValue(result: number | number[] | null): string {
  if (result === null) return 'null';
  return Array.isArray(result)
    ? `[${result.map(formatFloatPlain).join(',')}]`
    : formatFloatPlain(result);
}
