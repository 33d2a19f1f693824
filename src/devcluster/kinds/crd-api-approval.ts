import type { KubeObject } from '../api/object-meta.js';
import type { FieldCause } from '../api/validate-meta.js';

const ANNOTATION = 'api-approved.kubernetes.io';
const FIELD = `metadata.annotations[${ANNOTATION}]`;
const PR = 'https://github.com/kubernetes/enhancements/pull/1111';

type Approval = 'missing' | 'bypassed' | 'approved' | 'invalid';

/** Groups owned by the Kubernetes community (`k8s.io`, `kubernetes.io` and their subdomains). */
function isProtectedGroup(group: string): boolean {
  return ['k8s.io', 'kubernetes.io'].some((g) => group === g || group.endsWith(`.${g}`));
}

function approvalOf(obj: KubeObject | undefined): Approval {
  const value = obj?.metadata.annotations?.[ANNOTATION] ?? '';
  if (value === '') return 'missing';
  if (value.startsWith('unapproved')) return 'bypassed';
  try {
    const url = new URL(value);
    return url.host && url.protocol ? 'approved' : 'invalid';
  } catch {
    return 'invalid';
  }
}

/**
 * A CRD in a protected group needs the API review's approval annotation (a URL, or a reason
 * starting with "unapproved"); an update that leaves the approval state as it was is never refused,
 * so controllers that only edit the spec keep working.
 */
export function checkApiApproval(
  crd: KubeObject,
  group: string,
  old: KubeObject | undefined,
): FieldCause[] {
  if (!isProtectedGroup(group)) return [];
  const state = approvalOf(crd);
  if (old && approvalOf(old) === state) return [];
  if (state === 'missing') {
    const message = `Required value: protected groups must have approval annotation "${ANNOTATION}", see ${PR}`;
    return [{ field: FIELD, reason: 'FieldValueRequired', message: `${FIELD}: ${message}` }];
  }
  if (state === 'invalid') {
    const value = JSON.stringify(crd.metadata.annotations?.[ANNOTATION] ?? '');
    const message = `Invalid value: ${value}: protected groups must have approval annotation "${ANNOTATION}" with either a URL or a reason starting with "unapproved", see ${PR}`;
    return [{ field: FIELD, reason: 'FieldValueInvalid', message: `${FIELD}: ${message}` }];
  }
  return [];
}
