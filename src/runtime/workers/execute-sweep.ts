import { type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import type { Rollout } from '../../domain/index.js';
import type { Hint } from '../../http/hooks/index.js';
import { planSweepPage } from './sweep-plan.js';

export interface SweepReport {
  pages: number;
  rollouts: number;
  poked: number;
}

const PAGE_SIZE = 250;

/**
 * The cron resync sweep: lists Rollouts a page at a time (so memory stays flat in a 128 MB
 * isolate) and pokes each that needs a look. A poke is only a hint: the object re-reads.
 */
export async function executeSweep(
  kube: KubeClient,
  poke: (hints: Hint[]) => Promise<void>,
  pageSize = PAGE_SIZE,
): Promise<SweepReport> {
  const report: SweepReport = { pages: 0, rollouts: 0, poked: 0 };
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (token) q.set('continue', token);
    const page = await kube.get<{ items?: Rollout[]; metadata?: { continue?: string } }>(
      `${rolloutPath()}?${q}`,
    );
    const items = page.items ?? [];
    const hints = planSweepPage(items);
    if (hints.length) await poke(hints);
    report.pages++;
    report.rollouts += items.length;
    report.poked += hints.length;
    token = page.metadata?.continue || undefined;
  } while (token);
  return report;
}
