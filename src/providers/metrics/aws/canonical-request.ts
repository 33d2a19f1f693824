/**
 * The SigV4 canonical request (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
 * Pure: the payload hash is computed by the caller.
 */
export interface CanonicalInput {
  method: string;
  url: URL;
  /** Lower-case header names to sign, `host` included. */
  headers: Record<string, string>;
  payloadHash: string;
}

export interface CanonicalRequest {
  text: string;
  signedHeaders: string;
}

/** RFC 3986 encoding: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) is percent-encoded. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Each path segment decoded once (as WHATWG URL percent-encodes it) and re-encoded per RFC 3986. */
export function buildCanonicalUri(url: URL): string {
  const path = url.pathname === '' ? '/' : url.pathname;
  return path
    .split('/')
    .map((segment) => encodeRfc3986(decodeLoosely(segment)))
    .join('/');
}

/** Query parameters encoded per RFC 3986 and sorted by name, then value. */
export function buildCanonicalQuery(url: URL): string {
  const pairs = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      return [encodeRfc3986(decodeLoosely(name)), encodeRfc3986(decodeLoosely(value))] as const;
    });
  pairs.sort(([an, av], [bn, bv]) => (an === bn ? compare(av, bv) : compare(an, bn)));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Header values are trimmed and inner runs of spaces collapsed, as the spec requires. */
function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

export function buildCanonicalRequest(input: CanonicalInput): CanonicalRequest {
  const names = Object.keys(input.headers).sort(compare);
  const headerLines = names
    .map((name) => `${name}:${canonicalHeaderValue(input.headers[name] ?? '')}\n`)
    .join('');
  const signedHeaders = names.join(';');
  const text = [
    input.method.toUpperCase(),
    buildCanonicalUri(input.url),
    buildCanonicalQuery(input.url),
    headerLines,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}
