import { isRecord } from './json.js';
import type { FieldCause } from './field-cause.js';

type Json = Record<string, unknown>;

function setDefault(obj: Json, key: string, value: unknown): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function pullPolicyFor(image: unknown): string {
  if (typeof image !== 'string') return 'IfNotPresent';
  const afterSlash = image.slice(image.lastIndexOf('/') + 1);
  if (afterSlash.includes('@')) return 'IfNotPresent';
  const colon = afterSlash.lastIndexOf(':');
  const tag = colon >= 0 ? afterSlash.slice(colon + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: unknown): void {
  if (!isRecord(c)) return;
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  setDefault(c, 'imagePullPolicy', pullPolicyFor(c.image));
  setDefault(c, 'resources', {});
  if (Array.isArray(c.ports))
    for (const p of c.ports) if (isRecord(p)) setDefault(p, 'protocol', 'TCP');
}

/**
 * The pod spec defaults the API server applies to Pods and to the templates of ReplicaSets,
 * Deployments and Jobs. Controllers compare templates after these defaults (spec §8.1), so
 * the devcluster must apply them just like a real cluster.
 */
export function defaultPodSpec(spec: unknown, restartPolicy = 'Always'): void {
  if (!isRecord(spec)) return;
  setDefault(spec, 'restartPolicy', restartPolicy);
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const key of ['containers', 'initContainers']) {
    const list = spec[key];
    if (Array.isArray(list)) list.forEach(defaultContainer);
  }
}

/** Defaults a PodTemplateSpec in place (metadata stays as given, like the API server). */
export function defaultPodTemplate(template: unknown, restartPolicy?: string): void {
  if (!isRecord(template)) return;
  if (!isRecord(template.metadata)) template.metadata = {};
  const meta = template.metadata as Json;
  setDefault(meta, 'creationTimestamp', null);
  defaultPodSpec(template.spec, restartPolicy);
}

export function validatePodSpec(spec: unknown, path: string): FieldCause[] {
  if (!isRecord(spec))
    return [{ field: path, reason: 'FieldValueRequired', message: `${path}: Required value` }];
  const causes: FieldCause[] = [];
  const containers = spec.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    causes.push({
      field: `${path}.containers`,
      reason: 'FieldValueRequired',
      message: `${path}.containers: Required value`,
    });
    return causes;
  }
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = `${path}.containers[${i}]`;
    if (!isRecord(c)) {
      causes.push({ field: p, message: `${p}: Invalid value: must be an object` });
      return;
    }
    if (typeof c.name !== 'string' || !c.name) {
      causes.push({
        field: `${p}.name`,
        reason: 'FieldValueRequired',
        message: `${p}.name: Required value`,
      });
    } else if (names.has(c.name)) {
      causes.push({
        field: `${p}.name`,
        reason: 'FieldValueDuplicate',
        message: `${p}.name: Duplicate value: ${JSON.stringify(c.name)}`,
      });
    } else {
      names.add(c.name);
    }
    if (typeof c.image !== 'string' || !c.image.trim()) {
      causes.push({
        field: `${p}.image`,
        reason: 'FieldValueRequired',
        message: `${p}.image: Required value`,
      });
    }
  });
  return causes;
}
