import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { sign, SIGNATURE_HEADER, type Hint } from '../../src/http/hooks/index.js';

const SECRET = 'hook-secret-value';

function aRolloutEvent(name: string, overrides: { type?: string; namespace?: string } = {}) {
  return { type: overrides.type ?? 'MODIFIED', object: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', metadata: { name, namespace: overrides.namespace ?? 'default' } } };
}

function anApp(onHints: (hints: Hint[]) => Promise<void> = () => Promise.resolve()) {
  const received: Hint[][] = [];
  const logs: string[] = [];
  const app = buildApp({
    runtime: 'node',
    version: 't',
    kubeHook: {
      secret: SECRET,
      onHints: async (hints) => {
        received.push(hints);
        await onHints(hints);
      },
      log: (line) => logs.push(line),
    },
  });
  return { app, received, logs };
}

async function deliver(app: ReturnType<typeof anApp>['app'], body: string, headers: Record<string, string | undefined> = {}) {
  const h: Record<string, string> = { 'content-type': 'application/json', [SIGNATURE_HEADER]: await sign(SECRET, body) };
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) delete h[k];
    else h[k] = v;
  }
  const res = await app.request('/hooks/kube', { method: 'POST', headers: h, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /hooks/kube', () => {
  it('accepts a signed watch event with 202 and hands over its hint', async () => {
    const { app, received } = anApp();
    const res = await deliver(app, JSON.stringify(aRolloutEvent('web')));
    expect(res).toEqual({ status: 202, body: { accepted: 1, events: 1 } });
    expect(received).toEqual([[{ kind: 'Rollout', namespace: 'default', name: 'web' }]]);
  });

  it('turns a batch of 3 into 3 hints in one call', async () => {
    const { app, received } = anApp();
    const body = JSON.stringify({ events: [aRolloutEvent('a'), aRolloutEvent('b', { type: 'ADDED' }), aRolloutEvent('c', { type: 'DELETED', namespace: 'team' })] });
    const res = await deliver(app, body);
    expect(res).toEqual({ status: 202, body: { accepted: 3, events: 3 } });
    expect(received).toEqual([
      [
        { kind: 'Rollout', namespace: 'default', name: 'a' },
        { kind: 'Rollout', namespace: 'default', name: 'b' },
        { kind: 'Rollout', namespace: 'team', name: 'c' },
      ],
    ]);
  });

  it('accepts events that name nothing of ours without calling onHints', async () => {
    const { app, received } = anApp();
    const cm = { type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default' } } };
    expect(await deliver(app, JSON.stringify(cm))).toEqual({ status: 202, body: { accepted: 0, events: 1 } });
    expect(received).toEqual([]);
  });

  it.each([
    ['a tampered body', 401, async (body: string) => ({ body: body.replace('web', 'wex') })],
    ['a missing signature header', 401, () => Promise.resolve({ headers: { [SIGNATURE_HEADER]: undefined } })],
    ['a malformed signature header', 401, () => Promise.resolve({ headers: { [SIGNATURE_HEADER]: 'sha1=abc' } })],
    ['a signature made with another secret', 401, async (body: string) => ({ headers: { [SIGNATURE_HEADER]: await sign('other-secret', body) } })],
    ['a wrong content type', 415, () => Promise.resolve({ headers: { 'content-type': 'text/plain' } })],
    ['no content type', 415, () => Promise.resolve({ headers: { 'content-type': undefined } })],
  ])('rejects %s with %i and hands over nothing', async (_what, status, change) => {
    const { app, received } = anApp();
    const body = JSON.stringify(aRolloutEvent('web'));
    const c: { body?: string; headers?: Record<string, string | undefined> } = await change(body);
    const h: Record<string, string | undefined> = { [SIGNATURE_HEADER]: await sign(SECRET, body), ...c.headers };
    const res = await deliver(app, c.body ?? body, h);
    expect(res.status).toBe(status);
    expect(received).toEqual([]);
  });

  it('checks the content type before the signature', async () => {
    const { app } = anApp();
    expect((await deliver(app, 'x', { 'content-type': 'text/plain', [SIGNATURE_HEADER]: undefined })).status).toBe(415);
  });

  it.each([
    ['malformed JSON', '{"type": "ADDED", '],
    ['a JSON array', '[]'],
    ['an unknown event type', JSON.stringify({ type: 'BOOKMARKED', object: { kind: 'Rollout', metadata: { name: 'x' } } })],
    ['an object without a name', JSON.stringify({ type: 'ADDED', object: { kind: 'Rollout', metadata: {} } })],
    ['a batch with one bad event', JSON.stringify({ events: [aRolloutEvent('a'), { type: 'ADDED' }] })],
    ['a batch that is not an array', JSON.stringify({ events: {} })],
  ])('answers 400 for %s even with a valid signature', async (_what, body) => {
    const { app, received } = anApp();
    const res = await deliver(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('BadRequest');
    expect(received).toEqual([]);
  });

  it('answers 413 for a body above the limit', async () => {
    const app = buildApp({ runtime: 'node', version: 't', kubeHook: { secret: SECRET, onHints: () => Promise.resolve(), maxBodyBytes: 64 } });
    const res = await deliver(app, JSON.stringify({ events: [aRolloutEvent('a'), aRolloutEvent('b')] }));
    expect(res.status).toBe(413);
  });

  it('answers 503 when the hints cannot be enqueued, so the relay redelivers', async () => {
    const { app } = anApp(() => Promise.reject(new Error('queue full')));
    const res = await deliver(app, JSON.stringify(aRolloutEvent('web')));
    expect(res.status).toBe(503);
  });

  it('never echoes or logs the secret or the signature', async () => {
    const { app, logs } = anApp();
    const body = JSON.stringify(aRolloutEvent('web'));
    const wrong = await sign('other-secret', body);
    const res = await deliver(app, body, { [SIGNATURE_HEADER]: wrong });
    const seen = `${JSON.stringify(res.body)} ${logs.join('\n')}`;
    expect(logs.length).toBeGreaterThan(0);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(wrong.slice(7, 20));
  });

  it('is not mounted unless configured', async () => {
    const res = await buildApp({ runtime: 'node', version: 't' }).request('/hooks/kube', { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('sign', () => {
  it('matches the HMAC-SHA256 test vector of RFC 4231 case 2', async () => {
    expect(await sign('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});
