import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient, type RetryOptions } from '../../../src/adapters/kube/index.js';
import { startDevCluster, type DevCluster } from '../../../src/devcluster/index.js';
import { failure } from '../../support/kube-failure.js';
import { fetchLosingAnswers } from '../../support/lost-answers.js';

const CM = '/api/v1/namespaces/default/configmaps';
const status =
  (code: number, reason: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(
      JSON.stringify({
        kind: 'Status',
        status: 'Failure',
        code,
        reason,
        message: `injected ${code}`,
      }),
      { status: code, headers: { 'content-type': 'application/json', ...headers } },
    );
const ok =
  (body: unknown = { metadata: { name: 'a' } }) =>
  () =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
const drop = () => {
  throw new TypeError('fetch failed: other side closed');
};

/** A client over a scripted server (one answer per attempt, the last repeating) on a fake clock. */
function scripted(answers: Array<() => Response>, retry: RetryOptions = {}) {
  const clock = { now: Date.parse('2026-12-06T12:00:00Z'), sleeps: [] as number[] };
  let calls = 0;
  const kube = new KubeClient({
    server: 'http://kube.test',
    fetch: () => {
      const answer = answers[Math.min(calls++, answers.length - 1)] ?? drop;
      return Promise.resolve().then(answer);
    },
    retry: {
      random: () => 0.5,
      now: () => clock.now,
      sleep: (ms) => {
        clock.sleeps.push(ms);
        clock.now += ms;
        return Promise.resolve();
      },
      ...retry,
    },
  });
  return { kube, clock, calls: () => calls };
}

describe('KubeClient repeats what is safe to repeat', () => {
  it('reads through a 503, a dropped connection and a 500, backing off each time', async () => {
    const s = scripted([
      status(503, 'ServiceUnavailable'),
      drop,
      status(500, 'InternalError'),
      ok(),
    ]);
    expect(await s.kube.get(`${CM}/a`)).toEqual({ metadata: { name: 'a' } });
    expect(s.calls()).toBe(4);
    expect(s.clock.sleeps).toEqual([75, 150, 300]);
  });

  it.each([
    ['delay-seconds', '2', 2000],
    ['an HTTP-date', 'Sun, 06 Dec 2026 12:00:03 GMT', 3000],
  ])('honours Retry-After as %s on a 429, for any request', async (_form, header, waited) => {
    const s = scripted([status(429, 'TooManyRequests', { 'retry-after': header }), ok()]);
    await s.kube.mergePatch(`${CM}/a`, { data: { unguarded: 'yes' } });
    expect(s.clock.sleeps).toEqual([waited]);
  });

  it.each([
    ['a 500', status(500, 'InternalError')],
    ['a 503 without Retry-After', status(503, 'ServiceUnavailable')],
    ['a dropped connection', drop],
  ])(
    'sends an unguarded merge patch once through %s: it may have landed',
    async (_what, answer) => {
      const s = scripted([answer, ok()]);
      const e = await failure(s.kube.mergePatch(`${CM}/a`, { data: { unguarded: 'yes' } }));
      expect(e).toMatchObject({ attempts: 1, retryable: true });
      expect(s.calls()).toBe(1);
    },
  );

  it('repeats a resourceVersion-guarded patch and a named create, but not a generateName create', async () => {
    const guarded = scripted([drop, ok()]);
    await guarded.kube.mergePatch(`${CM}/a`, {
      metadata: { resourceVersion: '7' },
      data: { v: '1' },
    });
    expect(guarded.calls()).toBe(2);
    const named = scripted([drop, status(409, 'AlreadyExists')]);
    expect(
      (await failure(named.kube.create(CM, { metadata: { name: 'a' } }))).isAlreadyExists,
    ).toBe(true);
    expect(named.calls()).toBe(2);
    const generated = scripted([drop, ok()]);
    await failure(generated.kube.create(CM, { metadata: { generateName: 'a-' } }));
    expect(generated.calls()).toBe(1);
  });

  it('never repeats a 409 Conflict: callers re-plan on it', async () => {
    const s = scripted([status(409, 'Conflict'), ok()]);
    expect(
      (await failure(s.kube.replace(`${CM}/a`, { metadata: { name: 'a', resourceVersion: '7' } })))
        .isConflict,
    ).toBe(true);
    expect(s.calls()).toBe(1);
  });

  it('gives up within its budget with a typed error that counts the attempts', async () => {
    const s = scripted([status(503, 'ServiceUnavailable')], { budgetMs: 2000, maxAttempts: 100 });
    const e = await failure(s.kube.get(`${CM}/a`));
    expect(e).toMatchObject({ code: 'KubeApiError', status: 503, retryable: true });
    expect(e.attempts).toBe(s.calls());
    expect(e.attempts).toBeGreaterThan(3);
    expect(e.message).toMatch(/gave up after \d+ attempts/);
    expect(s.clock.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2000);
  });

  it('stops at once when the server asks for a wait longer than the budget', async () => {
    const s = scripted([status(429, 'TooManyRequests', { 'retry-after': '60' })], {
      budgetMs: 5000,
    });
    expect((await failure(s.kube.get(`${CM}/a`))).status).toBe(429);
    expect(s.calls()).toBe(1);
  });

  it('takes a disruption budget refusal (429) of an eviction as the answer', async () => {
    const s = scripted([status(429, 'TooManyRequests', { 'retry-after': '1' })]);
    expect((await s.kube.evict('default', 'p')).evicted).toBe(false);
    expect(s.calls()).toBe(1);
  });
});

describe('KubeClient after a guarded write whose answer was lost', () => {
  let cluster: DevCluster;
  beforeAll(async () => {
    cluster = await startDevCluster({ simulate: false });
  });
  afterAll(() => cluster.close());

  /** The first PATCH lands on the server but its answer is dropped. */
  const losingFirstAnswer = () =>
    new KubeClient({
      server: cluster.url,
      retry: { sleep: () => Promise.resolve() },
      fetch: fetchLosingAnswers('PATCH', 1),
    });

  it('reports success when the object shows the write, instead of a conflict with itself', async () => {
    const direct = new KubeClient({ server: cluster.url });
    const cm = await direct.create<{ metadata: { resourceVersion: string } }>(CM, {
      metadata: { name: 'landed' },
      data: { step: '1' },
    });
    const patched = await losingFirstAnswer().mergePatch<{ data: Record<string, string> }>(
      `${CM}/landed`,
      { metadata: { resourceVersion: cm.metadata.resourceVersion }, data: { step: '2' } },
    );
    expect(patched.data).toEqual({ step: '2' });
  });

  it('still reports the conflict when someone else wrote meanwhile', async () => {
    const direct = new KubeClient({ server: cluster.url });
    const cm = await direct.create<{ metadata: { resourceVersion: string } }>(CM, {
      metadata: { name: 'raced' },
      data: { step: '1' },
    });
    await direct.mergePatch(`${CM}/raced`, { data: { step: '9' } });
    const e = await failure(
      losingFirstAnswer().mergePatch(`${CM}/raced`, {
        metadata: { resourceVersion: cm.metadata.resourceVersion },
        data: { step: '2' },
      }),
    );
    expect(e.isConflict).toBe(true);
  });
});
