import type { Rollout } from '../../domain/index.js';
import type { Hint } from '../../http/hooks/index.js';

/**
 * Whether the resync sweep (DESIGN §3) should wake a Rollout: its generation is unobserved, or it
 * has not settled Healthy (a pause, analysis or deadline whose timer may have been lost).
 */
export function isResyncNeeded(r: Rollout): boolean {
  return (
    r.status?.observedGeneration !== String(r.metadata.generation) || r.status?.phase !== 'Healthy'
  );
}

/** The Rollout hints one page of the sweep pokes. */
export function planSweepPage(items: readonly Rollout[]): Hint[] {
  return items.filter(isResyncNeeded).map((r) => ({
    kind: 'Rollout',
    namespace: r.metadata.namespace ?? 'default',
    name: r.metadata.name,
  }));
}
