import { isRecord, type KubeObject } from '../api/object-meta.js';

interface Condition {
  type?: string;
  status?: string;
  lastTransitionTime?: string;
}

function conditions(pod: KubeObject): Condition[] {
  const status = isRecord(pod.status) ? pod.status : {};
  return Array.isArray(status.conditions) ? (status.conditions as Condition[]) : [];
}

export function isPodReady(pod: KubeObject): boolean {
  return conditions(pod).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Ready for at least `minReadySeconds` (the ReplicaSet notion of available). */
export function isPodAvailable(pod: KubeObject, minReadySeconds: number, nowMs: number): boolean {
  const ready = conditions(pod).find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  if (minReadySeconds <= 0) return true;
  const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : nowMs;
  return since + minReadySeconds * 1000 <= nowMs;
}

export function podPhase(pod: KubeObject): string {
  const status = isRecord(pod.status) ? pod.status : {};
  return typeof status.phase === 'string' ? status.phase : 'Pending';
}
