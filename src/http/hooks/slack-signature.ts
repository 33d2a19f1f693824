import { importKey, verifySignature } from './signature.js';

/**
 * Slack's request signing (api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>`, with
 * `X-Slack-Request-Timestamp` in unix seconds; a request more than five minutes off is refused,
 * so a captured one cannot be replayed later (and within the window the hook's ledger refuses it).
 */
export const SLACK_TIMESTAMP_HEADER = 'X-Slack-Request-Timestamp';
export const SLACK_SIGNATURE_HEADER = 'X-Slack-Signature';
export const SLACK_WINDOW_SECONDS = 5 * 60;

const SIGNATURE = /^v0=([0-9a-f]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;
const encoder = new TextEncoder();

/** The MAC bytes of a well-formed `v0=<64 hex>` value, else undefined. */
export function parseSlackSignature(header: string | undefined): Uint8Array | undefined {
  const hex = header === undefined ? undefined : SIGNATURE.exec(header.trim())?.[1];
  if (hex === undefined) return undefined;
  return Uint8Array.from({ length: 32 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** Unix seconds of a plain decimal timestamp header, else undefined. */
export function parseSlackTimestamp(header: string | undefined): number | undefined {
  const value = header?.trim();
  return value !== undefined && TIMESTAMP.test(value) ? Number(value) : undefined;
}

/** The bytes Slack signs: `v0:<timestamp>:` and the raw body, exactly as received. */
export function buildSlackBaseString(timestamp: number, body: Uint8Array): Uint8Array {
  const prefix = encoder.encode(`v0:${timestamp}:`);
  const out = new Uint8Array(prefix.byteLength + body.byteLength);
  out.set(prefix);
  out.set(body, prefix.byteLength);
  return out;
}

/** The `X-Slack-Signature` value Slack would send (tests and local tools sign with it). */
export async function signSlackRequest(
  secret: string,
  timestamp: number,
  body: string,
): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await importKey(secret, 'sign'),
    buildSlackBaseString(timestamp, encoder.encode(body)),
  );
  return `v0=${Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Constant-time (WebCrypto) check of `mac` over the request; see signature.ts. */
export function verifySlackSignature(
  secret: string,
  mac: Uint8Array,
  timestamp: number,
  body: Uint8Array,
): Promise<boolean> {
  return verifySignature(secret, mac, buildSlackBaseString(timestamp, body));
}
