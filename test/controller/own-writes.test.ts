import { describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import {
  isOwnEcho,
  type ObjectVersion,
  OwnWrites,
  planEchoKey,
  recordOwnWrites,
} from '../../src/controller/own-writes.js';

const writer = { namespace: 'prod', name: 'shop' };

function aRollout(over: { name?: string; uid?: string; rv?: string } = {}): ObjectVersion {
  return {
    kind: 'Rollout',
    metadata: {
      name: over.name ?? 'shop',
      uid: over.uid ?? 'u-rollout',
      resourceVersion: over.rv ?? '100',
    },
  };
}

function aReplicaSet(over: { owner?: string; controller?: boolean; rv?: string } = {}) {
  return {
    kind: 'ReplicaSet',
    metadata: {
      name: 'shop-6d4f',
      uid: 'u-rs',
      resourceVersion: over.rv ?? '200',
      ownerReferences: [
        { kind: 'Rollout', name: over.owner ?? 'shop', controller: over.controller ?? true },
      ],
    },
  } satisfies ObjectVersion;
}

describe('planEchoKey: which of a Rollout reconcile’s writes would echo back only to that Rollout', () => {
  it.each([
    ['the Rollout itself (claim, status)', aRollout(), 'u-rollout@100'],
    ['a ReplicaSet it controls', aReplicaSet(), 'u-rs@200'],
    ['another Rollout', aRollout({ name: 'cart' }), undefined],
    ['a ReplicaSet another Rollout controls', aReplicaSet({ owner: 'cart' }), undefined],
    ['a ReplicaSet it owns but does not control', aReplicaSet({ controller: false }), undefined],
    [
      'an AnalysisRun it owns (the run wakes itself too)',
      { kind: 'AnalysisRun', metadata: { name: 'a', uid: 'u-a', resourceVersion: '3' } },
      undefined,
    ],
    [
      'an answer without a resourceVersion',
      { kind: 'Rollout', metadata: { name: 'shop', uid: 'u' } },
      undefined,
    ],
    ['an answer without metadata', {}, undefined],
  ])('%s', (_, written, expected) => {
    expect(planEchoKey(writer, written)).toBe(expected);
  });
});

describe('isOwnEcho: a delivered event that is only the echo of our own write', () => {
  const written = new OwnWrites();
  written.add('u-rollout@100');

  it('drops the Rollout at the version our write produced', () => {
    expect(isOwnEcho({ type: 'MODIFIED', object: aRollout() }, written)).toBe(true);
  });

  it('keeps a change by anyone else: another resourceVersion of the same object wakes it', () => {
    expect(isOwnEcho({ type: 'MODIFIED', object: aRollout({ rv: '101' }) }, written)).toBe(false);
  });

  it('keeps another object that happens to share the resourceVersion', () => {
    expect(isOwnEcho({ type: 'MODIFIED', object: aRollout({ uid: 'u-other' }) }, written)).toBe(
      false,
    );
  });

  it('keeps a deletion and an event that does not say its version', () => {
    expect(isOwnEcho({ type: 'DELETED', object: aRollout() }, written)).toBe(false);
    expect(isOwnEcho({ type: 'MODIFIED', object: { kind: 'Rollout' } }, written)).toBe(false);
  });

  it('forgets the oldest versions past its limit, so a long-lived process stays bounded', () => {
    const few = new OwnWrites(2);
    for (const rv of ['1', '2', '3']) few.add(`u@${rv}`);
    expect(['1', '2', '3'].map((rv) => few.has(`u@${rv}`))).toEqual([false, true, true]);
  });
});

describe('recordOwnWrites', () => {
  /** A client whose API answers each write with the object at the next resourceVersion. */
  function aClient() {
    let rv = 500;
    const requests: string[] = [];
    const kube = new KubeClient({
      server: 'http://127.0.0.1:1',
      retry: false,
      fetch: (url, init) => {
        requests.push(`${init.method ?? 'GET'} ${new URL(url).pathname}`);
        const isRs = url.includes('/replicasets');
        const body = isRs
          ? aReplicaSet({ rv: String(++rv) })
          : aRollout({ rv: init.method === 'GET' ? '100' : String(++rv) });
        return Promise.resolve(Response.json(body));
      },
    });
    return { kube, requests };
  }

  it('remembers what its writes answered and passes reads through unrecorded', async () => {
    const { kube, requests } = aClient();
    const written = new OwnWrites();
    const recording = recordOwnWrites(kube, writer, written);
    await recording.get('/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/shop');
    await recording.mergePatch('/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/shop', {});
    await recording.mergePatch('/apis/apps/v1/namespaces/prod/replicasets/shop-6d4f', {});
    expect(requests).toHaveLength(3);
    expect(written.has('u-rollout@100')).toBe(false);
    expect(written.has('u-rollout@501')).toBe(true);
    expect(written.has('u-rs@502')).toBe(true);
    expect(kube.stats).toEqual({ reads: 1, writes: 2 });
  });

  it('remembers nothing for a write another Rollout’s reconcile makes to this one', async () => {
    const { kube } = aClient();
    const written = new OwnWrites();
    await recordOwnWrites(kube, { namespace: 'prod', name: 'cart' }, written).mergePatch(
      '/apis/argoproj.io/v1alpha1/namespaces/prod/rollouts/shop',
      {},
    );
    expect(written.has('u-rollout@501')).toBe(false);
  });
});
