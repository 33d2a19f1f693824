/**
 * Strategic-merge metadata for the built-in kinds the devcluster serves, transcribed from the
 * `patchStrategy` / `patchMergeKey` struct tags in k8s.io/api (the API server reads the same tags).
 * Only fields that carry a tag, or lead to one, are listed: anything else merges as a plain map or is
 * replaced as a plain list, which is also what upstream does for untagged (atomic) lists.
 */
export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface FieldPatchMeta {
  /** `merge` lists merge element-wise; `replace` fields are taken from the patch; `retainKeys` is advisory. */
  readonly strategy?: PatchStrategy;
  /** Member identifying an element of a merge list of objects (`name`, `containerPort`, …). */
  readonly mergeKey?: string;
  /** Schema of the field's value when it is an object. */
  readonly fields?: PatchSchema;
  /** Schema of each element when the field is a list of objects. */
  readonly items?: PatchSchema;
  /** The key fields server-side apply uses (`x-kubernetes-list-map-keys`) when more than the merge key. */
  readonly listMapKeys?: readonly string[];
  /** Server-side apply owns the value as a whole (`+structType=atomic`, e.g. label selectors). */
  readonly atomic?: boolean;
}

/** Field name → metadata, nested to mirror the object. */
export type PatchSchema = { readonly [field: string]: FieldPatchMeta };

/** The metadata of `field` in `schema`, never an inherited property such as `constructor`. */
export function fieldMeta(
  schema: PatchSchema | undefined,
  field: string,
): FieldPatchMeta | undefined {
  return schema !== undefined && Object.hasOwn(schema, field) ? schema[field] : undefined;
}

export function isMergeList(meta: FieldPatchMeta | undefined): boolean {
  return meta?.strategy === 'merge' || meta?.strategy === 'merge,retainKeys';
}

const byKey = (
  mergeKey: string,
  items?: PatchSchema,
  listMapKeys?: readonly string[],
): FieldPatchMeta => ({
  strategy: 'merge',
  mergeKey,
  items,
  ...(listMapKeys ? { listMapKeys } : {}),
});
const atomicSelector: FieldPatchMeta = { atomic: true };
const byKeyRetaining = (mergeKey: string): FieldPatchMeta => ({
  strategy: 'merge,retainKeys',
  mergeKey,
});
const object = (fields: PatchSchema): FieldPatchMeta => ({ fields });
/** A merge list of primitives: union of values (e.g. finalizers). */
const primitiveSet: FieldPatchMeta = { strategy: 'merge' };
const conditions = byKey('type');

const objectMeta: PatchSchema = {
  ownerReferences: byKey('uid'),
  finalizers: primitiveSet,
};

// envFrom and resizePolicy are atomic upstream (no patchStrategy), so they are replaced.
const container: PatchSchema = {
  ports: byKey('containerPort', undefined, ['containerPort', 'protocol']),
  env: byKey('name'),
  volumeMounts: byKey('mountPath'),
  volumeDevices: byKey('devicePath'),
};

// tolerations and readinessGates are atomic upstream, so they are replaced.
const podSpec: PatchSchema = {
  volumes: byKeyRetaining('name'),
  containers: byKey('name', container),
  initContainers: byKey('name', container),
  ephemeralContainers: byKey('name', container),
  imagePullSecrets: byKey('name'),
  hostAliases: byKey('ip'),
  topologySpreadConstraints: byKey('topologyKey'),
  schedulingGates: byKey('name'),
  resourceClaims: byKeyRetaining('name'),
};

const podStatus: PatchSchema = { conditions, podIPs: byKey('ip'), hostIPs: byKey('ip') };

const podTemplateSpec: PatchSchema = { metadata: object(objectMeta), spec: object(podSpec) };

const withMetadata = (fields: PatchSchema = {}): PatchSchema => ({
  metadata: object(objectMeta),
  ...fields,
});

const withPodTemplate = (spec: PatchSchema = {}): PatchSchema =>
  withMetadata({
    spec: object({ template: object(podTemplateSpec), selector: atomicSelector, ...spec }),
    status: object({ conditions }),
  });

const schemas = new Map<string, PatchSchema>([
  ['/Pod', withMetadata({ spec: object(podSpec), status: object(podStatus) })],
  [
    '/Service',
    withMetadata({
      spec: object({ ports: byKey('port', undefined, ['port', 'protocol']) }),
      status: object({ conditions }),
    }),
  ],
  ['/Endpoints', withMetadata()],
  ['/ConfigMap', withMetadata()],
  ['/Secret', withMetadata()],
  ['/Namespace', withMetadata({ status: object({ conditions }) })],
  ['/ServiceAccount', withMetadata({ secrets: byKey('name') })],
  ['/Event', withMetadata()],
  [
    '/Node',
    withMetadata({
      spec: object({ podCIDRs: primitiveSet }),
      status: object({ conditions, addresses: byKey('type') }),
    }),
  ],
  ['apps/ReplicaSet', withPodTemplate()],
  ['apps/Deployment', withPodTemplate({ strategy: { strategy: 'retainKeys' } })],
  ['batch/Job', withPodTemplate()],
  ['networking.k8s.io/Ingress', withMetadata()],
  [
    'policy/PodDisruptionBudget',
    withMetadata({ spec: object({ selector: atomicSelector }), status: object({ conditions }) }),
  ],
  ['coordination.k8s.io/Lease', withMetadata()],
]);

/**
 * The schema for a built-in kind (`group` is `''` for core/v1), or `undefined` when the kind does not
 * support strategic merge patch — custom resources among them, which the server answers with 415.
 */
export function strategicSchemaFor(group: string, kind: string): PatchSchema | undefined {
  return schemas.get(`${group}/${kind}`);
}
