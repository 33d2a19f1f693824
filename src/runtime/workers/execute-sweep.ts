import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import { executeSweepPages } from '../../controller/dispatch/execute-resync.js';
import { planRolloutWakes } from '../../controller/dispatch/plan-resync.js';
import type { Hint } from '../../domain/hint.js';

export interface SweepReport {
  pages: number;
  rollouts: number;
  poked: number;
}

/**
 * The Rollout pages of the resync sweep alone, paged as the cron's `executeResync` (compose.ts)
 * pages every collection it sweeps.
 */
export async function executeSweep(
  kube: KubeClient,
  poke: (hints: Hint[]) => Promise<void>,
  pageSize?: number,
): Promise<SweepReport> {
  const r = await executeSweepPages(kube, rolloutPath(), planRolloutWakes, poke, pageSize);
  return { pages: r.pages, rollouts: r.listed, poked: r.woken };
}
