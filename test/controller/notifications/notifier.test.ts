import { afterEach, describe, expect, it } from 'vitest';
import { executeHint } from '../../../src/controller/dispatch/index.js';
import { CONFIG_ERROR_REASON } from '../../../src/controller/notifications/index.js';
import { claimNotifications } from '../../../src/controller/notifications/claim-notified.js';
import { isOwnEcho, OwnWrites, recordOwnWrites } from '../../../src/controller/own-writes.js';
import { ANNOTATIONS } from '../../../src/domain/index.js';
import { formatFamilies } from '../../../src/http/metrics/index.js';
import { metricProviders } from '../../../src/providers/metrics/index.js';
import { aCanaryRollout, RO } from '../world.js';
import {
  aHookTemplate,
  type NotificationWorld,
  NOTIFICATIONS_NS,
  startNotificationWorld,
} from './notification-world.js';

const SUBSCRIBE = 'notifications.argoproj.io/subscribe';
const STEPS = [{ setWeight: 40 }, { pause: {} }];

/** Upstream's format: a webhook service, and the three built-in triggers' templates made to POST JSON. */
const config = (url: string): Record<string, string> => ({
  'service.webhook.hooks': `url: ${url}\nheaders:\n- name: Content-Type\n  value: application/json\n`,
  'template.rollout-step-completed': aHookTemplate('step-completed'),
  'template.rollout-paused': aHookTemplate('paused'),
  'template.rollout-completed': aHookTemplate('completed'),
});

const subscribed = {
  [`${SUBSCRIBE}.on-rollout-step-completed.hooks`]: '',
  [`${SUBSCRIBE}.on-rollout-paused.hooks`]: '',
  [`${SUBSCRIBE}.on-rollout-completed.hooks`]: '',
};

let nw: NotificationWorld | undefined;
afterEach(async () => {
  await nw?.close();
  nw = undefined;
});

/** Creates the annotated canary and lets its first revision become stable. */
async function deploy(world: NotificationWorld) {
  const ro = aCanaryRollout('shop', { steps: STEPS });
  await world.w.h.req('POST', RO, { ...ro, metadata: { ...ro.metadata, annotations: subscribed } });
  await world.w.settle();
  await world.w.advance(2000);
}

const bodies = (world: NotificationWorld) =>
  world.endpoint.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);

const promote = (world: NotificationWorld) =>
  world.w.h.req(
    'PATCH',
    `${RO}/shop/status`,
    { status: { pauseConditions: null } },
    'application/merge-patch+json',
  );

describe('notifier: a canary subscribed by annotation to a webhook', () => {
  it('sends step-completed, paused and completed once each, rendered from the Rollout', async () => {
    nw = await startNotificationWorld(config);
    await deploy(nw);
    await nw.main.outbox.settled();
    const first = bodies(nw);
    // The first revision goes straight to stable: completed, and nothing else.
    expect(first).toEqual([
      { event: 'completed', rollout: 'shop', step: 2, image: 'registry.example/shop:v1' },
    ]);

    await nw.w.setImage('registry.example/shop:v2');
    await nw.w.settle();
    await nw.w.advance(3000);
    await promote(nw);
    await nw.w.advance(3000);
    // Extra passes over a settled Rollout: nothing new is sent.
    await nw.w.settle();
    await nw.w.settle();
    await nw.main.outbox.settled();

    expect(bodies(nw).slice(1)).toEqual([
      { event: 'step-completed', rollout: 'shop', step: 1, image: 'registry.example/shop:v2' },
      { event: 'paused', rollout: 'shop', step: 1, image: 'registry.example/shop:v2' },
      { event: 'step-completed', rollout: 'shop', step: 2, image: 'registry.example/shop:v2' },
      { event: 'completed', rollout: 'shop', step: 2, image: 'registry.example/shop:v2' },
    ]);
    expect(nw.endpoint.received.every((r) => r.method === 'POST')).toBe(true);
    expect(nw.endpoint.received.map((r) => r.path)).toEqual([
      '/completed',
      '/step-completed',
      '/paused',
      '/step-completed',
      '/completed',
    ]);
    expect(nw.endpoint.received[0]?.headers['content-type']).toBe('application/json');
    // Each sent key is recorded on the Rollout, so a restart does not send it again.
    const notified = JSON.parse(
      (await nw.w.rollout()).metadata.annotations?.[ANNOTATIONS.notified] ?? '{}',
    ) as Record<string, number>;
    expect(Object.keys(notified)).toHaveLength(5);
    const text = formatFamilies(nw.registry.families());
    expect(text).toMatch(
      /notification_send_success\{namespace="default",name="shop",type="Normal",reason="RolloutCompleted"\} 2/,
    );
  });

  it('sends once when two notifiers handle the same committed reconcile (the claim)', async () => {
    nw = await startNotificationWorld(config);
    await deploy(nw);
    await nw.main.outbox.settled();
    const before = nw.endpoint.received.length;
    await nw.w.setImage('registry.example/shop:v2');
    // Reconcile without a notifier, then hand the same result to two notifiers at once.
    const bare = {
      kube: nw.w.kube,
      now: () => nw!.w.h.clock.now(),
      providers: metricProviders(),
      fetch: (input: string, init?: RequestInit) => fetch(input, init),
    };
    let result = await executeHint(bare, { kind: 'Rollout', namespace: 'default', name: 'shop' });
    for (
      let i = 0;
      i < 10 && !result.plan?.events.some((e) => e.reason === 'RolloutStepCompleted');
      i++
    ) {
      await nw.w.h.advance(1000);
      result = await executeHint(bare, { kind: 'Rollout', namespace: 'default', name: 'shop' });
    }
    expect(result.outcome).toBe('committed');
    const a = nw.notifications();
    const b = nw.notifications();
    const now = nw.w.h.clock.now();
    await Promise.all([
      a.notifier.afterReconcile(nw.w.kube, result, now),
      b.notifier.afterReconcile(nw.w.kube, result, now),
      // The same handler repeated (a retry of the delivery) changes nothing either.
      a.notifier.afterReconcile(nw.w.kube, result, now),
    ]);
    await Promise.all([a.outbox.settled(), b.outbox.settled()]);
    const sent = nw.endpoint.received.slice(before).map((r) => r.path);
    expect(sent).toEqual(['/step-completed']);
  });

  it('retries a 503 and delivers on the next try; a 400 is not retried', async () => {
    nw = await startNotificationWorld(config);
    nw.endpoint.respondWith(503);
    await deploy(nw);
    await nw.main.outbox.settled();
    expect(nw.endpoint.received.map((r) => r.path)).toEqual(['/completed', '/completed']);

    nw.endpoint.respondWith(400);
    await nw.w.setImage('registry.example/shop:v2');
    await nw.w.settle();
    await nw.w.advance(2000);
    await nw.main.outbox.settled();
    // step-completed refused once with 400 and dropped; paused then went through.
    expect(nw.endpoint.received.slice(2).map((r) => r.path)).toEqual([
      '/step-completed',
      '/paused',
    ]);
    const text = formatFamilies(nw.registry.families());
    expect(text).toMatch(
      /notification_send_error\{namespace="default",name="shop",type="Normal",reason="RolloutStepCompleted"\} 1/,
    );
    expect(text).toMatch(/notification_send_count\{namespace="default",name="shop"\} 3/);
  });

  it('drops a delivery whose event is older than the start minus the window', async () => {
    nw = await startNotificationWorld(config);
    await deploy(nw);
    await nw.main.outbox.settled();
    const before = nw.endpoint.received.length;
    // A controller that started an hour after these events, with a 10 minute window.
    const late = nw.notifications({
      startedAt: nw.w.h.clock.now() + 60 * 60_000,
      startWindowMs: 10 * 60_000,
    });
    nw.use(late);
    await nw.w.setImage('registry.example/shop:v2');
    await nw.w.settle();
    await nw.w.advance(2000);
    await late.outbox.settled();
    expect(nw.endpoint.received.length).toBe(before);
    // Claimed (so never sent later either), but dropped rather than sent.
    const notified = (await nw.w.rollout()).metadata.annotations?.[ANNOTATIONS.notified] ?? '';
    expect(notified).toContain('on-rollout-step-completed');
    expect(nw.logged.some((l) => l.includes('older than the start window'))).toBe(true);
  });
});

describe('notifier: a configuration with problems', () => {
  it('keeps working triggers, records one Warning Event on the ConfigMap and sets the gauge', async () => {
    nw = await startNotificationWorld(
      (url) => ({
        ...config(url),
        'template.rollout-paused': 'message: "{{.rollout.metadata.name"\n',
        'service.webhook.broken': 'url: $broken-url\nheaders: 7\n',
      }),
      { 'broken-url': 'not a url at all s3cr3t-value' },
    );
    await deploy(nw);
    await nw.w.setImage('registry.example/shop:v2');
    await nw.w.settle();
    await nw.w.advance(2000);
    await nw.main.outbox.settled();
    expect(nw.endpoint.received.map((r) => r.path)).toEqual(['/completed', '/step-completed']);

    const events = (await nw.w.h.req('GET', `/api/v1/namespaces/${NOTIFICATIONS_NS}/events`)).body
      .items as Array<{
      reason: string;
      type: string;
      message: string;
      involvedObject: { kind: string; name: string };
    }>;
    const problems = events.filter((e) => e.reason === CONFIG_ERROR_REASON);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'ConfigMap', name: 'argo-rollouts-notification-configmap' },
    });
    expect(problems[0]?.message).toContain('template.rollout-paused');
    expect(problems[0]?.message).toContain('service.webhook.broken');
    expect(problems[0]?.message).not.toContain('s3cr3t-value');
    expect(nw.logged.join('\n')).not.toContain('s3cr3t-value');
    const text = formatFamilies(nw.registry.families());
    const gauge = /notification_config_problems\{namespace="argo-rollouts"\} (\d+)/.exec(text);
    expect(Number(gauge?.[1])).toBe(problems[0]?.message.split('\n').length);
    expect(Number(gauge?.[1])).toBeGreaterThanOrEqual(2);
  });

  it('masks a Secret value a trigger reads through `secrets` when its condition fails', async () => {
    nw = await startNotificationWorld(
      (url) => ({
        ...config(url),
        'trigger.on-rollout-completed': '- when: secrets.token\n  send: [rollout-completed]\n',
      }),
      { token: 'xoxb-never-in-a-log-line' },
    );
    await deploy(nw);
    await nw.main.outbox.settled();
    const logged = nw.logged.join('\n');
    expect(logged).toContain('trigger.on-rollout-completed[0].when');
    expect(logged).not.toContain('xoxb-never-in-a-log-line');
  });
});

describe('notifier: the claim write and the watch', () => {
  it('marks the annotation write as our own echo, so it wakes no extra reconcile', async () => {
    nw = await startNotificationWorld(config);
    await deploy(nw);
    await nw.w.setImage('registry.example/shop:v2');
    const ref = { namespace: 'default', name: 'shop' };
    const written = new OwnWrites();
    const bare = {
      kube: recordOwnWrites(nw.w.kube, ref, written),
      now: () => nw!.w.h.clock.now(),
      providers: metricProviders(),
      fetch: (input: string, init?: RequestInit) => fetch(input, init),
    };
    let result = await executeHint(bare, { kind: 'Rollout', ...ref });
    for (
      let i = 0;
      i < 10 && !result.plan?.events.some((e) => e.reason === 'RolloutStepCompleted');
      i++
    ) {
      await nw.w.h.advance(1000);
      result = await executeHint(bare, { kind: 'Rollout', ...ref });
    }
    await nw.main.notifier.afterReconcile(bare.kube, result, nw.w.h.clock.now());
    const after = await nw.w.rollout();
    expect(after.metadata.annotations?.[ANNOTATIONS.notified]).toContain(
      'on-rollout-step-completed',
    );
    expect(isOwnEcho({ type: 'MODIFIED', object: { kind: 'Rollout', ...after } }, written)).toBe(
      true,
    );
  });

  it('a claim that meets a concurrent write re-reads, drops what the other recorded, claims the rest', async () => {
    nw = await startNotificationWorld(config);
    await deploy(nw);
    const committed = (await nw.w.rollout()).metadata.resourceVersion ?? '';
    const now = nw.w.h.clock.now();
    // Another handler claimed k1 after our commit: our guarded patch meets a 409.
    const k1 = JSON.stringify({ k1: Math.floor(now / 1000) });
    await nw.w.h.req(
      'PATCH',
      `${RO}/shop`,
      { metadata: { annotations: { [ANNOTATIONS.notified]: k1 } } },
      'application/merge-patch+json',
    );
    const ref = { namespace: 'default', name: 'shop' };
    expect(await claimNotifications(nw.w.kube, ref, committed, {}, ['k1', 'k2'], now)).toEqual([
      'k2',
    ]);
    const recorded = JSON.parse(
      (await nw.w.rollout()).metadata.annotations?.[ANNOTATIONS.notified] ?? '{}',
    ) as Record<string, number>;
    expect(Object.keys(recorded).sort()).toEqual(['k1', 'k2']);
    // Everything already recorded: nothing to claim, nothing written.
    const version = (await nw.w.rollout()).metadata.resourceVersion;
    expect(await claimNotifications(nw.w.kube, ref, committed, {}, ['k1', 'k2'], now)).toEqual([]);
    expect((await nw.w.rollout()).metadata.resourceVersion).toBe(version);
  });
});
