import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEW_COOKIE } from '../../../src/http/auth/view-cookie.js';
import { buildApp } from '../../../src/http/app.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, pausedMidRollout, TOKEN } from '../api/support.js';

// Issue 19, item 8: `GET /` renders the first view on the server, so a one-shot capture or a slow
// client sees the data, not "Loading…". Data only with the sign-in cookie, which /api never accepts.
let w: World;
beforeAll(async () => {
  w = await startWorld('shop');
  await pausedMidRollout(w);
});
afterAll(() => w.close());

const json = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' };

/** Signs in as the page does and returns the cookie pair (`name=value`) and its Set-Cookie header. */
async function signIn(
  url = 'http://localhost/session',
): Promise<{ cookie: string; setCookie: string }> {
  const res = await apiApp(w).request(url, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ token: TOKEN }),
  });
  expect(res.status).toBe(204);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { cookie: setCookie.split(';')[0] ?? '', setCookie };
}

async function page(
  path: string,
  cookie?: string,
): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await apiApp(w).request(path, cookie ? { headers: { cookie } } : {});
  return { status: res.status, html: await res.text(), headers: res.headers };
}

describe('the first view', () => {
  it('is the sign-in form without the cookie, never "Loading…", and holds no data', async () => {
    const { status, html, headers } = await page('/');
    expect(status).toBe(200);
    expect(html).toContain('<section class="login card"><h2>Sign in</h2>');
    expect(html).not.toContain('Loading…');
    expect(html).not.toContain('shop');
    expect(html).toContain('<button id="signout" class="link" type="button" hidden>');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script
  });

  it('is the list with the cookie: each Rollout with its status, step, weights and images', async () => {
    const { cookie } = await signIn();
    const { html } = await page('/', cookie);
    expect(html).toContain('<main id="main" data-view="list:default">');
    expect(html).toContain(
      '<a class="card rollout" href="#/ro/default/shop" data-name="shop"><h2>shop</h2>',
    );
    expect(html).toContain(
      '<span class="status s-Paused"><span aria-hidden="true">‖</span>Paused</span>',
    );
    expect(html).toContain('<div class="row"><b>Step</b><span>1/8</span></div>');
    expect(html).toContain('<span>set 20% / actual 20%</span>');
    expect(html).toContain('registry.example/shop:v2<span class="tag canary">canary</span>');
    expect(html).toContain(
      '<footer id="foot" class="foot">serverless-rollouts 9.9.9 (node)</footer>',
    );
    expect(html).not.toContain('Loading…');
    expect((await page('/?namespace=other', cookie)).html).toContain(
      'No Rollouts in namespace other.',
    );
    expect((await page('/?namespace=_all', cookie)).html).toContain('data-view="list:_all"');
  });

  it('is the Rollout page for ?rollout=<ns>/<name>: summary, steps, revisions; buttons disabled until the script binds them', async () => {
    const { cookie } = await signIn();
    const { html } = await page('/?rollout=default/shop', cookie);
    expect(html).toContain('data-view="rollout:default/shop"');
    expect(html).toContain('<div class="head"><h1>shop</h1>');
    expect(html).toContain(
      '<button class="btn primary" type="button" disabled data-action="Promote">Promote</button>',
    );
    expect(html).toContain('<li class="current" aria-current="step">Pause (until promoted)</li>');
    expect(html).toMatch(
      /<section class="card" id="revisions"><h3>Revisions<\/h3><div class="rev"><strong>Revision 2<\/strong>/,
    );
    expect(html).toContain('<span class="pod ok" title="shop-');
    expect((await page('/?rollout=default/nope', cookie)).html).toContain(
      'rollouts.argoproj.io &quot;nope&quot; not found in namespace default',
    );
    expect((await page('/?rollout=..%2F..%2Fetc', cookie)).html).toContain('invalid rollout');
  });

  it('escapes every value from the cluster', async () => {
    const ro = await w.rollout();
    const hostile = '<img src=x onerror=alert(1)> & "quoted"';
    await w.statusPatch({ message: hostile });
    const { cookie } = await signIn();
    const list = (await page('/', cookie)).html;
    const detail = (await page('/?rollout=default/shop', cookie)).html;
    for (const html of [list, detail]) {
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    }
    await w.statusPatch({ message: ro.status?.message ?? '' });
  });
});

describe('the sign-in cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, Secure over https only, and not the token', async () => {
    const plain = await signIn();
    expect(plain.setCookie).toMatch(
      new RegExp(
        `^${VIEW_COOKIE}=[A-Za-z0-9_-]{43}; Max-Age=\\d+; Path=/; HttpOnly; SameSite=Strict$`,
      ),
    );
    expect(plain.setCookie).not.toContain(TOKEN);
    expect((await signIn('https://rollouts.example/session')).setCookie).toMatch(/; Secure/);
    const proxied = await apiApp(w).request('/session', {
      method: 'POST',
      headers: { ...json, 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(proxied.headers.get('set-cookie')).toMatch(/; Secure/);
  });

  it('is refused for a wrong token, a form post, a cross-site request, or when no token is configured', async () => {
    const app = apiApp(w);
    const wrong = await app.request('/session', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ token: 'not-it' }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toMatch(new RegExp(`^${VIEW_COOKIE}=; Max-Age=0`));
    expect(
      (
        await app.request('/session', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `token=${TOKEN}`,
        })
      ).status,
    ).toBe(415);
    expect(
      (
        await app.request('/session', {
          method: 'POST',
          headers: { ...json, 'sec-fetch-site': 'cross-site' },
          body: JSON.stringify({ token: TOKEN }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await app.request('/session', { method: 'POST', headers: json, body: '{}' })).status,
    ).toBe(400);
    const open = buildApp({
      runtime: 'node',
      version: '1',
      api: { kube: w.kube, now: () => w.h.clock.now() },
    });
    expect(
      (
        await open.request('/session', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ token: 'x' }),
        })
      ).status,
    ).toBe(503);
  });

  it('is never accepted by the API, for reads or writes', async () => {
    const { cookie } = await signIn();
    const app = apiApp(w);
    expect(
      (await app.request('/api/v1/rollouts/default/info', { headers: { cookie } })).status,
    ).toBe(401);
    const before = (await w.rollout()).metadata.resourceVersion;
    expect(
      (
        await app.request('/api/v1/rollouts/default/shop/abort', {
          method: 'PUT',
          headers: { cookie },
        })
      ).status,
    ).toBe(401);
    expect((await w.rollout()).metadata.resourceVersion).toBe(before);
  });

  it('stops working when its token is rotated out, and sign-out clears it', async () => {
    const { cookie } = await signIn();
    const rotated = buildApp({
      runtime: 'node',
      version: '1',
      apiTokens: ['a-new-token'],
      api: { kube: w.kube, now: () => w.h.clock.now() },
    });
    expect(await (await rotated.request('/', { headers: { cookie } })).text()).toContain('Sign in');
    const out = await apiApp(w).request('/session', {
      method: 'DELETE',
      headers: { cookie, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${VIEW_COOKIE}=; Max-Age=0`));
    expect((await page('/', `${VIEW_COOKIE}=forged`)).html).toContain('Sign in');
  });
});
