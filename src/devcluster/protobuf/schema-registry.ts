import { type FieldSpec, type MessageTable, parseFieldSpec } from './field-spec.js';
import { APPS_MESSAGES } from './schema-apps.js';
import { AUTHORIZATION_MESSAGES } from './schema-authorization.js';
import { BATCH_MESSAGES } from './schema-batch.js';
import { CORE_MESSAGES } from './schema-core.js';
import { CORE_POD_MESSAGES } from './schema-core-pod.js';
import { CORE_SCHEDULING_MESSAGES } from './schema-core-scheduling.js';
import { CORE_VOLUME_MESSAGES } from './schema-core-volumes.js';
import { META_MESSAGES } from './schema-meta.js';
import { NETWORKING_MESSAGES } from './schema-networking.js';
import { POLICY_AUTH_COORDINATION_MESSAGES } from './schema-policy-auth-coordination.js';

/** Message names are unique across the groups covered here, so one flat table holds them all. */
export const MESSAGES: MessageTable = {
  ...META_MESSAGES,
  ...CORE_MESSAGES,
  ...CORE_POD_MESSAGES,
  ...CORE_VOLUME_MESSAGES,
  ...CORE_SCHEDULING_MESSAGES,
  ...APPS_MESSAGES,
  ...BATCH_MESSAGES,
  ...NETWORKING_MESSAGES,
  ...POLICY_AUTH_COORDINATION_MESSAGES,
  ...AUTHORIZATION_MESSAGES,
};

/** `apiVersion/kind` → top-level message. */
export const KIND_MESSAGES: Readonly<Record<string, string>> = {
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/Namespace': 'Namespace',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/Service': 'Service',
  'v1/Pod': 'Pod',
  'v1/Endpoints': 'Endpoints',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
  'batch/v1/Job': 'Job',
  'batch/v1/CronJob': 'CronJob',
  'networking.k8s.io/v1/Ingress': 'Ingress',
  'policy/v1/PodDisruptionBudget': 'PodDisruptionBudget',
  'authentication.k8s.io/v1/TokenRequest': 'TokenRequest',
  'coordination.k8s.io/v1/Lease': 'Lease',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview': 'SelfSubjectRulesReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'SelfSubjectReview',
};

const parsed = new Map<string, ReadonlyMap<number, FieldSpec>>();

/** The parsed fields of a message; an unknown name is a bug in the tables, not bad input. */
export function messageFields(name: string): ReadonlyMap<number, FieldSpec> {
  let fields = parsed.get(name);
  if (!fields) {
    const table = Object.hasOwn(MESSAGES, name) ? MESSAGES[name] : undefined;
    if (!table) throw new Error(`protobuf schema has no message ${name}`);
    fields = new Map(Object.entries(table).map(([n, spec]) => [Number(n), parseFieldSpec(spec)]));
    parsed.set(name, fields);
  }
  return fields;
}
