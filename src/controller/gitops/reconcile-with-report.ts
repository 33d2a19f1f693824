import type { ReconcileResult } from '../reconcile-rollout.js';
import type { GitOps } from './gitops.js';

/**
 * A Rollout reconcile followed by its GitHub report. The report runs after the commit and cannot
 * fail the reconcile; when GitHub asks us to wait, its retry time becomes a wake-up like any other.
 */
export async function reconcileWithReport(
  reconcile: () => Promise<ReconcileResult>,
  gitops: GitOps | undefined,
): Promise<ReconcileResult> {
  const result = await reconcile();
  if (!gitops || !result.rollout) return result;
  let retryAt: number | undefined;
  try {
    retryAt = await gitops.report(result.rollout);
  } catch {
    // A Kubernetes fault while recording the report: the next reconcile reports again.
  }
  if (retryAt === undefined) return result;
  const next =
    result.nextReconcileAt === undefined ? retryAt : Math.min(result.nextReconcileAt, retryAt);
  return { ...result, nextReconcileAt: next };
}
