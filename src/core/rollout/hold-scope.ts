import type { PlanContext } from './plan-context.js';

/**
 * What any hold (a stop switch, a fleet release's) may hold: an update in flight, not aborted and
 * past its first deploy. Abort always works, and a first deploy has nothing to protect.
 */
export function updateInFlight(ctx: PlanContext): boolean {
  const { status } = ctx;
  if (status.abort) return false;
  if (!ctx.stableRS && !status.stableRS) return false;
  return status.stableRS !== ctx.newHash;
}
