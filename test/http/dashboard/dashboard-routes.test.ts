import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/http/app.js';
import { PAGE_SCRIPT } from '../../../src/http/dashboard/page-script.js';
import { PAGE_CSS } from '../../../src/http/dashboard/page-style.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, call, pausedMidRollout, TOKEN } from '../api/support.js';

// The dashboard (issue 9, DESIGN §4 `GET /`): a public page whose every data call goes to the guarded API.
let w: World;
beforeAll(async () => {
  w = await startWorld('shop');
  await pausedMidRollout(w);
});
afterAll(() => w.close());

describe('the page and its assets', () => {
  it('serves the HTML at / without a token, with a strict CSP', async () => {
    const res = await apiApp(w).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('<script type="module" src="assets/app.js"></script>');
    expect(html).toContain('href="assets/app.css"');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8', 'EventSource'],
    ['/assets/app.css', 'text/css; charset=utf-8', '.card'],
  ])('serves %s as %s', async (path, type, marker) => {
    const res = await apiApp(w).request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain(marker);
    const again = await apiApp(w).request(path, {
      headers: { 'if-none-match': res.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
  });

  it('answers 404 for an unknown asset', async () => {
    expect((await apiApp(w).request('/assets/nope.js')).status).toBe(404);
  });

  it('is served even on a runtime without the API, and stays small', async () => {
    const res = await buildApp({ runtime: 'workers', version: '1' }).request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Sign in');
    expect(html.length + PAGE_SCRIPT.length + PAGE_CSS.length).toBeLessThan(60 * 1024);
  });

  it('ships a script that parses and never writes HTML from strings', () => {
    expect(() => new Script(PAGE_SCRIPT)).not.toThrow();
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe('the API behind the page', () => {
  it('still refuses data calls without the bearer token', async () => {
    const app = apiApp(w);
    for (const path of [
      '/api/v1/rollouts/default/info',
      '/api/v1/rollouts/default/cards',
      '/api/v1/rollouts/default/shop/detail',
    ]) {
      expect((await app.request(path)).status).toBe(401);
    }
  });

  it('accepts ?token= on the watch streams only', async () => {
    const app = apiApp(w, w.kube, { watchIntervalMs: 5, watchMaxPolls: 1 });
    const ok = await app.request(`/api/v1/rollouts/default/shop/info/watch?token=${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/event-stream');
    expect(await ok.text()).toContain('event: info');
    const list = await app.request(`/api/v1/rollouts/_all/info/watch?token=${TOKEN}`);
    expect(list.status).toBe(200);
    await list.text();
    const wrong = await app.request('/api/v1/rollouts/default/shop/info/watch?token=not-the-token');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'Unauthorized' });
    expect((await app.request('/api/v1/rollouts/default/shop/info/watch?token=')).status).toBe(401);
    // Not a watch route: the query token is ignored and the header is still required.
    expect((await app.request(`/api/v1/rollouts/default/shop/info?token=${TOKEN}`)).status).toBe(
      401,
    );
    expect(
      (await app.request(`/api/v1/rollouts/default/shop/promote?token=${TOKEN}`, { method: 'PUT' }))
        .status,
    ).toBe(401);
    expect(
      (
        await app.request(`/api/v1/rollouts/default/shop/info/watch?token=${TOKEN}`, {
          method: 'POST',
        })
      ).status,
    ).toBe(401);
  });

  it('answers 503 on the watch when no token is configured at all', async () => {
    const app = buildApp({
      runtime: 'node',
      version: '1',
      api: { kube: w.kube, now: () => w.h.clock.now() },
    });
    expect((await app.request('/api/v1/rollouts/default/shop/info/watch?token=x')).status).toBe(
      503,
    );
  });

  it('gives the list its images and actual weights', async () => {
    const res = await call(apiApp(w), 'GET', '/api/v1/rollouts/_all/cards');
    expect(res.status).toBe(200);
    expect(res.body.rollouts).toEqual([
      {
        namespace: 'default',
        name: 'shop',
        actualWeight: 20,
        images: [
          { image: 'registry.example/shop:v1', tags: ['stable'] },
          { image: 'registry.example/shop:v2', tags: ['canary'] },
        ],
      },
    ]);
    expect((await call(apiApp(w), 'GET', '/api/v1/rollouts/Bad_NS/cards')).status).toBe(400);
  });

  it('gives the Rollout page its steps, containers and analysis runs', async () => {
    const res = await call(apiApp(w), 'GET', '/api/v1/rollouts/default/shop/detail');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'shop',
      strategy: 'Canary',
      currentStepIndex: 1,
      containers: [{ name: 'web', image: 'registry.example/shop:v2' }],
      analysisRuns: [],
    });
    expect(res.body.steps.slice(0, 2)).toEqual([
      { kind: 'setWeight', text: 'Set weight 20%' },
      { kind: 'pause', text: 'Pause (until promoted)' },
    ]);
    expect(res.body.steps[3]).toEqual({ kind: 'pause', text: 'Pause 10s' });
    expect(await call(apiApp(w), 'GET', '/api/v1/rollouts/default/nope/detail')).toEqual({
      status: 404,
      body: { error: 'NotFound', message: 'rollouts.argoproj.io "nope" not found' },
    });
  });
});
