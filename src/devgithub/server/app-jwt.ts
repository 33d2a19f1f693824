import { type KeyObject, verify } from 'node:crypto';

/**
 * Checks a GitHub App JWT the way GitHub does
 * (https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app):
 * RS256 over `header.payload`, `iss` = the app id (number or numeric string), `iat` not in the
 * future and `exp` in the future, at most 10 minutes apart. Clock skew of 60 s is tolerated.
 * Returns GitHub's 401 message on failure.
 */
export type JwtCheck = { ok: true; appId: number } | { ok: false; message: string };

export const JWT_UNDECODABLE = 'A JSON web token could not be decoded';
const SKEW_SECONDS = 60;
const MAX_LIFETIME_SECONDS = 600;

function decodePart(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function isJwtShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export function verifyAppJwt(
  jwt: string,
  app: { id: number; publicKey: KeyObject },
  nowSeconds: number,
): JwtCheck {
  const fail = (message: string): JwtCheck => ({ ok: false, message });
  const [h = '', p = '', s = ''] = jwt.split('.');
  if (!isJwtShaped(jwt)) return fail(JWT_UNDECODABLE);
  const header = decodePart(h);
  const claims = decodePart(p);
  if (!header || !claims || header.alg !== 'RS256') return fail(JWT_UNDECODABLE);
  const iss = claims.iss;
  if (iss === undefined) return fail("Missing 'issuer' claim ('iss') in assertion");
  const appId =
    typeof iss === 'number'
      ? iss
      : typeof iss === 'string' && /^\d+$/.test(iss)
        ? Number(iss)
        : NaN;
  if (!Number.isInteger(appId)) return fail("'Issuer' claim ('iss') must be an Integer");
  // An unknown app has no key to check against: GitHub reports that as undecodable too.
  if (appId !== app.id) return fail(JWT_UNDECODABLE);
  if (!verify('sha256', Buffer.from(`${h}.${p}`), app.publicKey, Buffer.from(s, 'base64url')))
    return fail(JWT_UNDECODABLE);
  const { iat, exp } = claims;
  if (iat === undefined) return fail("Missing 'issued at' claim ('iat') in assertion");
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > nowSeconds + SKEW_SECONDS)
    return fail(
      "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued",
    );
  if (exp === undefined) return fail("Missing 'expiration time' claim ('exp') in assertion");
  if (typeof exp !== 'number' || exp <= nowSeconds - SKEW_SECONDS)
    return fail(
      "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires",
    );
  if (exp - iat > MAX_LIFETIME_SECONDS || exp > nowSeconds + MAX_LIFETIME_SECONDS + SKEW_SECONDS)
    return fail("'Expiration time' claim ('exp') is too far in the future");
  return { ok: true, appId };
}
