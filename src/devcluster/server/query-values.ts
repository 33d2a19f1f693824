import { errors } from '../api/status-error.js';

/**
 * Query parameter values read the way the API server's parameter codec reads them
 * (k8s.io/apimachinery/pkg/runtime/conversion.go): only the first value counts, and a decode
 * failure is a 400 whose message is Go's strconv error.
 */

/**
 * `Convert_Slice_string_To_bool`: absent is `undefined`; "0" and "false" in any case are false;
 * anything else, even "" or "no", is true. (Not strconv.ParseBool: the real server answers
 * `watch=yes` and `watch=f` with a watch, and never a 400.)
 */
export function parseQueryBool(q: URLSearchParams, name: string): boolean | undefined {
  const value = q.get(name);
  if (value === null) return undefined;
  return !(value === '0' || value.toLowerCase() === 'false');
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** `strconv.ParseInt(v, 10, 64)`: an optional sign and decimal digits, within int64. */
export function parseGoInt64(value: string): number {
  if (!/^[+-]?\d+$/.test(value))
    throw errors.badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
  const n = BigInt(value);
  if (n > INT64_MAX || n < INT64_MIN)
    throw errors.badRequest(`strconv.ParseInt: parsing ${goQuote(value)}: value out of range`);
  return Number(n);
}

/** `Convert_Slice_string_To_Pointer_int64`: absent is `undefined`. */
export function parseQueryInt64(q: URLSearchParams, name: string): number | undefined {
  const value = q.get(name);
  return value === null ? undefined : parseGoInt64(value);
}

/** Go's strconv.Quote for the strings a query can hold: control characters as \xNN. */
export function goQuote(s: string): string {
  return JSON.stringify(s)
    .replace(/\\u00([0-1][0-9a-f])/g, '\\x$1')
    .replace(/\x7f/g, '\\x7f');
}

/**
 * isPrettyPrint (apiserver handlers/negotiation): `pretty` read with strconv.ParseBool (an
 * unparsable value is false); without it, curl, Wget and browsers get indented JSON.
 */
export function isPrettyRequested(q: URLSearchParams, userAgent: string | undefined): boolean {
  const pretty = q.get('pretty');
  if (pretty) return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(pretty);
  return /^(curl|Wget|Mozilla\/5\.0)/.test(userAgent ?? '');
}
