import { describe, expect, it } from 'vitest';
import {
  strategicSchemaFor,
  type FieldPatchMeta,
  type PatchSchema,
} from '../../../src/devcluster/patch/index.js';
import { schemaOf } from './fixtures.js';

/** Walks a dotted field path through `fields` (objects) and `items` (list elements). */
function metaAt(schema: PatchSchema, path: string): FieldPatchMeta | undefined {
  let current: PatchSchema | undefined = schema;
  let meta: FieldPatchMeta | undefined;
  for (const field of path.split('.')) {
    meta = current && Object.hasOwn(current, field) ? current[field] : undefined;
    current = meta?.fields ?? meta?.items;
  }
  return meta;
}

const mergeBy = (mergeKey: string) => ({ strategy: 'merge', mergeKey });

const upstreamTags: Array<
  [group: string, kind: string, path: string, expected: object | undefined]
> = [
  ['', 'Pod', 'metadata.ownerReferences', mergeBy('uid')],
  ['', 'Pod', 'metadata.finalizers', { strategy: 'merge' }],
  ['', 'Pod', 'spec.containers', mergeBy('name')],
  ['', 'Pod', 'spec.initContainers', mergeBy('name')],
  ['', 'Pod', 'spec.ephemeralContainers.env', mergeBy('name')],
  ['', 'Pod', 'spec.volumes', { strategy: 'merge,retainKeys', mergeKey: 'name' }],
  ['', 'Pod', 'spec.imagePullSecrets', mergeBy('name')],
  ['', 'Pod', 'spec.hostAliases', mergeBy('ip')],
  ['', 'Pod', 'spec.tolerations', undefined],
  ['', 'Pod', 'spec.containers.ports', mergeBy('containerPort')],
  ['', 'Pod', 'spec.containers.env', mergeBy('name')],
  ['', 'Pod', 'spec.containers.volumeMounts', mergeBy('mountPath')],
  ['', 'Pod', 'spec.containers.volumeDevices', mergeBy('devicePath')],
  ['', 'Pod', 'spec.containers.envFrom', undefined],
  ['', 'Pod', 'spec.containers.resizePolicy', undefined],
  ['', 'Pod', 'status.conditions', mergeBy('type')],
  ['', 'Pod', 'status.containerStatuses', undefined],
  ['', 'Service', 'spec.ports', mergeBy('port')],
  ['', 'Node', 'status.addresses', mergeBy('type')],
  ['', 'ServiceAccount', 'secrets', mergeBy('name')],
  ['apps', 'Deployment', 'spec.strategy', { strategy: 'retainKeys' }],
  ['apps', 'Deployment', 'spec.template.spec.containers.env', mergeBy('name')],
  ['apps', 'Deployment', 'spec.template.metadata.finalizers', { strategy: 'merge' }],
  ['apps', 'Deployment', 'status.conditions', mergeBy('type')],
  [
    'apps',
    'ReplicaSet',
    'spec.template.spec.volumes',
    { strategy: 'merge,retainKeys', mergeKey: 'name' },
  ],
  ['apps', 'ReplicaSet', 'status.conditions', mergeBy('type')],
  ['batch', 'Job', 'spec.template.spec.containers', mergeBy('name')],
  ['policy', 'PodDisruptionBudget', 'status.conditions', mergeBy('type')],
];

describe('strategicSchemaFor', () => {
  it.each(upstreamTags)('%s/%s %s has the upstream patch tags', (group, kind, path, expected) => {
    const meta = metaAt(schemaOf(group, kind), path);
    if (expected === undefined) expect(meta).toBeUndefined();
    else expect(meta).toMatchObject(expected);
  });

  it.each([
    ['', 'Endpoints'],
    ['', 'ConfigMap'],
    ['', 'Secret'],
    ['', 'Namespace'],
    ['', 'Event'],
    ['networking.k8s.io', 'Ingress'],
    ['coordination.k8s.io', 'Lease'],
  ])('%s/%s is served with ObjectMeta merge keys', (group, kind) => {
    expect(metaAt(schemaOf(group, kind), 'metadata.ownerReferences')).toMatchObject(mergeBy('uid'));
  });

  it.each([
    ['argoproj.io', 'Rollout'],
    ['example.com', 'Widget'],
    ['apps', 'Pod'],
    ['', 'Deployment'],
    ['', 'constructor'],
  ])('%s/%s has no strategic merge schema', (group, kind) => {
    expect(strategicSchemaFor(group, kind)).toBeUndefined();
  });
});
