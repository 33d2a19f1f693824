import type { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rollout } from '../../../src/domain/index.js';
import { pausedMidRollout } from '../api/support.js';
import { startWorld, type World } from '../../controller/world.js';
import {
  actionsFor,
  aNotificationConfig,
  approvalsApp,
  type FakeSlack,
  PUBLIC_URL,
  startFakeSlack,
} from './support.js';

// Issue 20 §6: signed one-time links for services without buttons. GET shows what the link will
// do and a button (scanners and unfurlers fetch links: a GET never acts); POST acts, once.

let w: World;
let slack: FakeSlack;
let app: Hono;
let woken: string[];

beforeEach(async () => {
  [w, slack] = await Promise.all([startWorld('shop'), startFakeSlack()]);
  woken = [];
  app = approvalsApp(w, slack, { woken });
  await pausedMidRollout(w);
});
afterEach(async () => {
  await Promise.all([w.close(), slack.close()]);
});

const pathOf = (url: string) => url.slice(PUBLIC_URL.length);

async function open(
  url: string,
  method: 'GET' | 'POST',
): Promise<{ status: number; html: string; headers: Headers }> {
  const res = await app.request(pathOf(url), {
    method,
    ...(method === 'POST'
      ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' }
      : {}),
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

async function requested(): Promise<string[]> {
  const list = await w.kube.list<{ reason: string; message: string }>(
    '/api/v1/namespaces/default/events',
  );
  return list.items
    .filter((e) => e.reason === 'PromoteRequested' || e.reason === 'AbortRequested')
    .map((e) => e.message);
}

async function expectUnchanged(before: Rollout): Promise<void> {
  expect((await w.rollout()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  expect(await requested()).toEqual([]);
}

describe('GET /hooks/approve/<token>', () => {
  it('asks with a POST button and changes nothing, however often it is fetched', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    for (let i = 0; i < 3; i++) {
      const page = await open(promote.url, 'GET');
      expect(page.status).toBe(200);
      expect(page.html).toContain('Promote rollout default/shop (step 1, revision 2)?');
      expect(page.html).toMatch(
        /<form method="post"><button type="submit">Promote<\/button><\/form>/,
      );
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    }
    await expectUnchanged(before);
  });
});

describe('POST /hooks/approve/<token>', () => {
  it('promotes once, naming the recipient in the Event; a second POST is refused with 409', async () => {
    const { promote } = await actionsFor(w, 'ops@example.com');
    const first = await open(promote.url, 'POST');
    expect(first.status).toBe(200);
    expect(first.html).toContain('Promoted rollout default/shop (step 1, revision 2)');
    expect(woken).toEqual(['default/shop']);
    const messages = await requested();
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^promote requested by link:ops@example\.com \(signed link\): /);
    const promoted = await w.rollout();

    const second = await open(promote.url, 'POST');
    expect(second.status).toBe(409);
    expect(second.html).toContain('this promote was already used. Nothing was changed.');
    expect((await w.rollout()).metadata.resourceVersion).toBe(promoted.metadata.resourceVersion);
    expect(await requested()).toHaveLength(1);
    // And the GET of a used link says so rather than offering the button again.
    const again = await open(promote.url, 'GET');
    expect(again.status).toBe(409);
    expect(again.html).not.toContain('<form');

    await w.advance(3000);
    expect(await w.counts()).toMatchObject({ canary: 2, stable: 3 });
  });

  it('five POSTs of the same link at once: one promotes, the others are refused, one step', async () => {
    const { promote } = await actionsFor(w);
    const pages = await Promise.all(Array.from({ length: 5 }, () => open(promote.url, 'POST')));
    expect(pages.map((p) => p.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await requested()).toHaveLength(1);
    await w.advance(3000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
  });

  it('aborts with the Abort link', async () => {
    const { abort } = await actionsFor(w);
    expect((await open(abort.url, 'POST')).status).toBe(200);
    await w.settle();
    expect((await w.rollout()).status).toMatchObject({ abort: true });
    expect((await requested())[0]).toMatch(/^abort requested by link:#deploys \(signed link\)/);
  });

  it('refuses a link to a step the Rollout has moved past with 409', async () => {
    const { promote } = await actionsFor(w);
    const other = await actionsFor(w);
    expect((await open(other.promote.url, 'POST')).status).toBe(200);
    await w.advance(3000);
    const moved = await w.rollout();
    const stale = await open(promote.url, 'POST');
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('has moved on (step 1 → 3');
    expect((await w.rollout()).metadata.resourceVersion).toBe(moved.metadata.resourceVersion);
  });

  it('refuses a link for a Rollout deleted and created again under the same name with 410', async () => {
    const { promote } = await actionsFor(w);
    await w.h.req('DELETE', '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts/shop');
    await w.h.settle();
    await w.deploy();
    const page = await open(promote.url, 'POST');
    expect(page.status).toBe(410);
    expect(page.html).toContain('was deleted and created again');
  });
});

describe('links refused, with nothing changed', () => {
  it.each([
    [
      'a changed character in the claims',
      403,
      (t: string) => `${t.slice(0, 10)}${t[10] === 'A' ? 'B' : 'A'}${t.slice(11)}`,
    ],
    [
      'a changed character in the signature',
      403,
      (t: string) => `${t.slice(0, -5)}${t.at(-5) === 'A' ? 'B' : 'A'}${t.slice(-4)}`,
    ],
    ['no signature', 400, (t: string) => t.split('.')[0] ?? ''],
    ['not a token at all', 400, () => 'hello'],
  ])('%s: %i, for GET and POST', async (_, status, tamper) => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    const url = `${PUBLIC_URL}/hooks/approve/${tamper(promote.token)}`;
    for (const method of ['GET', 'POST'] as const) {
      const page = await open(url, method);
      expect(page.status).toBe(status);
      expect(page.html).toContain('Nothing was changed.');
      expect(page.html).not.toContain('<form');
    }
    await expectUnchanged(before);
  });

  it("a Slack button's token posted to the link hook: 403, so Slack's allow-list cannot be stepped around", async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w, 'deploys', aNotificationConfig(), 'slack');
    for (const method of ['GET', 'POST'] as const) {
      const page = await open(promote.url, method);
      expect(page.status).toBe(403);
      expect(page.html).toContain('only available from its Slack button');
      expect(page.html).not.toContain('<form');
    }
    await expectUnchanged(before);
  });

  it('signed with another key: 403', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(
      w,
      '#deploys',
      aNotificationConfig({ linkKey: 'someone-elses-key' }),
    );
    const page = await open(promote.url, 'POST');
    expect(page.status).toBe(403);
    expect(page.html).toContain('the signature does not match');
    await expectUnchanged(before);
  });

  it('expired: 410, saying when', async () => {
    const before = await w.rollout();
    const { promote } = await actionsFor(w);
    w.h.clock.advance(3600_000);
    for (const method of ['GET', 'POST'] as const) {
      const page = await open(promote.url, method);
      expect(page.status).toBe(410);
      expect(page.html).toMatch(/the link expired at 2026-\d\d-\d\dT/);
    }
    await expectUnchanged(before);
  });

  it('when the ConfigMap has no link key: 404', async () => {
    const { promote } = await actionsFor(w);
    const bare = approvalsApp(w, slack, { config: aNotificationConfig({ linkKey: undefined }) });
    const res = await bare.request(pathOf(promote.url), { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('approvals are not configured');
  });
});
