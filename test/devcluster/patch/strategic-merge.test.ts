import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from '../../../src/devcluster/patch/index.js';
import {
  aContainer,
  aDeployment,
  deepFreeze,
  podSpecOf,
  podSpecPatch,
  schemaOf,
} from './fixtures.js';

const deployment = schemaOf('apps', 'Deployment');
const apply = (target: unknown, patch: unknown): unknown =>
  applyStrategicMergePatch(target, deepFreeze(patch), deployment);

const nginx = aContainer({ name: 'a', image: 'nginx:1' });
const redis = aContainer({ name: 'b', image: 'redis:1' });

// Each row: a live Deployment, a patch to its pod spec, and the pod spec that should result.
const podSpecCases: Array<
  [name: string, live: unknown, patch: Record<string, unknown>, expected: unknown]
> = [
  [
    'changing one image by name keeps the other containers',
    aDeployment({ containers: [nginx, redis] }),
    { containers: [{ name: 'b', image: 'redis:2' }] },
    { containers: [nginx, { name: 'b', image: 'redis:2' }] },
  ],
  [
    'adding an env var merges into the existing list (new entries first, as apimachinery orders them)',
    aDeployment({ containers: [{ ...nginx, env: [{ name: 'X', value: '1' }] }] }),
    { containers: [{ name: 'a', env: [{ name: 'Y', value: '2' }] }] },
    {
      containers: [
        {
          ...nginx,
          env: [
            { name: 'Y', value: '2' },
            { name: 'X', value: '1' },
          ],
        },
      ],
    },
  ],
  [
    'kubectl apply adding an env var with $setElementOrder/env keeps the manifest order',
    aDeployment({ containers: [{ ...nginx, env: [{ name: 'X', value: '1' }] }] }),
    {
      containers: [
        {
          name: 'a',
          '$setElementOrder/env': [{ name: 'X' }, { name: 'Y' }],
          env: [{ name: 'Y', value: '2' }],
        },
      ],
    },
    {
      containers: [
        {
          ...nginx,
          env: [
            { name: 'X', value: '1' },
            { name: 'Y', value: '2' },
          ],
        },
      ],
    },
  ],
  [
    'a new container without an order directive goes first',
    aDeployment({ containers: [nginx] }),
    { containers: [redis] },
    { containers: [redis, nginx] },
  ],
  [
    '$patch: delete removes the named container',
    aDeployment({ containers: [nginx, redis] }),
    { containers: [{ name: 'a', $patch: 'delete' }] },
    { containers: [redis] },
  ],
  [
    '$setElementOrder/containers as kubectl 1.20 apply sends it',
    aDeployment({ containers: [nginx, redis] }),
    {
      '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
      containers: [{ image: 'nginx:2', name: 'b' }],
    },
    { containers: [nginx, { name: 'b', image: 'nginx:2' }] },
  ],
  [
    '$setElementOrder/containers alone reorders',
    aDeployment({ containers: [nginx, redis] }),
    { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
    { containers: [redis, nginx] },
  ],
  [
    '$setElementOrder keeps a server-injected sidecar after the containers it followed',
    aDeployment({ containers: [nginx, aContainer({ name: 'istio-proxy' })] }),
    {
      '$setElementOrder/containers': [{ name: 'a' }, { name: 'c' }],
      containers: [{ name: 'c', image: 'c:1' }],
    },
    { containers: [nginx, { name: 'c', image: 'c:1' }, aContainer({ name: 'istio-proxy' })] },
  ],
  [
    '$retainKeys switches a volume from emptyDir to configMap',
    aDeployment({ volumes: [{ name: 'data', emptyDir: {} }] }),
    { volumes: [{ $retainKeys: ['configMap', 'name'], name: 'data', configMap: { name: 'cfg' } }] },
    { containers: [aContainer()], volumes: [{ name: 'data', configMap: { name: 'cfg' } }] },
  ],
  [
    '$patch: replace as a list element replaces the whole list',
    aDeployment({ containers: [nginx, redis] }),
    { containers: [{ $patch: 'replace' }, { name: 'c', image: 'c:1' }] },
    { containers: [{ name: 'c', image: 'c:1' }] },
  ],
  [
    'tolerations have no merge key and are replaced',
    aDeployment({ tolerations: [{ key: 'a', operator: 'Exists' }] }),
    { tolerations: [{ key: 'b', operator: 'Exists' }] },
    { containers: [aContainer()], tolerations: [{ key: 'b', operator: 'Exists' }] },
  ],
  [
    'container ports merge by containerPort, volumeMounts by mountPath',
    aDeployment({
      containers: [
        {
          ...nginx,
          ports: [{ containerPort: 80 }],
          volumeMounts: [{ name: 'v', mountPath: '/d' }],
        },
      ],
    }),
    {
      containers: [
        {
          name: 'a',
          ports: [{ containerPort: 80, name: 'http' }],
          volumeMounts: [{ mountPath: '/d', readOnly: true }],
        },
      ],
    },
    {
      containers: [
        {
          ...nginx,
          ports: [{ containerPort: 80, name: 'http' }],
          volumeMounts: [{ name: 'v', mountPath: '/d', readOnly: true }],
        },
      ],
    },
  ],
  [
    'envFrom has no merge key and is replaced',
    aDeployment({ containers: [{ ...nginx, envFrom: [{ configMapRef: { name: 'x' } }] }] }),
    { containers: [{ name: 'a', envFrom: [{ secretRef: { name: 'y' } }] }] },
    { containers: [{ ...nginx, envFrom: [{ secretRef: { name: 'y' } }] }] },
  ],
  [
    'null removes a field of a merged element',
    aDeployment({ containers: [{ ...nginx, command: ['run'] }] }),
    { containers: [{ name: 'a', command: null }] },
    { containers: [nginx] },
  ],
];

describe('applyStrategicMergePatch: pod template lists', () => {
  it.each(podSpecCases)('%s', (_name, live, patch, expected) => {
    expect(podSpecOf(apply(live, podSpecPatch(patch)))).toEqual(expected);
  });
});

type Json = Record<string, unknown>;
const metadataOf = (obj: unknown): Json => (obj as { metadata: Json }).metadata;
const specOf = (obj: unknown): Json => (obj as { spec: Json }).spec;

const objectCases: Array<
  [name: string, live: unknown, patch: Json, select: (obj: unknown) => unknown, expected: unknown]
> = [
  [
    'finalizers merge as a union',
    aDeployment({ finalizers: ['a', 'b'] }),
    { metadata: { finalizers: ['b', 'c'] } },
    metadataOf,
    expect.objectContaining({ finalizers: ['a', 'b', 'c'] }),
  ],
  [
    'a new finalizer goes first without an order directive',
    aDeployment({ finalizers: ['a', 'b'] }),
    { metadata: { finalizers: ['c'] } },
    metadataOf,
    expect.objectContaining({ finalizers: ['c', 'a', 'b'] }),
  ],
  [
    'kubectl apply finalizer change: add, delete and order directives together',
    aDeployment({ finalizers: ['a', 'b'] }),
    {
      metadata: {
        '$setElementOrder/finalizers': ['a', 'c'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        finalizers: ['c'],
      },
    },
    metadataOf,
    expect.objectContaining({ finalizers: ['a', 'c'] }),
  ],
  [
    '$deleteFromPrimitiveList/finalizers removes values',
    aDeployment({ finalizers: ['a', 'b', 'c'] }),
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    metadataOf,
    expect.objectContaining({ finalizers: ['a', 'c'] }),
  ],
  [
    '$deleteFromPrimitiveList on a missing list adds nothing',
    aDeployment(),
    { metadata: { '$deleteFromPrimitiveList/finalizers': ['b'] } },
    metadataOf,
    { name: 'web', namespace: 'default', labels: { app: 'web' } },
  ],
  [
    'null deletes a label',
    aDeployment({ labels: { app: 'web', tier: 'fe' } }),
    { metadata: { labels: { tier: null } } },
    metadataOf,
    expect.objectContaining({ labels: { app: 'web' } }),
  ],
  [
    '$patch: replace on a map replaces it',
    aDeployment({ labels: { app: 'web', tier: 'fe' } }),
    { metadata: { labels: { $patch: 'replace', team: 'x' } } },
    metadataOf,
    expect.objectContaining({ labels: { team: 'x' } }),
  ],
  [
    '$patch: delete on a map empties it',
    aDeployment({ labels: { app: 'web' } }),
    { metadata: { labels: { $patch: 'delete' } } },
    metadataOf,
    expect.objectContaining({ labels: {} }),
  ],
  [
    '$patch: merge on a map is the default merge',
    aDeployment({ labels: { app: 'web' } }),
    { metadata: { labels: { $patch: 'merge', team: 'x' } } },
    metadataOf,
    expect.objectContaining({ labels: { app: 'web', team: 'x' } }),
  ],
  [
    'ownerReferences merge by uid',
    aDeployment({ ownerReferences: [{ uid: '1', name: 'a', kind: 'X' }] }),
    {
      metadata: {
        ownerReferences: [
          { uid: '1', controller: true },
          { uid: '2', name: 'b', kind: 'X' },
        ],
      },
    },
    (obj) => metadataOf(obj)['ownerReferences'],
    [
      { uid: '1', name: 'a', kind: 'X', controller: true },
      { uid: '2', name: 'b', kind: 'X' },
    ],
  ],
  [
    'Deployment strategy switches to Recreate with $retainKeys',
    aDeployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
    { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
    (obj) => specOf(obj)['strategy'],
    { type: 'Recreate' },
  ],
  [
    'unknown fields merge as plain maps',
    aDeployment(),
    { spec: { extra: { a: { b: 1 } } } },
    (obj) => specOf(obj)['extra'],
    { a: { b: 1 } },
  ],
];

describe('applyStrategicMergePatch: maps, primitives and directives', () => {
  it.each(objectCases)('%s', (_name, live, patch, select, expected) => {
    expect(select(apply(live, patch))).toEqual(expected);
  });

  it('a label-only patch changes the labels and nothing else', () => {
    const live = aDeployment({ containers: [nginx, redis] });
    const result = apply(live, { metadata: { labels: { release: 'canary' } } });
    expect(result).toEqual({
      ...live,
      metadata: { ...metadataOf(live), labels: { app: 'web', release: 'canary' } },
    });
  });

  it('unknown lists are replaced, not merged', () => {
    const live = deepFreeze({ spec: { items: [{ name: 'a', v: 1 }] } });
    expect(apply(live, { spec: { items: [{ name: 'b' }] } })).toEqual({
      spec: { items: [{ name: 'b' }] },
    });
  });

  it('strips every directive from the result, even inside newly added values', () => {
    const patch = {
      metadata: { '$setElementOrder/finalizers': ['x'], finalizers: ['x'] },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'a' }],
            containers: [
              {
                name: 'a',
                '$setElementOrder/env': [{ name: 'E' }],
                env: [{ name: 'E', value: '1' }],
              },
            ],
            volumes: [{ name: 'v', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }],
            tolerations: [{ $patch: 'replace' }, { key: 'k' }],
          },
        },
        strategy: { $patch: 'replace', type: 'Recreate' },
      },
    };
    const result = apply(deepFreeze({ metadata: { name: 'web' } }), patch);
    expect(JSON.stringify(result)).not.toContain('$');
    expect(podSpecOf(result)).toEqual({
      containers: [{ name: 'a', env: [{ name: 'E', value: '1' }] }],
      volumes: [{ name: 'v', secret: { secretName: 's' } }],
      tolerations: [{ key: 'k' }],
    });
  });

  it('never mutates the live object or the patch', () => {
    const live = aDeployment({ containers: [nginx, redis], finalizers: ['a'] });
    const before = JSON.stringify(live);
    apply(
      live,
      podSpecPatch({
        containers: [
          { name: 'a', $patch: 'delete' },
          { name: 'c', image: 'c' },
        ],
      }),
    );
    expect(JSON.stringify(live)).toBe(before);
  });
});

describe('applyStrategicMergePatch: other kinds', () => {
  it('merges Service ports by port', () => {
    const live = deepFreeze({ spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 443 }] } });
    const patch = deepFreeze({ spec: { ports: [{ port: 80, targetPort: 9090 }] } });
    expect(applyStrategicMergePatch(live, patch, schemaOf('', 'Service'))).toEqual({
      spec: { ports: [{ port: 80, targetPort: 9090 }, { port: 443 }] },
    });
  });

  it('merges Pod status conditions by type', () => {
    const live = deepFreeze({
      status: {
        conditions: [
          { type: 'Ready', status: 'False' },
          { type: 'Initialized', status: 'True' },
        ],
      },
    });
    const patch = deepFreeze({ status: { conditions: [{ type: 'Ready', status: 'True' }] } });
    expect(applyStrategicMergePatch(live, patch, schemaOf('', 'Pod'))).toEqual({
      status: {
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'Initialized', status: 'True' },
        ],
      },
    });
  });
});

const errors: Array<[name: string, status: 400 | 422, patch: unknown, message: string]> = [
  ['a patch that is not an object', 400, ['x'], 'a strategic merge patch must be a JSON object'],
  [
    'an unknown $patch directive',
    400,
    { metadata: { labels: { $patch: 'nuke' } } },
    'metadata.labels: unknown $patch directive "nuke"',
  ],
  [
    '$retainKeys that is not a list',
    400,
    { spec: { strategy: { $retainKeys: 'type' } } },
    'spec.strategy: $retainKeys must be a list',
  ],
  [
    'a patch field missing from $retainKeys',
    400,
    { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } },
    'field "rollingUpdate" is in the patch but not in $retainKeys',
  ],
  [
    'a merge-list element without its merge key',
    400,
    podSpecPatch({ containers: [{ image: 'x' }] }),
    'spec.template.spec.containers[0]: element has no merge key "name"',
  ],
  [
    '$patch: delete without the merge key',
    400,
    podSpecPatch({ containers: [{ $patch: 'delete' }] }),
    'needs the merge key "name"',
  ],
  [
    '$patch: merge inside a list',
    400,
    podSpecPatch({ containers: [{ name: 'app', $patch: 'merge' }] }),
    'not supported inside a list',
  ],
  [
    'a patch list out of $setElementOrder order',
    400,
    podSpecPatch({
      '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
      containers: [{ name: 'b' }, { name: 'a' }],
    }),
    'is not in the order',
  ],
  [
    '$setElementOrder entries without the merge key',
    400,
    podSpecPatch({ '$setElementOrder/containers': ['a'] }),
    'every entry must carry',
  ],
  [
    '$deleteFromPrimitiveList that is not a list',
    400,
    { metadata: { '$deleteFromPrimitiveList/finalizers': 'a' } },
    'must be a list',
  ],
  [
    'mixed element types in a merge list',
    400,
    { metadata: { finalizers: ['a', { b: 1 }] } },
    'not all of the same type',
  ],
  [
    'a list of lists in a merge list',
    422,
    { metadata: { finalizers: [['a']] } },
    'lists of lists cannot be merged',
  ],
];

describe('applyStrategicMergePatch errors', () => {
  it.each(errors)('%s ⇒ %i', (_name, status, patch, message) => {
    expect(() => apply(aDeployment(), patch)).toThrow(
      expect.objectContaining({
        status,
        code: 'PatchError',
        message: expect.stringContaining(message),
      }),
    );
  });
});
