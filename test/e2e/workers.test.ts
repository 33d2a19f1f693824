import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RESOURCES, type Relay, startRelay } from '../../src/relay/index.js';
import { kubeClientFor } from '../../src/runtime/node/index.js';
import { describeOnBackends } from '../support/backends.js';
import { FIXTURES, managersOf, selectorOf } from './support/journey.js';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.js';

// The Worker (functions/worker.ts) under `wrangler dev`, fed by the watch relay, reconciling on
// either backend. On the real one it reaches kube-apiserver over TLS signed by the cluster's own CA
// (trusted through NODE_EXTRA_CA_CERTS) with the static bearer token (--token-auth-file). Client
// certificates cannot work there: an `mtls_certificates` binding needs Cloudflare (README).

const canary = ['rollout', 'storefront-canary'];

describeOnBackends('the Worker under wrangler dev', { controller: false }, (bed) => {
  let worker: WranglerDev | undefined;
  let relay: Relay | undefined;

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
});
