import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import { saveInventory } from '../../../src/controller/gitops/inventory.js';
import { loadClusterObservation } from '../../../src/controller/fleet/observe-cluster.js';
import type { GitSource } from '../../../src/core/gitops/config.js';
import { formatDeploymentRecord } from '../../../src/core/gitops/plan-report.js';
import { OWN, type Rollout } from '../../../src/domain/index.js';
import { failure } from '../../support/kube-failure.js';
import { RO, startWorld, type World } from '../world.js';

// What the release loop reads of one cluster (issue 21 §2): the commit the source's sync last
// applied there, and each Rollout of the source's namespace as the planner reads it, from a
// Rollout the controller really reconciled on a devcluster.
const COMMIT = 'c0ffee0000000000000000000000000000000001';
const source: GitSource = {
  name: 'shop',
  owner: 'acme',
  repo: 'deploy',
  fullName: 'acme/deploy',
  branch: 'main',
  path: 'k8s',
  namespace: 'default',
  prune: false,
};

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const observe = (kube: KubeClient = w.kube) => loadClusterObservation(kube, 'eu', source);
const patchMeta = (metadata: Record<string, unknown>) =>
  w.h.req('PATCH', `${RO}/shop`, { metadata }, 'application/merge-patch+json');

/** What the GitOps sync writes with its apply: the commit's GitHub deployment record. */
async function recordCommit(sha: string, generation: number): Promise<void> {
  const record = { repo: 'acme/deploy', id: 7, sha, environment: 'eu/default/shop', generation };
  await patchMeta({ annotations: { [OWN.githubDeployment]: formatDeploymentRecord(record) } });
}

/** An AnalysisRun of the Rollout (owned by it unless `owned` is false) in `phase`. */
async function analysisRun(name: string, hash: string, phase: string, owned = true) {
  const ro = await w.rollout();
  const owner = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'shop' };
  const path = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
  const created = await w.h.req('POST', path, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisRun',
    metadata: {
      name,
      labels: { 'rollouts-pod-template-hash': hash },
      ...(owned ? { ownerReferences: [{ ...owner, uid: ro.metadata.uid, controller: true }] } : {}),
    },
    spec: { metrics: [{ name: 'm', provider: { web: { url: 'http://127.0.0.1:9/' } } }] },
    // AnalysisRuns have no status subresource (as upstream's CRD): the status is the object's.
    status: { phase },
  });
  expect([created.status, created.body.status?.phase]).toEqual([201, phase]);
}

describe('loadClusterObservation', () => {
  it('reads the applied commit and a synced, Healthy Rollout in three requests', async () => {
    await w.deploy();
    const ro = await w.rollout();
    await recordCommit(COMMIT, ro.metadata.generation ?? 0);
    await saveInventory(w.kube, source, { sha: COMMIT, objects: [] });
    const counted = new KubeClient({ server: w.h.url });
    expect(await observe(counted)).toEqual({
      cluster: 'eu',
      appliedCommit: COMMIT,
      rollouts: [
        {
          cluster: 'eu',
          namespace: 'default',
          name: 'shop',
          revision: 1,
          phase: 'Healthy',
          aborted: false,
          analysesPassed: true,
          stepIndex: 8,
          paused: false,
          commit: COMMIT,
          statusCurrent: true,
        },
      ],
    });
    expect(counted.stats.reads).toBe(3);
  });

  it('a Rollout no sync wrote has no commit; no inventory, no applied commit', async () => {
    await w.deploy();
    const obs = await observe();
    expect(obs.appliedCommit).toBeUndefined();
    expect(obs.rollouts[0]).toMatchObject({ statusCurrent: false, phase: 'Healthy' });
    expect(obs.rollouts[0]).not.toHaveProperty('commit');
  });

  it('speaks of the update only once the controller observed its generation', async () => {
    await w.deploy();
    await w.setImage('registry.example/shop:v2');
    const generation = (await w.rollout()).metadata.generation ?? 0;
    await recordCommit(COMMIT, generation);
    // Not reconciled since the image change: its status is about the previous generation.
    expect((await observe()).rollouts[0]).toMatchObject({ commit: COMMIT, statusCurrent: false });
    await w.advance(2_000);
    expect((await observe()).rollouts[0]).toMatchObject({
      commit: COMMIT,
      statusCurrent: true,
      revision: 2,
      phase: 'Paused',
      paused: true,
      stepIndex: 1,
      aborted: false,
    });
    // Written as a number by some clients: read all the same.
    await w.statusPatch({ observedGeneration: generation });
    expect((await observe()).rollouts[0]?.statusCurrent).toBe(true);
  });

  it('an aborted update reads aborted and Degraded', async () => {
    await w.deploy();
    await w.setImage('registry.example/shop:v2');
    await w.advance(2_000);
    await w.statusPatch({ abort: true });
    await w.advance(2_000);
    expect((await observe()).rollouts[0]).toMatchObject({ aborted: true, phase: 'Degraded' });
  });

  it.each([['Failed'], ['Error'], ['Inconclusive']])(
    'analyses fail on a %s run of the current pod hash the Rollout owns, and on no other',
    async (phase) => {
      await w.deploy();
      await w.setImage('registry.example/shop:v2');
      await w.advance(2_000);
      const hash = (await w.rollout()).status?.currentPodHash ?? '';
      await analysisRun('passed', hash, 'Successful');
      await analysisRun('older-revision', 'other-hash', phase);
      await analysisRun('not-its-own', hash, phase, false);
      await analysisRun('running', hash, 'Running');
      expect((await observe()).rollouts[0]?.analysesPassed).toBe(true);
      await analysisRun('unsuccessful', hash, phase);
      expect((await observe()).rollouts[0]?.analysesPassed).toBe(false);
    },
  );

  it.each([
    ['a step hold', JSON.stringify({ mode: 'step', release: 'r', reason: 'x' }), 'step'],
    ['a lockstep hold', JSON.stringify({ mode: 'pause', release: 'r', reason: 'x' }), 'pause'],
    ['a mark that does not parse, read as the stricter hold', '{not json', 'step'],
    ['a mark of an unknown mode', JSON.stringify({ mode: 'x', release: 'r', reason: 'x' }), 'step'],
  ])('reads %s on the Rollout', async (_what, mark, mode) => {
    await w.deploy();
    expect((await observe()).rollouts[0]).not.toHaveProperty('releaseHold');
    await patchMeta({ annotations: { [OWN.releaseHold]: mark } });
    expect((await observe()).rollouts[0]?.releaseHold).toBe(mode);
  });

  it('every Rollout of the namespace, by name; none in an empty namespace', async () => {
    expect(await observe()).toEqual({ cluster: 'eu', rollouts: [] });
    await w.deploy();
    const other: Rollout = structuredClone(await w.rollout());
    await w.h.req('POST', RO, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'cart', namespace: 'default' },
      spec: other.spec,
    });
    expect((await observe()).rollouts.map((r) => r.name)).toEqual(['cart', 'shop']);
  });

  it('throws a KubeApiError when the cluster cannot be read', async () => {
    const down = new KubeClient({ server: 'http://127.0.0.1:9', retry: false, timeoutMs: 2_000 });
    const e = await failure(observe(down));
    expect(e.retryable).toBe(true);
  });
});
