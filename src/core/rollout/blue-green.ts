import {
  ANNOTATIONS,
  type BlueGreenStrategy,
  LABELS,
  type ReplicaSet,
} from '../../domain/index.js';
import { planAnalysisRunHistory } from './analysis-runs.js';
import { planPostPromotionAnalysis, planPrePromotionAnalysis } from './blue-green-analysis.js';
import { planBlueGreenScaling, readyForPause, saturated } from './blue-green-scaling.js';
import { planEphemeralMetadata } from './ephemeral-metadata.js';
import { pauseEndsAt, startPause } from './pause-timing.js';
import { emit, isoTime, type PlanContext } from './plan-context.js';
import { hashOf, revisionOf } from './replica-sets.js';
import { planRestart } from './restart.js';
import { planRevisionHistory } from './revision-history.js';
import { withinRollbackWindow } from './rollback-window.js';
import { resetForNewUpdate, resolveReplicaSets, trackAbortAndRetry } from './update-lifecycle.js';

const BG_PAUSE = 'BlueGreenPause';

export function strategyOf(ctx: PlanContext): BlueGreenStrategy {
  return ctx.rollout.spec.strategy?.blueGreen ?? {};
}

function selectorHash(ctx: PlanContext, service: string | undefined): string | undefined {
  return service
    ? ctx.o.services.get(service)?.spec?.selector?.[LABELS.podTemplateHash]
    : undefined;
}

function rsByHash(ctx: PlanContext, hash: string | undefined): ReplicaSet | undefined {
  return hash ? [ctx.newRS, ...ctx.olderRSs].find((rs) => rs && hashOf(rs) === hash) : undefined;
}

/** Going back to a ReplicaSet that is stable, still in its scale-down delay, or inside the rollback window skips the pause (spec §1.7). */
export function fastRollback(ctx: PlanContext): boolean {
  if (!ctx.newRS || !ctx.status.stableRS) return false;
  if (ctx.newHash === ctx.status.stableRS) return true;
  const deadline = Date.parse(
    ctx.newRS.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '',
  );
  return (Number.isFinite(deadline) && deadline > ctx.now) || withinRollbackWindow(ctx);
}

/**
 * The blue-green pass (spec §1.7, §8.6, upstream order): preview Service → reset on a new
 * template → restart → ReplicaSet scaling → pause → active Service → promotion.
 */
export function planBlueGreen(ctx: PlanContext): string {
  if (!resolveReplicaSets(ctx)) return 'pod template hash collision';
  const { status } = ctx;
  const bg = strategyOf(ctx);
  if (status.abort && status.stableRS === ctx.newHash) delete status.abort;
  // The preview Service follows the new ReplicaSet at once, ready or not.
  if (bg.previewService && ctx.newHash) switchService(ctx, bg.previewService, ctx.newHash);
  const wasFastRollback = fastRollback(ctx);
  if (ctx.prev.currentPodHash !== ctx.newHash) {
    resetForNewUpdate(ctx, undefined);
    status.blueGreen = { ...status.blueGreen, scaleUpPreviewCheckPoint: false };
    recordSelectors(ctx, bg);
    return 'template changed';
  }
  trackAbortAndRetry(ctx);
  if (planRestart(ctx)) return 'evicted pods for a restart';
  planRevisionHistory(ctx);
  planAnalysisRunHistory(ctx);
  const activeHash = selectorHash(ctx, bg.activeService);
  const fastTracked =
    !activeHash || activeHash === ctx.newHash || !!status.promoteFull || wasFastRollback;
  planBlueGreenScaling(ctx, activeHash);
  const preOk = planPrePromotionAnalysis(ctx, activeHash, fastTracked);
  const pauseDone = preOk && planBlueGreenPause(ctx, activeHash, fastTracked);
  planActiveService(ctx, bg, activeHash, fastTracked || pauseDone);
  recordSelectors(ctx, bg);
  planEphemeralMetadata(ctx);
  // promote --full and fast rollbacks skip post-promotion analysis; the first deploy never runs it.
  const postOk = planPostPromotionAnalysis(ctx, wasFastRollback || !!status.promoteFull);
  planPromotion(ctx, wasFastRollback, postOk);
  return 'reconciled';
}

function recordSelectors(ctx: PlanContext, bg: BlueGreenStrategy): void {
  const active = ctx.pendingActive ?? selectorHash(ctx, bg.activeService);
  const preview = bg.previewService
    ? (ctx.newHash ?? selectorHash(ctx, bg.previewService))
    : undefined;
  ctx.status.blueGreen = {
    ...ctx.status.blueGreen,
    ...(active ? { activeSelector: active } : {}),
    ...(preview ? { previewSelector: preview } : {}),
  };
  if (!active) delete ctx.status.blueGreen.activeSelector;
}

/** BlueGreenPause before promotion when auto-promotion is off or delayed; true once the pause is over (spec §8.6). */
function planBlueGreenPause(
  ctx: PlanContext,
  activeHash: string | undefined,
  fastTracked: boolean,
): boolean {
  const { status, rollout } = ctx;
  const bg = strategyOf(ctx);
  const auto = bg.autoPromotionEnabled !== false;
  const seconds = bg.autoPromotionSeconds ?? 0;
  if (status.blueGreen?.scaleUpPreviewCheckPoint) return true;
  const condition = status.pauseConditions?.find((c) => c.reason === BG_PAUSE);
  if (status.controllerPause && !condition) return true; // the user promoted
  if (auto && seconds === 0) return true;
  if (condition) {
    const endsAt = pauseEndsAt(rollout, condition, seconds);
    if (auto && ctx.now > endsAt) {
      status.pauseConditions = status.pauseConditions?.filter((c) => c.reason !== BG_PAUSE);
      return true;
    }
    if (auto) ctx.wakeAt.push(endsAt + 1);
    return false;
  }
  const canPause =
    !status.abort &&
    !rollout.spec.paused &&
    !fastTracked &&
    activeHash !== ctx.newHash &&
    readyForPause(ctx);
  if (canPause && !status.controllerPause) {
    startPause(ctx, BG_PAUSE, auto ? seconds : undefined);
    emit(ctx, 'RolloutPaused', `Rollout is paused (${BG_PAUSE})`);
  }
  return false;
}

/**
 * Switches the active Service (spec §8.6): to the new ReplicaSet once it is saturated and the pause
 * is over (or the update is fast-tracked), back to stable when aborted; never while `spec.paused`.
 * The ReplicaSet it leaves keeps running until its scale-down deadline.
 */
function planActiveService(
  ctx: PlanContext,
  bg: BlueGreenStrategy,
  activeHash: string | undefined,
  promote: boolean,
): void {
  if (!bg.activeService || ctx.rollout.spec.paused) return;
  let target = activeHash;
  if (ctx.status.abort) target = ctx.status.stableRS ?? activeHash;
  else if (promote && ctx.newRS && readyForPause(ctx) && saturated(ctx, ctx.newRS))
    target = ctx.newHash;
  if (!target || target === activeHash) return;
  const targetRS = rsByHash(ctx, target);
  if (!targetRS || (targetRS.status?.availableReplicas ?? 0) === 0) return;
  switchService(ctx, bg.activeService, target);
  ctx.pendingActive = target;
  const previous = rsByHash(ctx, activeHash);
  if (previous && previous !== targetRS && !ctx.status.abort) {
    // The ReplicaSet that served until now stays up for scaleDownDelaySeconds (spec §1.7).
    const deadline = ctx.now + (bg.scaleDownDelaySeconds ?? 30) * 1000;
    ctx.actions.push({
      kind: 'patchReplicaSet',
      name: previous.metadata.name,
      patch: { metadata: { annotations: { [ANNOTATIONS.scaleDownDeadline]: isoTime(deadline) } } },
    });
    ctx.wakeAt.push(deadline + 1000);
  }
}

function switchService(ctx: PlanContext, name: string, hash: string): void {
  const svc = ctx.o.services.get(name);
  const current = svc?.spec?.selector?.[LABELS.podTemplateHash];
  if (!svc || current === hash) return;
  ctx.actions.push({
    kind: 'patchService',
    name,
    patch: {
      metadata: { annotations: { [ANNOTATIONS.managedBy]: ctx.rollout.metadata.name } },
      spec: { selector: { [LABELS.podTemplateHash]: hash } },
    },
  });
  emit(
    ctx,
    'SwitchService',
    `Switched selector for service '${name}' from '${current ?? ''}' to '${hash}'`,
  );
}

/** Marks the new ReplicaSet stable once the active Service points at it (spec §8.6 `shouldFullPromote`). */
function planPromotion(ctx: PlanContext, wasFastRollback: boolean, postOk: boolean): void {
  const { status } = ctx;
  let reason: string | undefined;
  if (!status.blueGreen?.activeSelector && !ctx.pendingActive && !status.stableRS)
    reason = 'Initial deploy';
  else if (status.blueGreen?.activeSelector !== ctx.newHash || status.stableRS === ctx.newHash)
    return;
  else if (status.promoteFull) reason = 'Full promotion requested';
  else if (wasFastRollback) reason = 'Fast rollback';
  else if (status.abort || !postOk) return;
  else reason = 'Completed blue-green update';
  delete status.pauseConditions;
  delete status.controllerPause;
  delete status.promoteFull;
  status.blueGreen = { ...status.blueGreen, scaleUpPreviewCheckPoint: false };
  status.stableRS = ctx.newHash;
  ctx.progressed = true;
  emit(
    ctx,
    'RolloutCompleted',
    `Rollout completed update to revision ${revisionOf(ctx.newRS)} (${ctx.newHash ?? ''}): ${reason}`,
  );
}
