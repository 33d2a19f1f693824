import type { MiddlewareHandler } from 'hono';

/**
 * Guards the REST API (DESIGN §4: `/api/v1/...` takes a bearer token). One token, or two while one is
 * being rotated out. It fails closed: with no token configured every API request answers 503, so an
 * unconfigured deployment never serves the API to anyone. Unauthenticated requests answer 401 before
 * routing, so they learn nothing about which routes exist.
 *
 * Tokens are compared as SHA-256 digests with a constant-time loop, so neither the content nor the
 * length of a configured token leaks through timing. WebCrypto only: it runs on Node and in Workers.
 */
export function bearerAuth(tokens: readonly string[] | undefined): MiddlewareHandler {
  const matches = tokenMatcher(checkedTokens(tokens));
  return async (c, next) => {
    if (!matches)
      return c.json(
        {
          error: 'Unavailable',
          message: 'the API is disabled: no API token is configured (API_TOKEN)',
        },
        503,
      );
    const presented = bearerToken(c.req.header('authorization'));
    if (presented === undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="serverless-rollouts"');
      return c.json(
        { error: 'Unauthorized', message: 'an "Authorization: Bearer <token>" header is required' },
        401,
      );
    }
    if (!(await matches(presented))) {
      c.header('WWW-Authenticate', 'Bearer realm="serverless-rollouts", error="invalid_token"');
      return c.json({ error: 'Unauthorized', message: 'the bearer token is not valid' }, 401);
    }
    await next();
    return undefined;
  };
}

/**
 * Whether a presented token is one of `tokens`, compared as SHA-256 digests in constant time; or
 * undefined when none is configured (the caller answers 503: fail closed).
 */
export function tokenMatcher(
  tokens: readonly string[] | undefined,
): ((presented: string) => Promise<boolean>) | undefined {
  if (!tokens || tokens.length === 0) return undefined;
  const digests = Promise.all(tokens.map(digest));
  return async (presented) => {
    const seen = await digest(presented);
    let match = false;
    for (const d of await digests) match = equalBytes(d, seen) || match;
    return match && presented !== '';
  };
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750 §2.1). */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  return m?.[1];
}

function checkedTokens(tokens: readonly string[] | undefined): readonly string[] | undefined {
  if (tokens === undefined || tokens.length === 0) return undefined;
  const problems = [
    ...(tokens.length > 2
      ? [`apiTokens must hold one token or two during a rotation (got ${tokens.length})`]
      : []),
    ...(tokens.some((t) => bearerToken(`Bearer ${t}`) !== t)
      ? [
          'apiTokens must be non-empty and use only the RFC 6750 token characters [A-Za-z0-9-._~+/=]',
        ]
      : []),
  ];
  if (problems.length > 0) throw new Error(problems.join('; '));
  return tokens;
}

export async function digest(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length && i < b.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}
