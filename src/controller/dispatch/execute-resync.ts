import {
  analysisRunPath,
  experimentPath,
  type KubeClient,
  KubeApiError,
  rolloutPath,
} from '../../adapters/kube/index.js';
import type { ReconcileHint } from '../../domain/hint.js';
import { planAnalysisRunWakes, planExperimentWakes, planRolloutWakes } from './plan-resync.js';

export interface PagesReport {
  pages: number;
  listed: number;
  woken: number;
}

export interface ResyncReport {
  pages: number;
  rollouts: number;
  experiments: number;
  analysisRuns: number;
  woken: number;
}

type Wake = (hints: ReconcileHint[]) => Promise<void> | void;

const PAGE_SIZE = 250;

/**
 * Lists one collection a page at a time (memory stays flat in a 128 MB isolate) and hands each
 * page's wakes over before reading the next. A collection that is not served (its CRD is not
 * installed) has nothing to wake.
 */
export async function executeSweepPages<T>(
  kube: KubeClient,
  path: string,
  plan: (items: readonly T[]) => ReconcileHint[],
  wake: Wake,
  pageSize = PAGE_SIZE,
): Promise<PagesReport> {
  const report: PagesReport = { pages: 0, listed: 0, woken: 0 };
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ limit: String(pageSize) });
    if (token) q.set('continue', token);
    let page: { items?: T[]; metadata?: { continue?: string } };
    try {
      page = await kube.get(`${path}?${q}`);
    } catch (e) {
      if (e instanceof KubeApiError && e.isNotFound && report.pages === 0) return report;
      throw e;
    }
    const items = page.items ?? [];
    const hints = plan(items);
    if (hints.length) await wake(hints);
    report.pages++;
    report.listed += items.length;
    report.woken += hints.length;
    token = page.metadata?.continue || undefined;
  } while (token);
  return report;
}

/** The resync sweep over Rollouts, Experiments and AnalysisRuns (see `plan-resync.ts`). */
export async function executeResync(
  kube: KubeClient,
  wake: Wake,
  pageSize = PAGE_SIZE,
): Promise<ResyncReport> {
  const rollouts = await executeSweepPages(kube, rolloutPath(), planRolloutWakes, wake, pageSize);
  const experiments = await executeSweepPages(
    kube,
    experimentPath(),
    planExperimentWakes,
    wake,
    pageSize,
  );
  const runs = await executeSweepPages(
    kube,
    analysisRunPath(),
    planAnalysisRunWakes,
    wake,
    pageSize,
  );
  return {
    pages: rollouts.pages + experiments.pages + runs.pages,
    rollouts: rollouts.listed,
    experiments: experiments.listed,
    analysisRuns: runs.listed,
    woken: rollouts.woken + experiments.woken + runs.woken,
  };
}
