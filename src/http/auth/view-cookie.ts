import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { equalBytes } from './bearer-auth.js';

/**
 * The dashboard's sign-in cookie (issue 19): lets `GET /` render the first view on the server, so
 * a one-shot capture or a slow client sees data rather than "Loading…". It is not the API token but
 * a digest of it, accepted only for that read-only render and never by `/api` (whose guard reads
 * the Authorization header alone), so it opens no CSRF path to a write. `HttpOnly` keeps it from
 * scripts, `SameSite=Strict` from other sites' requests, `Secure` when the request came over https.
 * A rotated-out token's cookie stops working with it.
 */
export const VIEW_COOKIE = 'rollouts_view';

/** A month, like a token kept in localStorage; signing out or a refused token clears it sooner. */
const MAX_AGE_SECONDS = 30 * 24 * 3600;

/** The cookie's value for `token`: SHA-256 over a fixed label and the token, base64url. */
export async function computeViewCookieValue(token: string): Promise<string> {
  const bytes = new Uint8Array(
    await crypto.subtle.digest(
      'SHA-256',
      new TextEncoder().encode(`serverless-rollouts dashboard view\n${token}`),
    ),
  );
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Checks the request's view cookie against the configured tokens, in constant time per token. */
export function viewCookieCheck(
  tokens: readonly string[] | undefined,
): (c: Context) => Promise<boolean> {
  const expected =
    tokens && tokens.length > 0 ? Promise.all(tokens.map(computeViewCookieValue)) : undefined;
  const encode = (s: string) => new TextEncoder().encode(s);
  return async (c) => {
    const presented = getCookie(c, VIEW_COOKIE);
    if (!expected || !presented) return false;
    let match = false;
    for (const value of await expected)
      match = equalBytes(encode(value), encode(presented)) || match;
    return match;
  };
}

/** Whether the browser reached us over https, directly or through a proxy that says so. */
export function isHttps(c: Context): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
  );
}

export async function setViewCookie(c: Context, token: string): Promise<void> {
  setCookie(c, VIEW_COOKIE, await computeViewCookieValue(token), {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearViewCookie(c: Context): void {
  deleteCookie(c, VIEW_COOKIE, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isHttps(c),
  });
}
