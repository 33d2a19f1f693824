import type { Context, Hono } from 'hono';
import { tokenMatcher } from '../auth/bearer-auth.js';
import { clearViewCookie, setViewCookie } from '../auth/view-cookie.js';

/**
 * `POST /session` `{"token": "…"}` checks the API token and sets the view cookie (view-cookie.ts);
 * `DELETE /session` clears it. The page calls them on sign-in and sign-out. A JSON body is required,
 * which a cross-site form cannot send without a preflight, and a cross-site fetch is refused.
 */
export function mountSessionRoutes(app: Hono, tokens: readonly string[] | undefined): void {
  const matches = tokenMatcher(tokens);

  app.post('/session', async (c) => {
    const refused = refuseCrossSite(c);
    if (refused) return refused;
    if (!matches)
      return c.json(
        {
          error: 'Unavailable',
          message: 'the API is disabled: no API token is configured (API_TOKEN)',
        },
        503,
      );
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
      return c.json(
        { error: 'UnsupportedMediaType', message: 'send {"token": "…"} as application/json' },
        415,
      );
    const body = (await c.req.json().catch(() => undefined)) as { token?: unknown } | undefined;
    const token = typeof body?.token === 'string' ? body.token.trim() : undefined;
    if (token === undefined)
      return c.json(
        { error: 'BadRequest', message: 'send {"token": "…"} as application/json' },
        400,
      );
    if (!(await matches(token))) {
      clearViewCookie(c);
      return c.json({ error: 'Unauthorized', message: 'the token is not valid' }, 401);
    }
    await setViewCookie(c, token);
    return c.body(null, 204);
  });

  app.delete('/session', (c) => {
    const refused = refuseCrossSite(c);
    if (refused) return refused;
    clearViewCookie(c);
    return c.body(null, 204);
  });
}

/** Browsers say where a request comes from (Fetch Metadata); only the page itself may sign in or out. */
function refuseCrossSite(c: Context): Response | undefined {
  const site = c.req.header('sec-fetch-site');
  if (site === undefined || site === 'same-origin' || site === 'none') return undefined;
  return c.json(
    { error: 'Forbidden', message: 'sign-in is accepted from the dashboard page only' },
    403,
  );
}
