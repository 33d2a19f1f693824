import { type ApprovalClaims, buildWireClaims, parseWireClaims } from './approval-claims.js';
import { encodeBase64Url, parseBase64Url } from './base64url.js';

/**
 * A signed approval token: `<base64url(claims JSON)>.<base64url(HMAC-SHA256)>`. The MAC covers a
 * fixed label and the encoded claims exactly as sent, so the key (the ConfigMap's `linkKey`) signs
 * nothing else by accident and any change to any character is caught. WebCrypto only: Node and
 * Workers alike; `crypto.subtle.verify` compares in constant time.
 */
const LABEL = 'serverless-rollouts approval v1\n';
/** Far above a real token (about 400 characters); bounds the work a junk token can cause. */
const MAX_TOKEN_LENGTH = 2000;
const encoder = new TextEncoder();

/** Why a token is not accepted: `malformed` (not a token), `tampered` (MAC wrong), `expired`. */
export type ApprovalRefusal = 'tampered' | 'expired' | 'malformed';

export type VerifiedApproval =
  | { ok: true; claims: ApprovalClaims }
  | { ok: false; refusal: ApprovalRefusal; claims?: ApprovalClaims };

function importLinkKey(key: string, usage: 'sign' | 'verify'): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(key),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    [usage],
  );
}

const signedBytes = (encodedClaims: string) => encoder.encode(LABEL + encodedClaims);

/** The token for `claims` under `key`. */
export async function signApprovalToken(key: string, claims: ApprovalClaims): Promise<string> {
  const encoded = encodeBase64Url(encoder.encode(buildWireClaims(claims)));
  const mac = await crypto.subtle.sign(
    'HMAC',
    await importLinkKey(key, 'sign'),
    signedBytes(encoded),
  );
  return `${encoded}.${encodeBase64Url(new Uint8Array(mac))}`;
}

/**
 * The claims of `token` when `key` signed it and it has not expired at `now` (ms); otherwise why
 * not. The MAC is checked before the claims are even parsed; an expired token's claims come back
 * with the refusal so a page can say what the link was for.
 */
export async function verifyApprovalToken(
  key: string,
  token: string,
  now: number,
): Promise<VerifiedApproval> {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [encoded, macText] = parts;
  const mac = macText === undefined ? undefined : parseBase64Url(macText);
  if (parts.length !== 2 || encoded === undefined || mac?.byteLength !== 32)
    return { ok: false, refusal: 'malformed' };
  const genuine = await crypto.subtle.verify(
    'HMAC',
    await importLinkKey(key, 'verify'),
    mac,
    signedBytes(encoded),
  );
  if (!genuine) return { ok: false, refusal: 'tampered' };
  const bytes = parseBase64Url(encoded);
  const claims = bytes && parseWireClaims(new TextDecoder().decode(bytes));
  if (!claims) return { ok: false, refusal: 'malformed' };
  if (now >= claims.expiresAt) return { ok: false, refusal: 'expired', claims };
  return { ok: true, claims };
}
