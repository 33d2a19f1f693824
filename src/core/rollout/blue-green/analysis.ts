import { type RolloutAnalysis, terminateRun } from '../analysis-runs.js';
import { readyForPause } from './scaling.js';
import { syncRun } from '../canary/analysis.js';
import type { PlanContext } from '../plan-context.js';

interface RunRef {
  name: string;
  status: string;
  message?: string;
}

function bgStatus(ctx: PlanContext): Record<string, unknown> {
  ctx.status.blueGreen = { ...ctx.status.blueGreen };
  return ctx.status.blueGreen;
}

/**
 * Pre-promotion analysis (spec §1.7): started once the preview is fully available, it gates the
 * pause and the active switch. Fast-tracked updates skip it. Returns whether promotion may go on.
 */
export function planPrePromotionAnalysis(
  ctx: PlanContext,
  activeHash: string | undefined,
  fastTracked: boolean,
): boolean {
  const analysis = ctx.rollout.spec.strategy?.blueGreen?.prePromotionAnalysis as
    RolloutAnalysis | undefined;
  const s = bgStatus(ctx);
  const ref = s.prePromotionAnalysisRunStatus as RunRef | undefined;
  if (ctx.status.abort || ctx.status.promoteFull) terminateRun(ctx, ref?.name);
  if (!analysis || fastTracked || activeHash === ctx.newHash) return true;
  if (ctx.status.abort || ctx.rollout.spec.paused || !readyForPause(ctx))
    return ref?.status === 'Successful';
  const synced = syncRun(ctx, 'PrePromotion', analysis, ref);
  if (synced.ref) s.prePromotionAnalysisRunStatus = synced.ref;
  return synced.phase === 'Successful';
}

/**
 * Post-promotion analysis (spec §1.7): started after the active Service switched; the new
 * ReplicaSet becomes stable only when it succeeds, and a failure aborts (active goes back).
 */
export function planPostPromotionAnalysis(ctx: PlanContext, fastTracked: boolean): boolean {
  const analysis = ctx.rollout.spec.strategy?.blueGreen?.postPromotionAnalysis as
    RolloutAnalysis | undefined;
  const s = bgStatus(ctx);
  const ref = s.postPromotionAnalysisRunStatus as RunRef | undefined;
  if (ctx.status.abort || ctx.status.promoteFull || ctx.status.stableRS === ctx.newHash)
    terminateRun(ctx, ref?.name);
  if (!analysis || fastTracked || ctx.status.stableRS === ctx.newHash) return true;
  if (ctx.status.abort || s.activeSelector !== ctx.newHash) return false;
  const synced = syncRun(ctx, 'PostPromotion', analysis, ref);
  if (synced.ref) s.postPromotionAnalysisRunStatus = synced.ref;
  return synced.phase === 'Successful';
}
