import {
  type KubeClient,
  KubeApiError,
  rolloutPath,
  rolloutStatusPath,
} from '../adapters/kube/index.js';
import { createMergePatch } from '../core/merge-diff.js';
import type { Plan } from '../core/rollout/plan-types.js';
import type { AnalysisRun, Rollout } from '../domain/index.js';
import { buildClaim, type Claim } from './claim-patch.js';
import { executeActions } from './execute-actions.js';
import { loadRollout, type RolloutRef } from './load-rollout.js';
import { planFollowUp } from './plan-follow-up.js';
import { recordEvents } from './record-events.js';
import { planHonouringStopSwitches } from './stop-switch-plan.js';

export type ReconcileOutcome = 'committed' | 'unchanged' | 'conflict' | 'gone';

export interface ReconcileResult {
  outcome: ReconcileOutcome;
  plan?: Plan;
  nextReconcileAt?: number;
  /** The Rollout as this reconcile leaves it (observed metadata, the planned status); absent on a conflict. */
  rollout?: Rollout;
  /** False when a commit left nothing another look could do now (`plan-follow-up.ts`). */
  lookAgain?: boolean;
  /** The Rollout's resourceVersion after the commit: what a notification claim is guarded by. */
  committedVersion?: string;
  /** The AnalysisRuns the plan was made from (notification triggers and templates read them). */
  analysisRuns?: AnalysisRun[];
}

export interface ReconcileDeps {
  kube: KubeClient;
  now: () => number;
}

/**
 * One reconcile: load → decide → claim → act → commit (DESIGN §3). The claim and the status
 * commit are both guarded by resourceVersion, so of several concurrent invocations on the same
 * state only one acts and commits; the others stop with `conflict` and change nothing. A plan
 * with nothing to do makes zero writes.
 */
export async function reconcileRollout(
  deps: ReconcileDeps,
  ref: RolloutRef,
): Promise<ReconcileResult> {
  const now = deps.now();
  const loaded = await loadRollout(deps.kube, ref, now);
  if (!loaded) return { outcome: 'gone' };
  const { plan, observed } = await planHonouringStopSwitches(deps.kube, loaded);
  const rollout = observed.rollout;
  const statusPatch = createMergePatch(rollout.status ?? {}, plan.status);
  if (!plan.actions.length && statusPatch === undefined) {
    return {
      outcome: 'unchanged',
      plan,
      rollout: { ...rollout, status: plan.status },
      ...next(plan),
    };
  }
  let claim: Claim | undefined;
  let committedVersion: string | undefined;
  try {
    let resourceVersion = rollout.metadata.resourceVersion;
    if (plan.actions.length) {
      claim = buildClaim(plan.actions, resourceVersion, now);
      const claimed = await deps.kube.mergePatch<Rollout>(
        rolloutPath(ref.namespace, ref.name),
        claim.patch,
      );
      await executeActions(deps.kube, ref, claim.rest);
      resourceVersion = claimed.metadata.resourceVersion;
      if (claim.rest.some((a) => a.kind === 'patchRollout')) {
        // Our own metadata/spec writes moved the version; guard the commit on what we wrote last.
        resourceVersion = (await deps.kube.get<Rollout>(rolloutPath(ref.namespace, ref.name)))
          .metadata.resourceVersion;
      }
    }
    if (statusPatch !== undefined) {
      const committed = await deps.kube.mergePatch<Rollout>(
        rolloutStatusPath(ref.namespace, ref.name),
        { metadata: { resourceVersion }, status: statusPatch },
      );
      resourceVersion = committed.metadata.resourceVersion;
    }
    committedVersion = resourceVersion;
  } catch (e) {
    if (e instanceof KubeApiError && e.isConflict) return { outcome: 'conflict', plan };
    throw e;
  }
  await recordEvents(deps.kube, rollout, plan.events, now);
  return {
    outcome: 'committed',
    plan,
    rollout: { ...rollout, status: plan.status },
    ...next(plan),
    ...planFollowUp(observed, plan, claim),
    ...(committedVersion !== undefined ? { committedVersion } : {}),
    ...(observed.analysisRuns ? { analysisRuns: observed.analysisRuns } : {}),
  };
}

function next(plan: Plan): { nextReconcileAt?: number } {
  return plan.nextReconcileAt !== undefined ? { nextReconcileAt: plan.nextReconcileAt } : {};
}
