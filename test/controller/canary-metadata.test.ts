import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/index.js';
import { aCanaryRollout, startWorld, type World } from './world.js';

const RO = '/apis/argoproj.io/v1alpha1/namespaces/default/rollouts';
const HASH = 'rollouts-pod-template-hash';
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const specPatch = (spec: Record<string, unknown>) =>
  w.h.req('PATCH', `${RO}/shop`, { spec }, 'application/merge-patch+json');
const setImage = (image: string) =>
  specPatch({ template: { spec: { containers: [{ name: 'web', image }] } } });
const canaryPatch = (canary: Record<string, unknown>) => specPatch({ strategy: { canary } });

async function deploy(canary: Record<string, unknown>): Promise<void> {
  const ro = aCanaryRollout('shop');
  Object.assign(ro.spec.strategy.canary, canary);
  await w.h.req('POST', RO, ro);
  await w.settle();
  await w.advance(2000);
}

async function livePods(): Promise<Pod[]> {
  const pods = (
    await w.kube.list<Pod>('/api/v1/namespaces/default/pods', { labelSelector: 'app=shop' })
  ).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp);
}

/** `{ podName: role label }` of the pods of one pod-template hash. */
async function rolesOf(hash: string | undefined): Promise<Record<string, string | undefined>> {
  const pods = (await livePods()).filter((p) => p.metadata.labels?.[HASH] === hash);
  return Object.fromEntries(pods.map((p) => [p.metadata.name, p.metadata.labels?.role]));
}

const all = (names: string[], role: string | undefined) =>
  Object.fromEntries(names.map((n) => [n, role]));

describe('canary and stable ephemeral metadata (spec §1.6, §9.2 TestEphemeralMetadata)', () => {
  it('labels pods by role, updates them in place, and swaps canary pods to stable on promotion', async () => {
    await deploy({
      canaryMetadata: { labels: { role: 'canary' } },
      stableMetadata: { labels: { role: 'stable' } },
    });
    const v1 = (await w.rollout()).status?.stableRS;
    const stablePods = Object.keys(await rolesOf(v1));
    expect(stablePods).toHaveLength(5);
    expect(await rolesOf(v1)).toEqual(all(stablePods, 'stable'));

    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    const canaryPods = Object.keys(await rolesOf(v2));
    expect(canaryPods).toHaveLength(1);
    expect(await rolesOf(v2)).toEqual(all(canaryPods, 'canary'));
    expect(Object.values(await rolesOf(v1))).toEqual(['stable', 'stable', 'stable', 'stable']);

    await canaryPatch({ canaryMetadata: { labels: { role: 'canary-next' } } });
    await w.advance(1000);
    expect(await rolesOf(v2)).toEqual(all(canaryPods, 'canary-next'));

    await w.h.req(
      'PATCH',
      `${RO}/shop/status`,
      { status: { promoteFull: true } },
      'application/merge-patch+json',
    );
    await w.advance(5000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    const promoted = await rolesOf(v2);
    expect(Object.keys(promoted)).toHaveLength(5);
    expect(Object.keys(promoted)).toEqual(expect.arrayContaining(canaryPods));
    expect(promoted).toEqual(all(Object.keys(promoted), 'stable'));

    await canaryPatch({ stableMetadata: null });
    await w.advance(1000);
    expect(await rolesOf(v2)).toEqual(all(Object.keys(promoted), undefined));
    const rs = (await w.replicaSets()).find((r) => r.metadata.labels?.[HASH] === v2);
    expect(rs?.spec.template?.metadata?.labels?.role).toBeUndefined();
    expect(rs?.metadata.annotations?.['rollout.argoproj.io/ephemeral-metadata']).toBeUndefined();
  });

  it('carries annotations too, and settles without further writes', async () => {
    await deploy({ stableMetadata: { annotations: { team: 'shop' } } });
    const v1 = (await w.rollout()).status?.stableRS;
    const pods = (await livePods()).filter((p) => p.metadata.labels?.[HASH] === v1);
    expect(pods.map((p) => p.metadata.annotations?.team)).toEqual([
      'shop',
      'shop',
      'shop',
      'shop',
      'shop',
    ]);
    expect((await w.settle()).outcome).toBe('unchanged');
  });
});

describe('canary anti-affinity (spec §1.6)', () => {
  it('keeps the new RS off stable nodes during the update, without re-creating it', async () => {
    await deploy({ antiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {} } });
    const v1 = (await w.rollout()).status?.stableRS;
    const first = (await w.replicaSets())[0];
    expect(first?.spec.template?.spec?.affinity).toBeUndefined(); // initial deploy: no update in progress

    await setImage('registry.example/shop:v2');
    await w.advance(3000);
    const v2 = (await w.rollout()).status?.currentPodHash;
    const canary = (await w.replicaSets()).find((rs) => rs.metadata.labels?.[HASH] === v2);
    expect(canary?.spec.template?.spec?.affinity).toEqual({
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          {
            labelSelector: { matchExpressions: [{ key: HASH, operator: 'In', values: [v1] }] },
            namespaces: ['default'],
            topologyKey: 'kubernetes.io/hostname',
          },
        ],
      },
    });

    await w.h.req(
      'PATCH',
      `${RO}/shop/status`,
      { status: { promoteFull: true } },
      'application/merge-patch+json',
    );
    await w.advance(5000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect((await w.replicaSets()).map((rs) => rs.metadata.labels?.[HASH]).sort()).toEqual(
      [v1, v2].sort(),
    );
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });
});
