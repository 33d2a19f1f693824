import { buildCanonicalRequest } from './canonical-request.js';
import { hmacSha256, sha256Hex, toHex } from './hash.js';

/**
 * AWS Signature Version 4 (header form), written on WebCrypto so it runs in Workers.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SigV4Request {
  method: string;
  url: string;
  /** Headers to send; every one is signed. `host` comes from the URL. */
  headers?: Record<string, string>;
  body?: string;
}

export interface SigV4Scope {
  credentials: AwsCredentials;
  region: string;
  service: string;
  /** Signing time, ms since the epoch. */
  now: number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** `20150830T123600Z` */
export function formatAmzDate(now: number): string {
  return new Date(now)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

export function buildStringToSign(
  amzDate: string,
  credentialScope: string,
  canonicalRequestHash: string,
): string {
  return [ALGORITHM, amzDate, credentialScope, canonicalRequestHash].join('\n');
}

async function deriveSigningKey(
  secretAccessKey: string,
  date: string,
  region: string,
  service: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const kDate = await hmacSha256(`AWS4${secretAccessKey}`, date);
  const kRegion = await hmacSha256(kDate, region);
  const kService = await hmacSha256(kRegion, service);
  return hmacSha256(kService, 'aws4_request');
}

/**
 * Signs a request and returns the headers to send with it: the caller's headers (lower-cased),
 * `x-amz-date`, `x-amz-security-token` when a session token is present, and `authorization`.
 * `host` is signed but not returned: fetch derives it from the URL.
 */
export async function signSigV4(
  request: SigV4Request,
  scope: SigV4Scope,
): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const amzDate = formatAmzDate(scope.now);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers ?? {}))
    headers[name.toLowerCase()] = value;
  headers['host'] = url.host;
  headers['x-amz-date'] = amzDate;
  if (scope.credentials.sessionToken)
    headers['x-amz-security-token'] = scope.credentials.sessionToken;

  const canonical = buildCanonicalRequest({
    method: request.method,
    url,
    headers,
    payloadHash: await sha256Hex(request.body ?? ''),
  });
  const credentialScope = `${amzDate.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = buildStringToSign(amzDate, credentialScope, await sha256Hex(canonical.text));
  const key = await deriveSigningKey(
    scope.credentials.secretAccessKey,
    amzDate.slice(0, 8),
    scope.region,
    scope.service,
  );
  const signature = toHex(await hmacSha256(key, stringToSign));

  const { host: _host, ...toSend } = headers;
  return {
    ...toSend,
    authorization: `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`,
  };
}
