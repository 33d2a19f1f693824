/**
 * Canonical base64url without padding (RFC 4648 §5), on `btoa`/`atob` so it runs in Workers too.
 * Decoding is strict: a text that is not exactly what encoding its bytes gives back is refused, so
 * two tokens that differ in any character never decode to the same bytes (the spare low bits of
 * the last character would otherwise let a tampered signature through).
 */
const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of a canonical base64url text, or undefined for anything else. */
export function parseBase64Url(text: string): Uint8Array | undefined {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return encodeBase64Url(bytes) === text ? bytes : undefined;
}
