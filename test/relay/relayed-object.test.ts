import { describe, expect, it } from 'vitest';
import { planRelist, type RelayedObject, trimObject } from '../../src/relay/index.js';

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
