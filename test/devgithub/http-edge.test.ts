import { afterEach, describe, expect, it } from 'vitest';
import { REPO, startWorld, type World } from './support.js';

describe('devgithub HTTP edge: credentials, errors, rate limit, faults', () => {
  let w: World | undefined;
  afterEach(async () => {
    await w?.close();
    w = undefined;
  });

  it.each([
    { name: 'an unknown token', header: 'token nope' },
    { name: 'an unknown bearer token', header: 'Bearer nope' },
    { name: 'an unknown scheme', header: 'Digest abc' },
  ])('refuses $name with 401 Bad credentials', async ({ header }) => {
    w = await startWorld({ token: null });
    const r = await w.api('GET', `/repos/${REPO}`, undefined, { authorization: header });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
  });

  it('accepts token and Bearer schemes alike', async () => {
    w = await startWorld({ token: null, tokens: ['t1'] });
    for (const header of ['token t1', 'Bearer t1', 'bearer t1'])
      expect(
        (await w.api('GET', `/repos/${REPO}`, undefined, { authorization: header })).status,
      ).toBe(200);
  });

  it('hides private repositories from anonymous callers and refuses anonymous writes', async () => {
    w = await startWorld({ token: null });
    w.gh.createRepo('acme/secret', { private: true });
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    expect((await w.api('GET', '/repos/acme/secret')).status).toBe(404);
    expect(
      (await w.api('GET', '/repos/acme/secret', undefined, { authorization: 'token dev-token' }))
        .body.private,
    ).toBe(true);
    expect((await w.api('GET', `/repos/${REPO}`)).status).toBe(200);
    const write = await w.api('POST', `/repos/${REPO}/statuses/${sha}`, { state: 'success' });
    expect(write.status).toBe(401);
    expect(write.body.message).toBe('Requires authentication');
  });

  it('answers unknown routes and wrong methods with 404, bad JSON with 400', async () => {
    w = await startWorld();
    expect((await w.api('GET', '/nope')).body).toMatchObject({
      message: 'Not Found',
      status: '404',
    });
    expect((await w.api('PUT', `/repos/${REPO}`)).status).toBe(404);
    expect((await w.api('GET', '/repos/acme/missing')).status).toBe(404);
    const bad = await w.api('POST', `/repos/${REPO}/deployments`, '{"ref": ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Problems parsing JSON');
  });

  it('serves the API under /api/v3 too, with case-insensitive repository names', async () => {
    w = await startWorld();
    expect((await w.api('GET', '/api/v3/repos/ACME/Deploy')).body.full_name).toBe(REPO);
    expect(w.gh.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/repos/ACME/Deploy',
      status: 200,
      token: 'dev-token',
    });
  });

  it('sends rate-limit headers and a request id on every answer, and 403s past the budget', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    w = await startWorld({ rateLimit: 3, now: () => now });
    const first = await w.api('GET', `/repos/${REPO}`);
    expect(
      Object.fromEntries(
        [
          'x-ratelimit-limit',
          'x-ratelimit-remaining',
          'x-ratelimit-used',
          'x-ratelimit-reset',
          'x-ratelimit-resource',
        ].map((h) => [h, first.headers.get(h)]),
      ),
    ).toEqual({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '2',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': String(now / 1000 + 3600),
      'x-ratelimit-resource': 'core',
    });
    expect(first.headers.get('x-github-request-id')).toMatch(/^[0-9A-F:]+$/);
    await w.api('GET', `/repos/${REPO}`);
    await w.api('GET', '/nope');
    const limits = await w.octokit.rateLimit.get();
    expect(limits.data.resources.core).toMatchObject({ limit: 3, remaining: 0, used: 3 });
    const over = await w.api('GET', `/repos/${REPO}`);
    expect(over.status).toBe(403);
    // The tokens belong to dev-bot; addUser returns the existing account.
    expect(over.body.message).toBe(
      `API rate limit exceeded for user ID ${w.gh.addUser('dev-bot').id}.`,
    );
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    now += 3600 * 1000;
    expect((await w.api('GET', `/repos/${REPO}`)).headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('gives anonymous callers 60 requests an hour', async () => {
    w = await startWorld({ token: null });
    const r = await w.api('GET', `/repos/${REPO}`);
    expect(r.headers.get('x-ratelimit-limit')).toBe('60');
  });

  it('injects faults for matching requests only, the given number of times', async () => {
    w = await startWorld();
    const sha = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.failNext({ method: 'POST', path: /\/statuses\//, status: 502, times: 2 });
    w.gh.failNext({ path: /\/deployments$/, status: 403, headers: { 'retry-after': '30' } });
    w.gh.failNext({ path: /\/branches\//, status: 429, body: { message: 'slow down' } });
    expect((await w.api('GET', `/repos/${REPO}`)).status).toBe(200);
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await w.api('POST', `/repos/${REPO}/statuses/${sha}`, { state: 'success' })).status,
      );
    expect(statuses).toEqual([502, 502, 201]);
    const secondary = await w.api('GET', `/repos/${REPO}/deployments`);
    expect(secondary.status).toBe(403);
    expect(secondary.headers.get('retry-after')).toBe('30');
    expect(secondary.body.message).toMatch(/secondary rate limit/);
    expect((await w.api('GET', `/repos/${REPO}/deployments`)).status).toBe(200);
    const custom = await w.api('GET', `/repos/${REPO}/branches/main`);
    expect([custom.status, custom.body.message]).toEqual([429, 'slow down']);
    expect(w.gh.commitStatuses(REPO, sha)).toHaveLength(1);
    expect(w.gh.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([
      502, 502, 201,
    ]);
  });

  it('serves the /_dev/ control surface only when enabled, and only to a valid token', async () => {
    w = await startWorld({ control: false });
    expect((await w.api('GET', '/_dev/deliveries')).status).toBe(404);
    await w.close();
    w = await startWorld();
    expect((await w.api('GET', '/_dev/deliveries')).body).toEqual([]);
    expect(
      (await w.api('GET', '/_dev/deliveries', undefined, { authorization: 'token nope' })).status,
    ).toBe(401);
    expect(w.gh.requests).toEqual([]);
  });
});
