const utf8 = new TextDecoder('utf-8');

/** Go strings may hold invalid UTF-8; encoding/json writes U+FFFD for it, and so does a non-fatal TextDecoder. */
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** Standard base64 with padding: how encoding/json writes a []byte (Secret data, ConfigMap binaryData). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
