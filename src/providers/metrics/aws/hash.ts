/** SHA-256 and HMAC-SHA256 over WebCrypto only, so signing runs unchanged in Workers and Node. */
const encoder = new TextEncoder();

type Bytes = Uint8Array<ArrayBuffer>;

function toBytes(data: string | Bytes): Bytes {
  return typeof data === 'string' ? new Uint8Array(encoder.encode(data)) : data;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export async function sha256Hex(data: string | Bytes): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', toBytes(data)));
}

export async function hmacSha256(key: string | Bytes, data: string): Promise<Bytes> {
  const cryptoKey = await crypto.subtle.importKey(
    'raw',
    toBytes(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, toBytes(data)));
}
