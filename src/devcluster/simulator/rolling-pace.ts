import { isRecord } from '../api/object-meta.js';

/** One ReplicaSet as the pace sees it: its desired and available pods, oldest first. */
export interface PacedReplicaSet {
  name: string;
  replicas: number;
  available: number;
}

/** The surge and unavailability a RollingUpdate allows, resolved against `replicas`. */
export interface RollingBounds {
  maxSurge: number;
  maxUnavailable: number;
}

/** An intstr of a Deployment strategy: a count, or a percentage of `replicas` rounded as told. */
function resolve(value: unknown, replicas: number, fallback: string, roundUp: boolean): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const percent = /^(\d+)%$/.exec(String(v));
  if (!percent) return Number(v) || 0;
  const exact = (Number(percent[1]) * replicas) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge rounds up, maxUnavailable down (25% each by default); both 0 would stall, so 1 unavailable. */
export function computeRollingBounds(rollingUpdate: unknown, replicas: number): RollingBounds {
  const ru = isRecord(rollingUpdate) ? rollingUpdate : {};
  const maxSurge = resolve(ru.maxSurge, replicas, '25%', true);
  const maxUnavailable = resolve(ru.maxUnavailable, replicas, '25%', false);
  return maxSurge === 0 && maxUnavailable === 0
    ? { maxSurge, maxUnavailable: 1 }
    : { maxSurge, maxUnavailable };
}

/**
 * One step of a RollingUpdate, as the Deployment controller takes them (rolling.go): scale the new
 * ReplicaSet up within `replicas + maxSurge` pods; if it did not move, scale old ones down, first
 * their unavailable pods, then available ones while `replicas - maxUnavailable` stay available.
 * Returns the ReplicaSets whose `replicas` change, by name.
 */
export function planRollingStep(
  replicas: number,
  bounds: RollingBounds,
  newRs: PacedReplicaSet,
  oldRss: PacedReplicaSet[],
): Map<string, number> {
  const changes = new Map<string, number>();
  const all = newRs.replicas + oldRss.reduce((n, rs) => n + rs.replicas, 0);
  if (newRs.replicas > replicas) return changes.set(newRs.name, replicas);
  if (newRs.replicas < replicas) {
    const room = Math.min(replicas + bounds.maxSurge - all, replicas - newRs.replicas);
    if (room > 0) return changes.set(newRs.name, newRs.replicas + room);
  }
  if (oldRss.every((rs) => rs.replicas === 0)) return changes;
  const minAvailable = replicas - bounds.maxUnavailable;
  const newUnavailable = Math.max(0, newRs.replicas - newRs.available);
  let budget = all - minAvailable - newUnavailable;
  if (budget <= 0) return changes;
  const next = oldRss.map((rs) => ({ ...rs }));
  for (const rs of next) {
    const unhealthy = Math.min(Math.max(0, rs.replicas - rs.available), budget);
    rs.replicas -= unhealthy;
    budget -= unhealthy;
  }
  const available =
    newRs.available + next.reduce((n, rs) => n + Math.min(rs.available, rs.replicas), 0);
  let scaleDown = available - minAvailable;
  for (const rs of next) {
    const cut = Math.max(0, Math.min(rs.replicas, scaleDown));
    rs.replicas -= cut;
    scaleDown -= cut;
  }
  for (const [i, rs] of next.entries())
    if (rs.replicas !== oldRss[i]?.replicas) changes.set(rs.name, rs.replicas);
  return changes;
}
