import { describe, expect, it } from 'vitest';
import { hintFor } from '../../src/http/hooks/index.js';
import {
  planRelist,
  rememberObject,
  type RelayedObject,
  trimObject,
} from '../../src/relay/index.js';

const obj = (uid: string, rv = '1'): RelayedObject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Rollout',
  metadata: { name: uid, namespace: 'prod', uid, resourceVersion: rv },
});

describe('planRelist: a fresh list after a 410 against what was known', () => {
  it.each([
    {
      name: 'nothing known: all ADDED',
      known: [],
      listed: ['a', 'b'],
      events: ['ADDED a', 'ADDED b'],
    },
    {
      name: 'known and listed: MODIFIED',
      known: ['a'],
      listed: ['a', 'b'],
      events: ['MODIFIED a', 'ADDED b'],
    },
    {
      name: 'known but no longer listed: DELETED, after the listed ones',
      known: ['a', 'gone'],
      listed: ['a'],
      events: ['MODIFIED a', 'DELETED gone'],
    },
    {
      name: 'an empty list deletes everything known',
      known: ['a'],
      listed: [],
      events: ['DELETED a'],
    },
  ])('$name', ({ known, listed, events }) => {
    const map = new Map(known.map((k) => [k, obj(k)]));
    expect(
      planRelist(
        map,
        listed.map((k) => obj(k, '2')),
      ).map((e) => `${e.type} ${e.object.metadata.uid ?? ''}`),
    ).toEqual(events);
  });
});

describe('trimObject', () => {
  it('keeps identity and ownership, drops the last-applied copy, fills kind from the list', () => {
    const trimmed = trimObject(
      {
        metadata: {
          name: 'shop',
          namespace: 'prod',
          uid: 'u1',
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{}}',
            keep: 'me',
          },
        },
        spec: { replicas: 3 },
      } as RelayedObject,
      { kind: 'Rollout', apiVersion: 'argoproj.io/v1alpha1' },
    );
    expect(trimmed).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: {
        name: 'shop',
        namespace: 'prod',
        uid: 'u1',
        resourceVersion: undefined,
        ownerReferences: undefined,
        labels: undefined,
        annotations: { keep: 'me' },
      },
    });
  });
});

describe('rememberObject: what the relay keeps to report a deletion', () => {
  const owner = (kind: string, apiVersion: string, name: string) => ({
    apiVersion,
    kind,
    name,
    uid: `uid-${name}`,
    controller: true,
    blockOwnerDeletion: true,
  });
  const seen: RelayedObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'shop-7d9f-abcde',
        namespace: 'prod',
        uid: 'p1',
        resourceVersion: '7',
        labels: { app: 'shop', 'rollouts-pod-template-hash': '7d9f' },
        ownerReferences: [owner('ReplicaSet', 'apps/v1', 'shop-7d9f')],
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: 'shop-7d9f',
        namespace: 'prod',
        uid: 'rs1',
        ownerReferences: [owner('Rollout', 'argoproj.io/v1alpha1', 'shop')],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'shop-canary',
        namespace: 'prod',
        uid: 's1',
        annotations: { 'argo-rollouts.argoproj.io/managed-by-rollouts': 'shop', team: 'web' },
      },
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: 'smoke-1',
        namespace: 'prod',
        uid: 'j1',
        ownerReferences: [owner('AnalysisRun', 'argoproj.io/v1alpha1', 'shop-abc-2')],
      },
    },
  ];

  it.each(seen.map((o) => [o.kind, o] as const))(
    'a deleted %s wakes the same object as the full one would',
    (_, o) => {
      const kept = rememberObject(o);
      expect(hintFor(kept as never)).toEqual(hintFor(o as never));
      expect(hintFor(kept as never)).toBeDefined();
      // Identity, ownership and the managed-by annotation only: no labels, version or other notes.
      expect(Object.keys(kept)).toEqual(['apiVersion', 'kind', 'metadata']);
      const allowed = ['name', 'namespace', 'uid', 'ownerReferences', 'annotations'];
      expect(Object.keys(kept.metadata).filter((k) => !allowed.includes(k))).toEqual([]);
      const annotations = kept.metadata.annotations as Record<string, string> | undefined;
      expect(Object.keys(annotations ?? {})).toEqual(
        o.metadata.annotations ? ['argo-rollouts.argoproj.io/managed-by-rollouts'] : [],
      );
      for (const ref of (kept.metadata.ownerReferences ?? []) as object[])
        expect(Object.keys(ref)).toEqual(['apiVersion', 'kind', 'name', 'controller']);
    },
  );

  it('is what a relist reports as DELETED', () => {
    const pod = seen[0] as RelayedObject;
    const [gone] = planRelist(new Map([['p1', rememberObject(pod)]]), []);
    expect(gone?.type).toBe('DELETED');
    expect(gone?.object.metadata).toEqual({
      name: 'shop-7d9f-abcde',
      namespace: 'prod',
      uid: 'p1',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'shop-7d9f', controller: true },
      ],
    });
  });
});
