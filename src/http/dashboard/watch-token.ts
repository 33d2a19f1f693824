import type { MiddlewareHandler } from 'hono';
import { bearerToken, tokenMatcher } from '../auth/bearer-auth.js';

/** The two SSE routes of the API (spec §5): `…/{ns}/info/watch` and `…/{ns}/{name}/info/watch`. */
const WATCH_PATH = /^\/api\/v1\/rollouts\/[^/]+(\/[^/]+)?\/info\/watch$/;

/**
 * EventSource cannot send an Authorization header, so the watch routes — and only they — also take
 * the API token as `?token=`. This runs before the bearer guard: a watch request with `token` and no
 * Authorization header is checked here (same constant-time digest comparison, same 401/503 answers)
 * and, when valid, marked so the guard lets it through. Every other route ignores the parameter.
 *
 * Keeping it out of logs: nothing in this app logs request URLs, and the dashboard opens the stream
 * on its own origin only. Proxies in front that log query strings should redact `token`
 * (DESIGN §4: secrets never appear in logs). Read-only routes only: a leaked watch URL cannot write.
 */
export function watchTokenAuth(
  tokens: readonly string[] | undefined,
  guard: MiddlewareHandler,
): MiddlewareHandler {
  const matches = tokenMatcher(tokens);
  return async (c, next) => {
    const queryToken =
      c.req.method === 'GET' &&
      WATCH_PATH.test(c.req.path) &&
      c.req.header('authorization') === undefined
        ? c.req.query('token')
        : undefined;
    if (queryToken === undefined) return guard(c, next);
    if (!matches)
      return c.json(
        {
          error: 'Unavailable',
          message: 'the API is disabled: no API token is configured (API_TOKEN)',
        },
        503,
      );
    if (!(await matches(bearerToken(`Bearer ${queryToken}`) ?? ''))) {
      c.header('WWW-Authenticate', 'Bearer realm="serverless-rollouts", error="invalid_token"');
      return c.json({ error: 'Unauthorized', message: 'the token is not valid' }, 401);
    }
    await next();
    return undefined;
  };
}
