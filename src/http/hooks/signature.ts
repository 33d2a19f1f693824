/**
 * `X-Rollouts-Signature: sha256=<hex>`: HMAC-SHA256 of the raw request body with a shared secret,
 * as GitHub signs webhooks. WebCrypto only, so it runs on Node and in Workers.
 */
export const SIGNATURE_HEADER = 'X-Rollouts-Signature';

const WELL_FORMED = /^sha256=([0-9a-f]{64})$/i;
const encoder = new TextEncoder();

function importKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** The header value for `body`: `sha256=<64 hex digits>`. */
export async function sign(secret: string, body: string | Uint8Array): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await importKey(secret, 'sign'), bytesOf(body)));
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The MAC bytes of a well-formed header value, or undefined when it is not `sha256=<64 hex>`. */
export function parseSignature(header: string | undefined): Uint8Array | undefined {
  const hex = header === undefined ? undefined : WELL_FORMED.exec(header.trim())?.[1];
  if (hex === undefined) return undefined;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return mac;
}

/**
 * Whether `mac` is the HMAC of `body`. `crypto.subtle.verify` compares in constant time (Node
 * uses CRYPTO_memcmp, workerd BoringSSL's), so no hand-rolled comparison is needed.
 */
export async function verifySignature(secret: string, mac: Uint8Array, body: Uint8Array): Promise<boolean> {
  return crypto.subtle.verify('HMAC', await importKey(secret, 'verify'), mac, body);
}
