import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcileRollout } from '../../../src/controller/reconcile-rollout.js';
import { REACTION_MS } from '../../../src/core/rollout/operations/index.js';
import { ReactingKube } from '../../controller/reacting-kube.js';
import { startWorld, type World } from '../../controller/world.js';
import { apiApp, type ApiAnswer, call } from './support.js';

// Issue 15 through the REST API: `?stepIndex=&podHash=` (or the same fields in the JSON body) bind
// a write to the state the caller saw; without them it is bound to the first read. A Rollout that
// has moved on answers 409 StateChanged with the reason and the current state, and nothing changes.

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const base = '/api/v1/rollouts/default/shop';

/** v2 paused at step index 1 (after setWeight 20); the query a page showing it would send. */
async function pausedAtStep2(): Promise<{ podHash: string; query: string }> {
  await w.deploy();
  await w.setImage('registry.example/shop:v2');
  await w.advance(3000);
  const ro = await w.rollout();
  expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  const podHash = ro.status?.currentPodHash ?? '';
  return { podHash, query: `stepIndex=1&podHash=${podHash}` };
}

/** Exactly one step on from index 1: setWeight 40 done, waiting in the 10 s pause at index 3. */
async function expectOneStepOn(): Promise<void> {
  await w.advance(3000);
  expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
  expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
}

function expectOneDoneRestRefused(answers: ApiAnswer[]): void {
  expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
  for (const a of answers.filter((x) => x.status !== 200)) {
    expect(a.status).toBe(409);
    expect(a.body.message).toMatch(
      /already pending|moved on|changed while promote|the object has been modified/,
    );
  }
}

/** The controller also reconciling on its own while requests are in flight. */
async function controllerRunning(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await reconcileRollout(
      { kube: w.kube, now: () => w.h.clock.now() },
      { namespace: 'default', name: 'shop' },
    ).catch(() => undefined);
    await w.h.settle();
  }
}

describe('fifty concurrent promotes, with the controller reconciling in between', () => {
  it('without stepIndex/podHash (the probe): those that arrived before the first one landed are bound to its state; one step', async () => {
    await pausedAtStep2();
    const app = apiApp(w, new ReactingKube(w));
    const [answers] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, () => call(app, 'PUT', `${base}/promote`))),
      controllerRunning(),
    ]);
    expectOneDoneRestRefused(answers);
    await expectOneStepOn();
  });

  it('without stepIndex/podHash, spread over two seconds as a shell loop of curls arrives: one step', async () => {
    await pausedAtStep2();
    const app = apiApp(w);
    const answers: ApiAnswer[] = [];
    // Each promote finds the Rollout as the controller left it after the one before, step by step.
    for (let i = 0; i < 10; i++) {
      answers.push(await call(app, 'PUT', `${base}/promote`));
      await controllerRunning();
      await w.advance(200);
    }
    expectOneDoneRestRefused(answers);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    // Once a person could have seen the new pause, an unbound promote is theirs to make.
    await w.advance(REACTION_MS);
    expect((await call(app, 'PUT', `${base}/promote`)).status).toBe(200);
  });

  it('bound to the page with stepIndex/podHash, one Idempotency-Key per click', async () => {
    const { query } = await pausedAtStep2();
    const app = apiApp(w, new ReactingKube(w));
    const clicks = Array.from({ length: 50 }, (_, i) =>
      call(app, 'PUT', `${base}/promote?${query}`, undefined, { 'idempotency-key': `click-${i}` }),
    );
    const [answers] = await Promise.all([Promise.all(clicks), controllerRunning()]);
    expectOneDoneRestRefused(answers);
    await expectOneStepOn();
  });
});

describe('a double click on the dashboard', () => {
  it('the second promote, some hundreds of ms later with the controller run in between, is refused with the reason', async () => {
    const { podHash } = await pausedAtStep2();
    const app = apiApp(w);
    // What the page binds its buttons to: the step index and pod hash of the detail it shows.
    const detail = (await call(app, 'GET', `${base}/detail`)).body as {
      currentStepIndex: number;
      currentPodHash: string;
    };
    expect(detail).toMatchObject({ currentStepIndex: 1, currentPodHash: podHash });
    const query = `stepIndex=${detail.currentStepIndex}&podHash=${detail.currentPodHash}`;
    const first = await call(app, 'PUT', `${base}/promote?${query}`, undefined, {
      'idempotency-key': 'click-1',
    });
    expect(first).toMatchObject({ status: 200, body: { operation: 'promote', outcome: 'done' } });
    await w.settle();
    w.h.clock.advance(400);
    const before = (await w.rollout()).metadata.resourceVersion;
    const second = await call(app, 'PUT', `${base}/promote?${query}`, undefined, {
      'idempotency-key': 'click-2',
    });
    expect(second).toEqual({
      status: 409,
      body: {
        error: 'StateChanged',
        message:
          'rollout shop has moved on from the state this operation was meant for (step index 1 → 2); nothing was changed',
        current: { stepIndex: 2, podHash },
      },
    });
    expect((await w.rollout()).metadata.resourceVersion).toBe(before);
    await expectOneStepOn();
  });

  it('the same click sent twice (same Idempotency-Key) is applied once and answered as a duplicate', async () => {
    const { query } = await pausedAtStep2();
    const app = apiApp(w);
    expect(
      (
        await call(app, 'PUT', `${base}/promote?${query}`, undefined, {
          'idempotency-key': 'click-1',
        })
      ).status,
    ).toBe(200);
    expect(
      await call(app, 'PUT', `${base}/promote?${query}`, undefined, {
        'idempotency-key': 'click-1',
      }),
    ).toEqual({ status: 200, body: { operation: 'promote', outcome: 'duplicate' } });
    await expectOneStepOn();
  });
});

describe('stale writes bound to an old pod hash', () => {
  it.each([
    ['abort', 'PUT', '/abort', undefined],
    ['promote --full', 'PUT', '/promote?full=true', undefined],
    ['restart', 'PUT', '/restart', { in: '30s' }],
    ['set image (path)', 'PUT', '/set/web/shop/v9', undefined],
    ['set image (body)', 'PUT', '/set', { container: 'web', image: 'registry.example/shop:v9' }],
    ['undo', 'PUT', '/undo/1', undefined],
  ])('%s answers 409 StateChanged and changes nothing', async (_what, method, path, body) => {
    const old = await pausedAtStep2();
    await w.setImage('registry.example/shop:v3');
    await w.advance(3000);
    const before = await w.rollout();
    const sep = path.includes('?') ? '&' : '?';
    // The state goes in the query, or in the JSON body next to the other fields.
    const res = body
      ? await call(apiApp(w), method, `${base}${path}`, {
          ...body,
          stepIndex: 1,
          podHash: old.podHash,
        })
      : await call(apiApp(w), method, `${base}${path}${sep}${old.query}`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      error: 'StateChanged',
      current: { stepIndex: 1, podHash: before.status?.currentPodHash },
    });
    expect(res.body.message).toContain(
      `pod hash ${old.podHash} → ${before.status?.currentPodHash ?? ''}`,
    );
    expect((await w.rollout()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it.each([
    ['stepIndex=-1', 'invalid stepIndex "-1"'],
    ['stepIndex=one', 'invalid stepIndex "one"'],
    ['podHash=a%20b', 'invalid podHash "a b"'],
  ])('a malformed %s is a 400', async (query, message) => {
    await w.deploy();
    const res = await call(apiApp(w), 'PUT', `${base}/abort?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });
});
