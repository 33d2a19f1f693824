import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWorld, type World } from './world.js';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
let w: World;
beforeEach(async () => {
  w = await startWorld('ref');
});
afterEach(() => w.close());

const aDeployment = (image = 'registry.example/ref:v1', replicas = 3) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'ref-source' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'ref' } },
    template: {
      metadata: { labels: { app: 'ref' } },
      spec: { containers: [{ name: 'web', image }] },
    },
  },
});
const aRefRollout = (scaleDown?: string) => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'ref' },
  spec: {
    replicas: 3,
    workloadRef: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'ref-source',
      ...(scaleDown ? { scaleDown } : {}),
    },
    strategy: { canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
  },
});
const deploymentReplicas = async () =>
  (await w.h.req('GET', `${DEPLOY}/ref-source`)).body.spec.replicas as number;

describe('workloadRef', () => {
  it('is Degraded while the Deployment is missing, then takes its template and becomes Healthy', async () => {
    await w.h.req('POST', RO, aRefRollout());
    await w.settle();
    let ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toContain('deployments.apps "ref-source" not found');
    await w.h.req('POST', DEPLOY, aDeployment());
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', workloadObservedGeneration: '1' });
    expect(ro.spec.template).toBeUndefined(); // never persisted
    expect(ro.metadata.annotations?.['rollout.argoproj.io/workload-generation']).toBe('1');
    const [rs] = await w.replicaSets();
    expect((rs?.spec.template?.spec?.containers as Array<{ image: string }>)[0]?.image).toBe(
      'registry.example/ref:v1',
    );
    expect(await deploymentReplicas()).toBe(3); // scaleDown never (default)
  });

  it('a Deployment template change is a Rollout update that walks the steps', async () => {
    await w.h.req('POST', DEPLOY, aDeployment());
    await w.h.req('POST', RO, aRefRollout());
    await w.advance(3000);
    await w.h.req(
      'PATCH',
      `${DEPLOY}/ref-source`,
      {
        spec: {
          template: { spec: { containers: [{ name: 'web', image: 'registry.example/ref:v2' }] } },
        },
      },
      'application/merge-patch+json',
    );
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      currentStepIndex: 1,
      workloadObservedGeneration: '2',
    });
    expect(await w.counts('ref')).toEqual({ canary: 2, stable: 2, other: 0 });
  });

  it.each([
    // progressively keeps replicas − ready Rollout pods: none are ready right after creation.
    ['onsuccess', 3],
    ['progressively', 3],
  ])('scaleDown %s scales the Deployment to 0 once Healthy', async (mode, whileRolling) => {
    await w.h.req('POST', DEPLOY, aDeployment());
    await w.advance(2000);
    await w.h.req('POST', RO, aRefRollout(mode));
    await w.settle();
    expect(await deploymentReplicas()).toBe(whileRolling);
    await w.advance(4000);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
    expect(await deploymentReplicas()).toBe(0);
  });

  it('a template next to workloadRef is InvalidSpec', async () => {
    const ro = aRefRollout();
    Object.assign(ro.spec, {
      template: {
        metadata: { labels: { app: 'ref' } },
        spec: { containers: [{ name: 'web', image: 'x:1' }] },
      },
    });
    await w.h.req('POST', RO, ro);
    await w.settle();
    const status = (await w.rollout()).status;
    expect(status?.phase).toBe('Degraded');
    expect(status?.message).toContain('template must be empty for workload reference rollout');
  });
});
