import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { bearerToken } from '../../src/http/auth/bearer-auth.js';

const TOKEN = 'k8s-rollouts.TOKEN_current~1';
const OLD = 'previous-token/2+=';

/** The app as a runtime builds it, plus a stand-in API route to show what gets through the guard. */
function appWith(apiTokens?: readonly string[]) {
  const app = buildApp({ runtime: 'node', version: 't', ...(apiTokens ? { apiTokens } : {}) });
  app.get('/api/v1/rollouts', (c) => c.json({ items: [] }));
  return app;
}
const get = (app: ReturnType<typeof appWith>, authorization?: string) =>
  app.request(
    '/api/v1/rollouts',
    authorization === undefined ? {} : { headers: { authorization } },
  );

describe('API bearer-token guard', () => {
  it('serves the API to the configured token', async () => {
    const res = await get(appWith([TOKEN]), `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ items: [] });
  });

  it('accepts the scheme in any case, as RFC 6750 allows', async () => {
    expect((await get(appWith([TOKEN]), `bearer ${TOKEN}`)).status).toBe(200);
  });

  it('answers 401 with a challenge when the header is missing or not a bearer token', async () => {
    const app = appWith([TOKEN]);
    for (const header of [
      undefined,
      '',
      'Basic dXNlcjpwYXNz',
      `Bearer`,
      `Bearer  `,
      `Token ${TOKEN}`,
      `Bearer a b`,
    ]) {
      const res = await get(app, header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="serverless-rollouts"');
      expect(await res.json()).toMatchObject({ error: 'Unauthorized' });
    }
  });

  it('answers 401 invalid_token to a wrong token, a prefix of the right one, or the right one plus more', async () => {
    const app = appWith([TOKEN]);
    for (const wrong of ['nope', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase()]) {
      const res = await get(app, `Bearer ${wrong}`);
      expect(res.status, wrong).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
      expect(JSON.stringify(await res.json())).not.toContain(TOKEN);
    }
  });

  it('guards every path under /api, including ones with no route, before routing', async () => {
    const app = appWith([TOKEN]);
    expect((await app.request('/api/v1/does-not-exist')).status).toBe(401);
    expect((await app.request('/api/v1/rollouts', { method: 'POST' })).status).toBe(401);
    expect(
      (
        await app.request('/api/v1/does-not-exist', {
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).status,
    ).toBe(404);
  });

  it('accepts either token during a rotation and neither once both are gone', async () => {
    const rotating = appWith([TOKEN, OLD]);
    expect((await get(rotating, `Bearer ${TOKEN}`)).status).toBe(200);
    expect((await get(rotating, `Bearer ${OLD}`)).status).toBe(200);
    expect((await get(appWith([TOKEN]), `Bearer ${OLD}`)).status).toBe(401);
  });

  it('fails closed with 503 when no token is configured', async () => {
    for (const app of [appWith(), appWith([])]) {
      const res = await get(app, `Bearer ${TOKEN}`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: 'Unavailable',
        message: expect.stringContaining('API_TOKEN'),
      });
    }
  });

  it('leaves the probes and hooks outside the guard', async () => {
    expect((await appWith([TOKEN]).request('/healthz')).status).toBe(200);
  });

  it('refuses a configuration it could never match, naming the problem', () => {
    expect(() => appWith(['a', 'b', 'c'])).toThrow(/one token or two/);
    expect(() => appWith([''])).toThrow(/non-empty/);
    expect(() => appWith(['has space'])).toThrow(/RFC 6750/);
  });
});

describe('bearerToken', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['BEARER abc==', 'abc=='],
    ['Bearer a.b-c_d~e+f/g', 'a.b-c_d~e+f/g'],
    ['Bearer abc=x', undefined],
    ['Bearerabc', undefined],
    [undefined, undefined],
  ])('%s → %s', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
