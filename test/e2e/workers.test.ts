import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RESOURCES, type Relay, startRelay } from '../../src/relay/index.js';
import { kubeClientFor } from '../../src/runtime/node/index.js';
import { describeOnBackends } from '../support/backends.js';
import { FIXTURES, managersOf, selectorOf } from './support/journey.js';
import {
  itFollowsTheNotificationJourney,
  loggedBody,
  type NotificationJourney,
  startNotificationJourney,
} from './support/notification-journey.js';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.js';

// The Worker (functions/worker.ts) under `wrangler dev`, fed by the watch relay, reconciling on
// either backend. On the real one it reaches kube-apiserver over TLS signed by the cluster's own CA
// (trusted through NODE_EXTRA_CA_CERTS) with the static bearer token (--token-auth-file). Client
// certificates cannot work there: an `mtls_certificates` binding needs Cloudflare (README).
// Then issue 20's notification journey (test/e2e/notifications.test.ts) with the Worker as the
// controller: its Durable Objects send the messages, its `/hooks/slack` takes the approvals.

const canary = ['rollout', 'storefront-canary'];

describeOnBackends('the Worker under wrangler dev', { controller: false }, (bed) => {
  let worker: WranglerDev | undefined;
  let relay: Relay | undefined;
  let journey: NotificationJourney | undefined;
  const notifying = () => {
    if (!journey) throw new Error('the notification journey did not start');
    return journey;
  };

  beforeAll(async () => {
    const secret = randomBytes(16).toString('base64url');
    worker = await startWranglerDev({
      dir: bed.dir,
      bindings: { KUBE_SERVER: bed.server, KUBE_TOKEN: bed.bearerToken, HOOK_SECRET: secret },
      ...(bed.caFile ? { caFile: bed.caFile } : {}),
    });
    relay = startRelay({
      kube: kubeClientFor(bed.kube),
      target: `${worker.url}/hooks/kube`,
      secret,
      resources: DEFAULT_RESOURCES,
      log: () => undefined,
    });
  }, 90_000);

  afterAll(async () => {
    await journey?.sink.close();
    await relay?.stop();
    await worker?.stop();
  }, 30_000);

  it('answers /healthz from workerd', async () => {
    const res = await fetch(`${worker?.url ?? ''}/healthz`);
    expect(await res.json()).toMatchObject({ status: 'ok', runtime: 'workers' });
  });

  it('brings the canary example to Healthy with 4 ready pods', async () => {
    await bed.ok('apply', '-f', join(FIXTURES, 'rollout-canary.yaml'));
    const status = '{.status.phase} {.status.readyReplicas}';
    expect(await bed.until(canary, status, 'Healthy 4')).toBe('Healthy 4');
  }, 90_000);

  it('pauses an image update at the first step: 1 canary pod of 4', async () => {
    await bed.ok(
      'patch',
      ...canary,
      '--type=merge',
      '-p',
      '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.26"}]}}}}',
    );
    const status = '{.status.phase} {.status.currentStepIndex} {.status.updatedReplicas}';
    expect(await bed.until(canary, status, 'Paused 1 1')).toBe('Paused 1 1');
  }, 90_000);

  it('credits its writes to serverless-rollouts in managedFields', async () => {
    expect(await managersOf(bed, ...canary)).toContain('serverless-rollouts/Update/status');
    const replicaSets = await managersOf(bed, 'rs', '-l', selectorOf('storefront-canary'));
    expect(replicaSets).toContain('serverless-rollouts/Update/');
    expect(replicaSets.join(' ')).not.toMatch(/unknown/);
  });

  it('reconciles an annotated canary to Healthy with the notification ConfigMap applied', async () => {
    // The webhook refuses the first step-completed message: the Durable Object must retry it
    // after its alarm has returned (the outbox sends off the reconcile's path).
    journey = await startNotificationJourney(bed, 'notify-edge', worker?.url ?? '', {
      refuseFirst: '/events/step-completed',
    });
  }, 120_000);

  itFollowsTheNotificationJourney(notifying);

  it('retried the refused step-completed message after the backoff, and sent it once', () => {
    const { sink } = notifying();
    const [refused, ...more] = sink.refused;
    expect(more).toEqual([]);
    expect(refused && loggedBody(refused)).toMatchObject({ revision: '2', step: '1' });
    const sent = sink.received.filter(
      (r) =>
        r.path === refused?.path && loggedBody(r)?.revision === '2' && loggedBody(r)?.step === '1',
    );
    expect(sent).toHaveLength(1);
    // The outbox's first retry waits a second (DEFAULT_DELIVERY_POLICY.baseDelayMs).
    expect((sent[0]?.at ?? 0) - (refused?.at ?? Infinity)).toBeGreaterThanOrEqual(1000);
  });
});
