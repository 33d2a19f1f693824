import { expect } from 'vitest';
import type { ReplicaSet, Rollout } from '../../src/domain/index.js';
import { RO, startWorld, type World } from './world.js';

// The blue-green test world: a Rollout `checkout` (container `web`) fronted by the Services
// `checkout-active` and `checkout-preview`, plus helpers that drive it. Shared by the blue-green
// journey and operations tests.

export const NAME = 'checkout';
export const ACTIVE = 'checkout-active';
export const PREVIEW = 'checkout-preview';
export const HASH = 'rollouts-pod-template-hash';
export const SVC = '/api/v1/namespaces/default/services';
/** Pods of a template carrying this annotation become Ready that many seconds after scheduling (devcluster). */
export const READY_AFTER = 'devcluster.rollouts.serverless.dev/ready-after-seconds';
export const image = (v: string) => `registry.example/checkout:${v}`;

/** A world for the Rollout `checkout` with the active and preview Services already created. */
export async function startBlueGreenWorld(): Promise<World> {
  const w = await startWorld(NAME);
  for (const name of [ACTIVE, PREVIEW]) {
    await w.h.req('POST', SVC, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name },
      spec: { selector: { app: NAME }, ports: [{ port: 80, targetPort: 8080 }] },
    });
  }
  return w;
}

export interface RolloutOpts {
  replicas?: number;
  progressDeadlineSeconds?: number;
  podAnnotations?: Record<string, string>;
}

export function aBlueGreenRollout(blueGreen: Record<string, unknown> = {}, opts: RolloutOpts = {}) {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: NAME, namespace: 'default' },
    spec: {
      replicas: opts.replicas ?? 3,
      ...(opts.progressDeadlineSeconds
        ? { progressDeadlineSeconds: opts.progressDeadlineSeconds }
        : {}),
      selector: { matchLabels: { app: NAME } },
      template: {
        metadata: {
          labels: { app: NAME },
          ...(opts.podAnnotations ? { annotations: opts.podAnnotations } : {}),
        },
        spec: { containers: [{ name: 'web', image: image('v1') }] },
      },
      strategy: { blueGreen: { activeService: ACTIVE, previewService: PREVIEW, ...blueGreen } },
    },
  };
}

export function hashOf(h: string | undefined): string {
  expect(h, 'status.currentPodHash').toEqual(expect.stringMatching(/^[a-z0-9]+$/));
  return h ?? '';
}

export const condition = (ro: Rollout, type: string) =>
  ro.status?.conditions?.find((c) => c.type === type);

/**
 * Helpers driving the current world; `world` is read on every call, so the helpers can be made once
 * at module level while each test gets a fresh world in `beforeEach`.
 */
export function blueGreenHelpers(world: () => World) {
  /** Creates the Rollout and lets its first revision become Healthy; returns that revision's hash. */
  async function deploy(
    blueGreen: Record<string, unknown> = {},
    opts: RolloutOpts = {},
  ): Promise<string> {
    const w = world();
    await w.h.req('POST', RO, aBlueGreenRollout(blueGreen, opts));
    await w.settle();
    await w.advance(2000);
    const ro = await w.rollout();
    expect(ro.status?.phase, 'first revision Healthy').toBe('Healthy');
    return hashOf(ro.status?.currentPodHash);
  }

  /** Sets the image and ticks until the new pods are Ready; returns the new hash (checked to be new). */
  async function update(v: string, ...previous: string[]): Promise<string> {
    const w = world();
    await w.setImage(image(v));
    await w.advance(2000);
    const h = hashOf((await w.rollout()).status?.currentPodHash);
    for (const p of previous) expect(h, 'a new pod-template hash').not.toBe(p);
    return h;
  }

  const promote = () => world().statusPatch({ pauseConditions: null });
  const advanceTo = (t: number) => world().advance(Math.max(0, t - world().h.clock.now()), 500);

  async function serviceSelector(svc: string): Promise<Record<string, string> | undefined> {
    return (await world().h.req('GET', `${SVC}/${svc}`)).body?.spec?.selector;
  }
  const selectorHash = async (svc: string): Promise<string | undefined> =>
    (await serviceSelector(svc))?.[HASH];
  const rsOf = async (hash: string): Promise<ReplicaSet | undefined> =>
    (await world().replicaSets()).find((rs) => rs.metadata.labels?.[HASH] === hash);
  const sizeOf = async (hash: string) => (await rsOf(hash))?.spec.replicas;
  const deadlineOf = async (hash: string) =>
    (await rsOf(hash))?.metadata.annotations?.['scale-down-deadline'];
  const revisionOf = async (hash: string) =>
    (await rsOf(hash))?.metadata.annotations?.['rollout.argoproj.io/revision'];

  return {
    deploy,
    update,
    promote,
    advanceTo,
    serviceSelector,
    selectorHash,
    rsOf,
    sizeOf,
    deadlineOf,
    revisionOf,
  };
}
