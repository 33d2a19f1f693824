/**
 * The relay → hook signing protocol (DESIGN §4). Every delivery carries three headers:
 *
 *   X-Rollouts-Timestamp: <unix seconds, decimal>
 *   X-Rollouts-Delivery:  <random id, 8–128 of [A-Za-z0-9_-]; a fresh one per attempt>
 *   X-Rollouts-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<delivery id>.<raw body>")>
 *
 * Binding the timestamp and id into the MAC (as Stripe and Slack do) lets the receiver refuse stale
 * and repeated deliveries; neither part may contain a dot, so the signed string splits one way only.
 * The legacy form, HMAC over the raw body alone, is accepted only when the hook opts in.
 * WebCrypto only, so it runs on Node and in Workers.
 */
export const SIGNATURE_HEADER = 'X-Rollouts-Signature';
export const TIMESTAMP_HEADER = 'X-Rollouts-Timestamp';
export const DELIVERY_HEADER = 'X-Rollouts-Delivery';

const WELL_FORMED = /^sha256=([0-9a-f]{64})$/i;
const TIMESTAMP = /^\d{1,12}$/;
const DELIVERY_ID = /^[A-Za-z0-9_-]{8,128}$/;
const encoder = new TextEncoder();

export function importKey(secret: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

function bytesOf(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

/** The bytes a delivery's MAC covers: `<timestamp>.<delivery id>.` followed by the raw body. */
export function buildSignedPayload(
  timestamp: number,
  deliveryId: string,
  body: string | Uint8Array,
): Uint8Array {
  const prefix = encoder.encode(`${timestamp}.${deliveryId}.`);
  const raw = bytesOf(body);
  const out = new Uint8Array(prefix.byteLength + raw.byteLength);
  out.set(prefix);
  out.set(raw, prefix.byteLength);
  return out;
}

/** The header value for `payload`: `sha256=<64 hex digits>`. Legacy senders pass the raw body. */
export async function sign(secret: string, payload: string | Uint8Array): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', await importKey(secret, 'sign'), bytesOf(payload)),
  );
  return `sha256=${Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The three headers of a delivery of `body` sent at `timestamp` (unix seconds) as `deliveryId`. */
export async function signDelivery(
  secret: string,
  body: string | Uint8Array,
  delivery: { timestamp: number; deliveryId: string },
): Promise<Record<string, string>> {
  return {
    [TIMESTAMP_HEADER]: String(delivery.timestamp),
    [DELIVERY_HEADER]: delivery.deliveryId,
    [SIGNATURE_HEADER]: await sign(
      secret,
      buildSignedPayload(delivery.timestamp, delivery.deliveryId, body),
    ),
  };
}

/** The MAC bytes of a well-formed header value, or undefined when it is not `sha256=<64 hex>`. */
export function parseSignature(header: string | undefined): Uint8Array | undefined {
  const hex = header === undefined ? undefined : WELL_FORMED.exec(header.trim())?.[1];
  if (hex === undefined) return undefined;
  const mac = new Uint8Array(32);
  for (let i = 0; i < 32; i++) mac[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return mac;
}

/** Unix seconds from a `X-Rollouts-Timestamp` value, or undefined when it is not a plain decimal. */
export function parseTimestamp(header: string | undefined): number | undefined {
  const value = header?.trim();
  return value !== undefined && TIMESTAMP.test(value) ? Number(value) : undefined;
}

/** A `X-Rollouts-Delivery` value when well formed (no dots, so the signed string stays unambiguous). */
export function parseDeliveryId(header: string | undefined): string | undefined {
  const value = header?.trim();
  return value !== undefined && DELIVERY_ID.test(value) ? value : undefined;
}

/**
 * Whether `mac` is the HMAC of `payload` under any of `keys` (rotation: old and new secret). Every
 * key is tried, so the time taken does not say which one matched. `crypto.subtle.verify` compares
 * in constant time (Node uses CRYPTO_memcmp, workerd BoringSSL's), so no hand-rolled comparison.
 */
export async function verifySignature(
  keys: string | readonly (string | CryptoKey)[],
  mac: Uint8Array,
  payload: Uint8Array,
): Promise<boolean> {
  const list = typeof keys === 'string' ? [keys] : keys;
  const results = await Promise.all(
    list.map(async (k) =>
      crypto.subtle.verify(
        'HMAC',
        typeof k === 'string' ? await importKey(k, 'verify') : k,
        mac,
        payload,
      ),
    ),
  );
  return results.some(Boolean);
}
