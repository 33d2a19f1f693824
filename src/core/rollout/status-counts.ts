import {
  LABELS,
  type LabelSelector,
  type ReplicaSet,
  type RolloutStatus,
} from '../../domain/index.js';

/** A label selector as its canonical string (status.selector for the scale subresource). */
export function formatSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const parts: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : `!${e.key}`;
    parts.push([e.key, text]);
  }
  return parts
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, t]) => t)
    .join(',');
}

/** Canary replica counts: sums over every ReplicaSet; updated = the new ReplicaSet's pods (spec §1.9). */
export function canaryCounts(
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  selector: LabelSelector | undefined,
): Pick<
  RolloutStatus,
  | 'replicas'
  | 'updatedReplicas'
  | 'readyReplicas'
  | 'availableReplicas'
  | 'HPAReplicas'
  | 'selector'
> {
  const sum = (f: (rs: ReplicaSet) => number | undefined) =>
    all.reduce((n, rs) => n + (f(rs) ?? 0), 0);
  const replicas = sum((rs) => rs.status?.replicas);
  return {
    replicas,
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: sum((rs) => rs.status?.readyReplicas),
    availableReplicas: sum((rs) => rs.status?.availableReplicas),
    HPAReplicas: replicas,
    selector: formatSelector(selector),
  };
}

/** Blue-green counts: ready/available and the scale subresource follow the active ReplicaSet (spec §1.9). */
export function blueGreenCounts(
  all: ReplicaSet[],
  newRS: ReplicaSet | undefined,
  active: ReplicaSet | undefined,
  selector: LabelSelector | undefined,
  activeHash: string | undefined,
): Pick<
  RolloutStatus,
  | 'replicas'
  | 'updatedReplicas'
  | 'readyReplicas'
  | 'availableReplicas'
  | 'HPAReplicas'
  | 'selector'
> {
  const withHash: LabelSelector | undefined = activeHash
    ? {
        ...selector,
        matchLabels: { ...selector?.matchLabels, [LABELS.podTemplateHash]: activeHash },
      }
    : selector;
  return {
    replicas: all.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0),
    updatedReplicas: newRS?.status?.replicas ?? 0,
    readyReplicas: active?.status?.readyReplicas ?? 0,
    availableReplicas: active?.status?.availableReplicas ?? 0,
    HPAReplicas: active?.status?.replicas ?? 0,
    selector: formatSelector(withHash),
  };
}
