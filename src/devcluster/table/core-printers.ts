// Rows for Namespace, ConfigMap, Secret, ServiceAccount, Event, Lease and Node (pkg/printers/internalversion),
// and the NAME / CREATED AT rows of rest.DefaultTableConvertor (CustomResourceDefinition and kinds without printers).
import { isoTime } from '../../domain/time.js';
import { age, parseTimestamp } from './human-duration.js';
import { creationOf, int, isRecord, list, metadata, nameOf, rec, size, str } from './json-view.js';
import { AGE_COLUMN, CREATION_DESCRIPTION, NAME_COLUMN, ageOf, column } from './printer-kit.js';
import type { TablePrinter } from './types.js';

export const NAMESPACE_PRINTER: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'The status of the namespace'), AGE_COLUMN],
  cells: (ns, now) => [nameOf(ns), str(rec(rec(ns).status).phase), ageOf(ns, now)],
};

export const CONFIG_MAP_PRINTER: TablePrinter = {
  columns: [NAME_COLUMN, column('Data', 'Data contains the configuration data.'), AGE_COLUMN],
  cells: (cm, now) => [nameOf(cm), size(rec(cm).data) + size(rec(cm).binaryData), ageOf(cm, now)],
};

export const SECRET_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'Used to facilitate programmatic handling of secret data.'),
    column('Data', 'Data contains the secret data.'),
    AGE_COLUMN,
  ],
  cells: (secret, now) => [
    nameOf(secret),
    str(rec(secret).type),
    size(rec(secret).data),
    ageOf(secret, now),
  ],
};

export const SERVICE_ACCOUNT_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Secrets', 'Secrets is a list of the secrets in the same namespace.'),
    AGE_COLUMN,
  ],
  cells: (sa, now) => [nameOf(sa), list(rec(sa).secrets).length, ageOf(sa, now)],
};

const timestampAge = (ts: unknown, now: Date): string =>
  age(typeof ts === 'string' ? ts : undefined, now);

export const EVENT_PRINTER: TablePrinter = {
  columns: [
    column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    column(
      'Reason',
      'This should be a short, machine understandable string that gives the reason for the transition.',
    ),
    column('Object', 'The object that this event is about.'),
    column('Subobject', 'The field of the involved object the event is about.', { wide: true }),
    column('Source', 'The component reporting this event.', { wide: true }),
    column('Message', 'A human-readable description of the status of this operation.'),
    column('First Seen', 'The time at which the event was first recorded.', { wide: true }),
    column('Count', 'The number of times this event has occurred.', { wide: true }),
    { ...NAME_COLUMN, priority: 1 },
  ],
  cells(event, now) {
    const e = rec(event);
    const involved = rec(e.involvedObject);
    const first = parseTimestamp(e.firstTimestamp)
      ? timestampAge(e.firstTimestamp, now)
      : timestampAge(e.eventTime, now);
    let last = parseTimestamp(e.lastTimestamp) ? timestampAge(e.lastTimestamp, now) : first;
    let count = int(e.count);
    if (isRecord(e.series)) {
      last = timestampAge(e.series.lastObservedTime, now);
      count = int(e.series.count);
    } else if (count === 0) {
      count = 1; // singleton events of the events.k8s.io API carry no count
    }
    const kind = str(involved.kind).toLowerCase();
    const target = str(involved.name) ? `${kind}/${str(involved.name)}` : kind;
    const source = rec(e.source);
    const component = str(source.component) || str(e.reportingController);
    const instance = str(source.host) || str(e.reportingInstance);
    return [
      last,
      str(e.type),
      str(e.reason),
      target,
      str(involved.fieldPath),
      instance ? `${component}, ${instance}` : component,
      str(e.message).trim(),
      first,
      count,
      nameOf(event),
    ];
  },
};

export const LEASE_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Holder', 'holderIdentity contains the identity of the holder of a current lease.'),
    AGE_COLUMN,
  ],
  cells: (lease, now) => [
    nameOf(lease),
    str(rec(rec(lease).spec).holderIdentity),
    ageOf(lease, now),
  ],
};

const ROLE_PREFIX = 'node-role.kubernetes.io/';

/** findNodeRoles: node-role.kubernetes.io/<role> keys and the kubernetes.io/role value. */
function nodeRoles(node: unknown): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(rec(metadata(node).labels))) {
    if (k.startsWith(ROLE_PREFIX) && k.length > ROLE_PREFIX.length)
      roles.add(k.slice(ROLE_PREFIX.length));
    else if (k === 'kubernetes.io/role' && str(v) !== '') roles.add(str(v));
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

function nodeStatus(node: unknown): string {
  const ready = list(rec(rec(node).status).conditions)
    .map(rec)
    .find((c) => c.type === 'Ready');
  const status = ready ? [ready.status === 'True' ? 'Ready' : 'NotReady'] : ['Unknown'];
  if (rec(rec(node).spec).unschedulable === true) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeAddress = (node: unknown, type: string): string =>
  str(
    list(rec(rec(node).status).addresses)
      .map(rec)
      .find((a) => a.type === type)?.address,
  ) || '<none>';

export const NODE_PRINTER: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'The status of the node'),
    column('Roles', 'The roles of the node'),
    AGE_COLUMN,
    column('Version', 'Kubelet Version reported by the node.'),
    column('Internal-IP', 'List of addresses reachable to the node.', { wide: true }),
    column('External-IP', 'List of addresses reachable to the node.', { wide: true }),
    column('OS-Image', 'OS Image reported by the node from /etc/os-release.', { wide: true }),
    column('Kernel-Version', "Kernel Version reported by the node from 'uname -r'.", {
      wide: true,
    }),
    column('Container-Runtime', 'ContainerRuntime Version reported by the node.', { wide: true }),
  ],
  cells(node, now) {
    const info = rec(rec(rec(node).status).nodeInfo);
    const orUnknown = (v: unknown): string => str(v) || '<unknown>';
    return [
      nameOf(node),
      nodeStatus(node),
      nodeRoles(node),
      ageOf(node, now),
      str(info.kubeletVersion),
      nodeAddress(node, 'InternalIP'),
      nodeAddress(node, 'ExternalIP'),
      orUnknown(info.osImage),
      orUnknown(info.kernelVersion),
      orUnknown(info.containerRuntimeVersion),
    ];
  },
};

/** creationTimestamp in UTC RFC 3339 without fractions, as Go's time.RFC3339 prints it (zero time when unset). */
function createdAt(obj: unknown): string {
  const at = parseTimestamp(creationOf(obj));
  if (at === undefined || Number.isNaN(at)) return '0001-01-01T00:00:00Z';
  return isoTime(at);
}

/** rest.DefaultTableConvertor: what kube-apiserver prints for kinds without a printer of their own. */
export const DEFAULT_PRINTER: TablePrinter = {
  columns: [NAME_COLUMN, column('Created At', CREATION_DESCRIPTION, { type: 'date' })],
  cells: (obj) => [nameOf(obj), createdAt(obj)],
};
