// Which fields each kind can be selected by, and how their values read (the GetAttrs/ToSelectableFields of
// each kube-apiserver registry: pkg/registry/core/pod/strategy.go, core/event/strategy.go, …).

const META_FIELDS = ['metadata.name', 'metadata.namespace'] as const;

const KIND_FIELDS: Readonly<Record<string, readonly string[]>> = {
  '/Pod': [
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  '/Event': [
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  '/Secret': ['type'],
  '/Namespace': ['status.phase'],
  '/Node': ['spec.unschedulable'],
  'apps/ReplicaSet': ['status.replicas'],
  'batch/Job': ['status.successful'],
};

const META_ONLY: ReadonlySet<string> = new Set(META_FIELDS);
const SUPPORTED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(KIND_FIELDS).map(([key, fields]) => [key, new Set([...META_FIELDS, ...fields])]),
);

/** The field selector labels kube-apiserver accepts for a kind; `group` is '' for the core group. */
export function supportedFieldsFor(group: string, kind: string): ReadonlySet<string> {
  return SUPPORTED.get(`${group}/${kind}`) ?? META_ONLY;
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function lookup(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Fields whose selectable value is not the plain value at their path. */
const DERIVED: Readonly<Record<string, (obj: unknown) => string | undefined>> = {
  // Go ints and bools print their zero value when unset.
  'status.replicas': (o) => scalarText(lookup(o, 'status.replicas')) ?? '0',
  'status.successful': (o) => scalarText(lookup(o, 'status.succeeded')) ?? '0',
  'spec.unschedulable': (o) => scalarText(lookup(o, 'spec.unschedulable')) ?? 'false',
  'spec.hostNetwork': (o) => scalarText(lookup(o, 'spec.hostNetwork')) ?? 'false',
  // The first of podIPs, which the v1 conversion fills from podIP.
  'status.podIP': (o) =>
    scalarText(lookup(o, 'status.podIPs.0.ip')) ?? scalarText(lookup(o, 'status.podIP')),
  // Events: "source" falls back to reportingController, "reportingComponent" is reportingController.
  source: (o) =>
    scalarText(lookup(o, 'source.component')) || scalarText(lookup(o, 'reportingController')),
  reportingComponent: (o) => scalarText(lookup(o, 'reportingController')),
};

/** The value a field selector compares for `field` of `obj`; undefined when the object does not set it. */
export function fieldValue(obj: unknown, field: string): string | undefined {
  const derived = Object.prototype.hasOwnProperty.call(DERIVED, field) ? DERIVED[field] : undefined;
  if (derived) return derived(obj);
  return scalarText(lookup(obj, field));
}
