import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import {
  DELIVERY_HEADER,
  sign,
  signDelivery,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  type KubeHookOptions,
} from '../../src/http/hooks/index.js';
import type { Hint } from '../../src/domain/hint.js';

const SECRET = 'hook-secret-value';
const NEXT_SECRET = 'rotated-secret-value';
const NOW_MS = 1_750_000_000_000;
const NOW = NOW_MS / 1000;

function aRolloutEvent(name: string, overrides: { type?: string; namespace?: string } = {}) {
  return {
    type: overrides.type ?? 'MODIFIED',
    object: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name, namespace: overrides.namespace ?? 'default' },
    },
  };
}

/** The hook behind the app, with a clock the test moves, recording what it hands over and logs. */
function aHook(overrides: Partial<KubeHookOptions> = {}) {
  const received: Hint[][] = [];
  const logs: string[] = [];
  const clock = { ms: NOW_MS };
  const app = buildApp({
    runtime: 'node',
    version: 't',
    kubeHook: {
      secret: SECRET,
      now: () => clock.ms,
      log: (line) => logs.push(line),
      ...overrides,
      onHints: async (hints) => {
        received.push(hints);
        await overrides.onHints?.(hints);
      },
    },
  });
  return { app, received, logs, clock };
}

let ids = 0;
const aDeliveryId = () => `delivery-${String(++ids).padStart(4, '0')}`;

interface DeliveryOverrides {
  body?: string;
  secret?: string;
  timestamp?: number;
  deliveryId?: string;
  /** Header overrides applied after signing; undefined removes a header. */
  headers?: Record<string, string | undefined>;
}

/** The request of a correctly signed delivery of `body`, then changed by `overrides`. */
async function aDelivery(
  overrides: DeliveryOverrides = {},
): Promise<{ body: string; headers: Record<string, string> }> {
  const body = overrides.body ?? JSON.stringify(aRolloutEvent('web'));
  const signed = await signDelivery(overrides.secret ?? SECRET, body, {
    timestamp: overrides.timestamp ?? NOW,
    deliveryId: overrides.deliveryId ?? aDeliveryId(),
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...signed };
  for (const [k, v] of Object.entries(overrides.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return { body, headers };
}

async function post(
  app: ReturnType<typeof aHook>['app'],
  delivery: { body: string | Uint8Array; headers: Record<string, string> },
) {
  const res = await app.request('/hooks/kube', {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('POST /hooks/kube', () => {
  it('accepts a signed watch event with 202 and hands over its hint', async () => {
    const { app, received } = aHook();
    const res = await post(app, await aDelivery());
    expect(res).toEqual({ status: 202, body: { accepted: 1, events: 1 } });
    expect(received).toEqual([[{ kind: 'Rollout', namespace: 'default', name: 'web' }]]);
  });

  it('turns a batch of 3 into 3 hints in one call', async () => {
    const { app, received } = aHook();
    const body = JSON.stringify({
      events: [
        aRolloutEvent('a'),
        aRolloutEvent('b', { type: 'ADDED' }),
        aRolloutEvent('c', { type: 'DELETED', namespace: 'team' }),
      ],
    });
    const res = await post(app, await aDelivery({ body }));
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
    const { app, received } = aHook();
    const cm = {
      type: 'ADDED',
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'x', namespace: 'default' },
      },
    };
    expect(await post(app, await aDelivery({ body: JSON.stringify(cm) }))).toEqual({
      status: 202,
      body: { accepted: 0, events: 1 },
    });
    expect(received).toEqual([]);
  });

  describe('refuses, before parsing, and hands over nothing', () => {
    const body = JSON.stringify(aRolloutEvent('web'));
    const cases: Array<
      [string, number, () => Promise<{ body: string; headers: Record<string, string> }>]
    > = [
      [
        'an unsigned delivery',
        401,
        () =>
          aDelivery({
            headers: {
              [SIGNATURE_HEADER]: undefined,
              [TIMESTAMP_HEADER]: undefined,
              [DELIVERY_HEADER]: undefined,
            },
          }),
      ],
      [
        'a delivery without a signature',
        401,
        () => aDelivery({ headers: { [SIGNATURE_HEADER]: undefined } }),
      ],
      [
        'a malformed signature header',
        401,
        () => aDelivery({ headers: { [SIGNATURE_HEADER]: 'sha1=abc' } }),
      ],
      [
        'a forged signature',
        401,
        () => aDelivery({ headers: { [SIGNATURE_HEADER]: `sha256=${'ab'.repeat(32)}` } }),
      ],
      [
        'a tampered body',
        401,
        async () => ({ ...(await aDelivery({ body })), body: body.replace('web', 'wex') }),
      ],
      ['a signature made with another secret', 401, () => aDelivery({ secret: 'other-secret' })],
      [
        'a body-only (legacy) signature',
        401,
        async () =>
          aDelivery({
            headers: {
              [SIGNATURE_HEADER]: await sign(SECRET, body),
              [TIMESTAMP_HEADER]: undefined,
              [DELIVERY_HEADER]: undefined,
            },
          }),
      ],
      [
        'a timestamp changed after signing',
        401,
        () => aDelivery({ headers: { [TIMESTAMP_HEADER]: String(NOW + 1) } }),
      ],
      [
        'a delivery id changed after signing',
        401,
        () =>
          aDelivery({
            deliveryId: 'delivery-aaaa',
            headers: { [DELIVERY_HEADER]: 'delivery-bbbb' },
          }),
      ],
      ['a missing timestamp', 401, () => aDelivery({ headers: { [TIMESTAMP_HEADER]: undefined } })],
      [
        'a missing delivery id',
        401,
        () => aDelivery({ headers: { [DELIVERY_HEADER]: undefined } }),
      ],
      [
        'a fractional timestamp',
        401,
        () => aDelivery({ headers: { [TIMESTAMP_HEADER]: `${NOW}.5` } }),
      ],
      ['a delivery id with a dot', 401, () => aDelivery({ deliveryId: 'delivery.1234' })],
      ['a stale timestamp (301 s old)', 401, () => aDelivery({ timestamp: NOW - 301 })],
      ['a future timestamp (301 s ahead)', 401, () => aDelivery({ timestamp: NOW + 301 })],
      [
        'an oversized body (limit 200 bytes)',
        413,
        () =>
          aDelivery({ body: JSON.stringify({ events: [aRolloutEvent('a'), aRolloutEvent('b')] }) }),
      ],
      ['a wrong content type', 415, () => aDelivery({ headers: { 'content-type': 'text/plain' } })],
      ['no content type', 415, () => aDelivery({ headers: { 'content-type': undefined } })],
      [
        'malformed JSON with a valid signature',
        400,
        () => aDelivery({ body: '{"type": "ADDED", ' }),
      ],
    ];
    it.each(cases)('%s: %i', async (_what, status, delivery) => {
      const { app, received } = aHook({ maxBodyBytes: 200 });
      const res = await post(app, await delivery());
      expect(res.status).toBe(status);
      expect(received).toEqual([]);
    });

    it('a replayed delivery id: 409, and the hints were handed over once', async () => {
      const { app, received } = aHook();
      const delivery = await aDelivery();
      expect((await post(app, delivery)).status).toBe(202);
      expect(await post(app, delivery)).toMatchObject({ status: 409, body: { error: 'Conflict' } });
      expect(received).toHaveLength(1);
    });

    it('a replayed delivery id after the window: 401, as stale', async () => {
      const { app, received, clock } = aHook();
      const delivery = await aDelivery();
      expect((await post(app, delivery)).status).toBe(202);
      clock.ms += 301_000;
      expect((await post(app, delivery)).status).toBe(401);
      expect(received).toHaveLength(1);
    });

    it('a reused delivery id with a new signed body: 409', async () => {
      const { app, received } = aHook();
      expect((await post(app, await aDelivery({ deliveryId: 'same-id-0001' }))).status).toBe(202);
      expect(
        (
          await post(
            app,
            await aDelivery({
              deliveryId: 'same-id-0001',
              body: JSON.stringify(aRolloutEvent('other')),
            }),
          )
        ).status,
      ).toBe(409);
      expect(received).toHaveLength(1);
    });
  });

  it('takes fifty concurrent copies of one delivery exactly once', async () => {
    const { app, received } = aHook();
    const delivery = await aDelivery();
    const statuses = await Promise.all(
      Array.from({ length: 50 }, async () => (await post(app, delivery)).status),
    );
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(received).toHaveLength(1);
  });

  it.each([
    ['exactly 300 s old', NOW - 300],
    ['exactly 300 s ahead', NOW + 300],
  ])('accepts a timestamp %s', async (_what, timestamp) => {
    const { app, received } = aHook();
    expect((await post(app, await aDelivery({ timestamp }))).status).toBe(202);
    expect(received).toHaveLength(1);
  });

  describe('secret rotation', () => {
    it.each([
      ['the current secret', SECRET],
      ['the rotated second secret', NEXT_SECRET],
    ])('accepts a delivery signed with %s', async (_what, secret) => {
      const { app, received } = aHook({ secret: [SECRET, NEXT_SECRET] });
      expect((await post(app, await aDelivery({ secret }))).status).toBe(202);
      expect(received).toEqual([[{ kind: 'Rollout', namespace: 'default', name: 'web' }]]);
    });

    it('refuses a secret that is in neither slot', async () => {
      const { app, received } = aHook({ secret: [SECRET, NEXT_SECRET] });
      expect((await post(app, await aDelivery({ secret: 'retired-secret' }))).status).toBe(401);
      expect(received).toEqual([]);
    });

    it.each([
      ['no secrets', []],
      ['three secrets', ['a', 'b', 'c']],
      ['an empty secret', ''],
      ['an empty second secret', ['a', '']],
    ])('refuses to start with %s', (_what, secret) => {
      expect(() => aHook({ secret })).toThrow(/kubeHook\.secret/);
    });
  });

  describe('legacy body-only signatures', () => {
    const body = JSON.stringify(aRolloutEvent('web'));
    const legacy = async (secret = SECRET) => ({
      body,
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: await sign(secret, body) },
    });

    it('are accepted when legacySignatures is on', async () => {
      const { app, received } = aHook({ legacySignatures: true });
      expect((await post(app, await legacy())).status).toBe(202);
      expect(received).toHaveLength(1);
    });

    it('still need the right secret', async () => {
      const { app, received } = aHook({ legacySignatures: true });
      expect((await post(app, await legacy('other-secret'))).status).toBe(401);
      expect(received).toEqual([]);
    });

    it('cannot be mixed with the new headers (no downgrade of a timestamped delivery)', async () => {
      const { app, received } = aHook({ legacySignatures: true });
      const res = await post(app, {
        body,
        headers: {
          ...(await legacy()).headers,
          [TIMESTAMP_HEADER]: String(NOW),
          [DELIVERY_HEADER]: aDeliveryId(),
        },
      });
      expect(res.status).toBe(401);
      expect(received).toEqual([]);
    });

    it('leave the new protocol fully checked', async () => {
      const { app, received } = aHook({ legacySignatures: true });
      expect((await post(app, await aDelivery({ timestamp: NOW - 301 }))).status).toBe(401);
      expect(received).toEqual([]);
    });
  });

  describe('plain Kubernetes watch events, as relays such as Argo Events or Knative can be set to post', () => {
    // A watch event as the API server streams it: the whole object, spec, status and managedFields included.
    const watchEvent = (type: string) => ({
      type,
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        metadata: {
          name: 'shop',
          namespace: 'prod',
          uid: 'u-1',
          resourceVersion: '42',
          generation: 3,
          labels: { app: 'shop' },
          managedFields: [{ manager: 'kubectl', operation: 'Update' }],
        },
        spec: { replicas: 5, strategy: { canary: { steps: [{ setWeight: 20 }] } } },
        status: { currentStepIndex: 0, phase: 'Progressing' },
      },
    });

    it.each(['ADDED', 'MODIFIED', 'DELETED'])('takes a bare %s event as one hint', async (type) => {
      const { app, received } = aHook();
      const res = await post(app, await aDelivery({ body: JSON.stringify(watchEvent(type)) }));
      expect(res).toEqual({ status: 202, body: { accepted: 1, events: 1 } });
      expect(received).toEqual([[{ kind: 'Rollout', namespace: 'prod', name: 'shop' }]]);
    });

    it('takes a Pod event as a hint for its ReplicaSet', async () => {
      const { app, received } = aHook();
      const pod = {
        type: 'MODIFIED',
        object: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name: 'shop-abc-1',
            namespace: 'prod',
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'shop-abc', controller: true },
            ],
          },
          status: { phase: 'Running' },
        },
      };
      expect((await post(app, await aDelivery({ body: JSON.stringify(pod) }))).status).toBe(202);
      expect(received).toEqual([[{ kind: 'ReplicaSet', namespace: 'prod', name: 'shop-abc' }]]);
    });

    it('keeps the size limit for a bare event', async () => {
      const { app, received } = aHook({ maxBodyBytes: 256 });
      const big = watchEvent('MODIFIED');
      const res = await post(
        app,
        await aDelivery({
          body: JSON.stringify({
            ...big,
            object: {
              ...big.object,
              metadata: { ...big.object.metadata, annotations: { note: 'x'.repeat(300) } },
            },
          }),
        }),
      );
      expect(res.status).toBe(413);
      expect(received).toEqual([]);
    });

    it.each([
      [
        'an Argo Events resource event (ADD/UPDATE/DELETE with `body`)',
        { type: 'UPDATE', body: watchEvent('MODIFIED').object },
      ],
      [
        'a Knative ApiServerSource Resource-mode payload (the object alone)',
        watchEvent('MODIFIED').object,
      ],
    ])(
      'answers 400 for %s: such relays must map their payload to {type, object}',
      async (_what, payload) => {
        const { app, received } = aHook();
        expect((await post(app, await aDelivery({ body: JSON.stringify(payload) }))).status).toBe(
          400,
        );
        expect(received).toEqual([]);
      },
    );
  });

  it.each([
    ['a JSON array', '[]'],
    [
      'an unknown event type',
      JSON.stringify({ type: 'BOOKMARKED', object: { kind: 'Rollout', metadata: { name: 'x' } } }),
    ],
    [
      'an object without a name',
      JSON.stringify({ type: 'ADDED', object: { kind: 'Rollout', metadata: {} } }),
    ],
    [
      'a batch with one bad event',
      JSON.stringify({ events: [aRolloutEvent('a'), { type: 'ADDED' }] }),
    ],
    ['a batch that is not an array', JSON.stringify({ events: {} })],
  ])('answers 400 for %s even with a valid signature', async (_what, body) => {
    const { app, received } = aHook();
    const res = await post(app, await aDelivery({ body }));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('BadRequest');
    expect(received).toEqual([]);
  });

  it('checks the content type before the signature', async () => {
    const { app } = aHook();
    expect(
      (
        await post(
          app,
          await aDelivery({
            headers: { 'content-type': 'text/plain', [SIGNATURE_HEADER]: undefined },
          }),
        )
      ).status,
    ).toBe(415);
  });

  it('answers 503 when the hints cannot be enqueued, and takes the same delivery when it comes again', async () => {
    let full = true;
    const { app, received } = aHook({
      onHints: () => (full ? Promise.reject(new Error('queue full')) : Promise.resolve()),
    });
    const delivery = await aDelivery();
    expect((await post(app, delivery)).status).toBe(503);
    full = false;
    expect((await post(app, delivery)).status).toBe(202);
    expect(received).toHaveLength(2);
  });

  it('answers 503, never lets a replay through, when more deliveries arrive in the window than it remembers', async () => {
    const { app, received, clock } = aHook({ maxDeliveryIds: 3 });
    const first = await aDelivery({ timestamp: NOW });
    expect((await post(app, first)).status).toBe(202);
    clock.ms += 1000;
    for (let i = 0; i < 3; i++)
      expect((await post(app, await aDelivery({ timestamp: NOW + 1 }))).status).toBe(202);
    // `first` has been forgotten; its timestamp is now the floor, so its replay is refused, retryably.
    expect((await post(app, first)).status).toBe(503);
    expect(received).toHaveLength(4);
  });

  it('never echoes or logs the secret or the signature', async () => {
    const { app, logs } = aHook();
    const delivery = await aDelivery({ secret: 'other-secret' });
    const res = await post(app, delivery);
    const seen = `${JSON.stringify(res.body)} ${logs.join('\n')}`;
    expect(logs.length).toBeGreaterThan(0);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain(delivery.headers[SIGNATURE_HEADER]?.slice(7, 20));
  });

  it('is not mounted unless configured', async () => {
    const res = await buildApp({ runtime: 'node', version: 't' }).request('/hooks/kube', {
      method: 'POST',
    });
    expect(res.status).toBe(404);
  });

  it('never answers 5xx to random headers and bodies, and hands over nothing it did not verify', async () => {
    const { app, received } = aHook({ maxBodyBytes: 512 });
    const headerValue = fc.oneof(
      fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
      fc.constant(undefined),
    );
    const signature = fc.oneof(
      headerValue,
      fc
        .uint8Array({ minLength: 32, maxLength: 32 })
        .map((b) => `sha256=${Buffer.from(b).toString('hex')}`),
    );
    const timestamp = fc.oneof(
      headerValue,
      fc.integer({ min: NOW - 400, max: NOW + 400 }).map(String),
    );
    const body = fc.oneof(
      fc.string({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 600 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
    );
    const contentType = fc.oneof(
      headerValue,
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          contentType,
          signature,
          timestamp,
          delivery: headerValue,
          length: headerValue,
          body,
        }),
        async (r) => {
          const headers: Record<string, string> = {};
          const set = (k: string, v: string | undefined) => v !== undefined && (headers[k] = v);
          set('content-type', r.contentType);
          set(SIGNATURE_HEADER, r.signature);
          set(TIMESTAMP_HEADER, r.timestamp);
          set(DELIVERY_HEADER, r.delivery);
          set('content-length', r.length);
          const res = await app.request('/hooks/kube', { method: 'POST', headers, body: r.body });
          expect(res.status).toBeLessThan(500);
          expect(received).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx to random bodies that are correctly signed', async () => {
    const { app } = aHook({ maxBodyBytes: 2048 });
    const event = fc.record(
      {
        type: fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'ERROR'),
        object: fc.record(
          {
            apiVersion: fc.constantFrom('v1', 'apps/v1', 'argoproj.io/v1alpha1', 7),
            kind: fc.constantFrom('Rollout', 'Pod', 'Service', 'ReplicaSet', 'AnalysisRun', null),
            metadata: fc.record(
              {
                name: fc.string(),
                namespace: fc.option(fc.string()),
                ownerReferences: fc.anything(),
              },
              { requiredKeys: [] },
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
      event.map((e) => JSON.stringify(e)),
      fc.array(event, { maxLength: 5 }).map((events) => JSON.stringify({ events })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await app.request('/hooks/kube', {
          method: 'POST',
          ...(await aDelivery({ body: b })),
        });
        expect([202, 400, 413]).toContain(res.status);
      }),
      { numRuns: 300 },
    );
  });
});

describe('sign', () => {
  it('matches the HMAC-SHA256 test vector of RFC 4231 case 2', async () => {
    expect(await sign('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('signs a delivery over "<timestamp>.<delivery id>.<raw body>"', async () => {
    const headers = await signDelivery('Jefe', '{}', {
      timestamp: 1700000000,
      deliveryId: 'abcdefgh',
    });
    expect(headers).toEqual({
      [TIMESTAMP_HEADER]: '1700000000',
      [DELIVERY_HEADER]: 'abcdefgh',
      [SIGNATURE_HEADER]: await sign('Jefe', '1700000000.abcdefgh.{}'),
    });
  });
});
