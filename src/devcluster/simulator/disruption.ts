import { isRecord, type KubeObject } from '../api/object-meta.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { isPodReady } from './pod-status.js';

export interface DisruptionStatus {
  expectedPods: number;
  currentHealthy: number;
  desiredHealthy: number;
  disruptionsAllowed: number;
}

function resolve(value: unknown, total: number, roundUp: boolean): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+%$/.test(value)) {
    const exact = (Number(value.slice(0, -1)) * total) / 100;
    return roundUp ? Math.ceil(exact) : Math.floor(exact);
  }
  return undefined;
}

export function pdbSelects(pdb: KubeObject, pod: KubeObject): boolean {
  const spec = isRecord(pdb.spec) ? pdb.spec : {};
  if (!isRecord(spec.selector)) return false;
  try {
    return matchesLabels(labelSelectorFromObject(spec.selector), pod.metadata.labels ?? {});
  } catch {
    return false;
  }
}

/** What the disruption controller reports for a PDB over the pods it selects (policy/v1 semantics). */
export function computeDisruption(pdb: KubeObject, pods: KubeObject[]): DisruptionStatus {
  const spec = isRecord(pdb.spec) ? pdb.spec : {};
  const selected = pods.filter((p) => !p.metadata.deletionTimestamp && pdbSelects(pdb, p));
  const expectedPods = selected.length;
  const currentHealthy = selected.filter(isPodReady).length;
  let desiredHealthy = 0;
  const minAvailable = resolve(spec.minAvailable, expectedPods, true);
  const maxUnavailable = resolve(spec.maxUnavailable, expectedPods, true);
  if (minAvailable !== undefined) desiredHealthy = minAvailable;
  else if (maxUnavailable !== undefined)
    desiredHealthy = Math.max(0, expectedPods - maxUnavailable);
  return {
    expectedPods,
    currentHealthy,
    desiredHealthy,
    disruptionsAllowed: Math.max(0, currentHealthy - desiredHealthy),
  };
}
