import { describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import { loadOwners } from '../../../src/controller/dispatch/execute-hint.js';
import type { ReconcileHint } from '../../../src/domain/hint.js';

/** A Kubernetes API that answers every ReplicaSet read after `delayMs`, counting the reads. */
function aSlowApi(delayMs: number, found = true) {
  const reads: string[] = [];
  const kube = new KubeClient({
    server: 'http://kube.test',
    fetch: async (url) => {
      reads.push(url);
      await new Promise((r) => setTimeout(r, delayMs));
      if (!found)
        return new Response('{"kind":"Status","code":404,"reason":"NotFound"}', { status: 404 });
      const name = url.split('/').pop() ?? '';
      return Response.json({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace: 'prod',
          ownerReferences: [
            {
              apiVersion: 'argoproj.io/v1alpha1',
              kind: 'Rollout',
              name: 'shop',
              uid: 'u',
              controller: true,
            },
          ],
        },
        spec: {},
      });
    },
  });
  return { kube, reads };
}

const lookup = (name: string) => ({ use: 'findReplicaSetOwner' as const, namespace: 'prod', name });
const shop: ReconcileHint = { kind: 'Rollout', namespace: 'prod', name: 'shop' };

describe('ReplicaSet owner lookups', () => {
  it('concurrent lookups of one ReplicaSet share one read, and later ones hit the cache', async () => {
    const { kube, reads } = aSlowApi(20);
    const ownerCache = new Map<string, ReconcileHint[]>();
    const owners = await Promise.all(
      Array.from({ length: 10 }, () => loadOwners({ kube, ownerCache }, lookup('shop-6c9f'))),
    );
    expect(owners).toEqual(Array.from({ length: 10 }, () => [shop]));
    expect(await loadOwners({ kube, ownerCache }, lookup('shop-6c9f'))).toEqual([shop]);
    expect(reads).toHaveLength(1);
  });

  it('different ReplicaSets are read apart', async () => {
    const { kube, reads } = aSlowApi(5);
    const ownerCache = new Map<string, ReconcileHint[]>();
    await Promise.all(['a', 'b', 'a'].map((n) => loadOwners({ kube, ownerCache }, lookup(n))));
    expect(reads.map((u) => u.split('/').pop()).sort()).toEqual(['a', 'b']);
  });

  it('a ReplicaSet not found is read again next time (it may appear with its owner)', async () => {
    const { kube, reads } = aSlowApi(5, false);
    const ownerCache = new Map<string, ReconcileHint[]>();
    const first = await Promise.all([
      loadOwners({ kube, ownerCache }, lookup('late')),
      loadOwners({ kube, ownerCache }, lookup('late')),
    ]);
    expect(first).toEqual([[], []]);
    expect(await loadOwners({ kube, ownerCache }, lookup('late'))).toEqual([]);
    expect(reads).toHaveLength(2);
  });

  it('without a cache (Workers) every lookup reads', async () => {
    const { kube, reads } = aSlowApi(5);
    await Promise.all([loadOwners({ kube }, lookup('x')), loadOwners({ kube }, lookup('x'))]);
    expect(reads).toHaveLength(2);
  });
});
