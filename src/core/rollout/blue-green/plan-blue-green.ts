import {
  ANNOTATIONS,
  type BlueGreenStrategy,
  LABELS,
  type ReplicaSet,
} from '../../../domain/index.js';
import { planAnalysisRunHistory } from '../analysis-runs.js';
import { planPostPromotionAnalysis, planPrePromotionAnalysis } from './analysis.js';
import { planBlueGreenScaling, readyForPause, saturated } from './scaling.js';
import { planEphemeralMetadata } from '../ephemeral-metadata.js';
import { pauseEndsAt, startPause } from '../pause-timing.js';
import { isoTime } from '../../../domain/time.js';
import { emit, type PlanContext } from '../plan-context.js';
import { holdsPause } from '../release-hold.js';
import { heldEnd, holdsUpdate, markHeld } from '../stop-switch-hold.js';
import { endPlan, GO_ON, type PlanEnd, type StageOutcome } from '../plan-end.js';
import { runStages, type Stage, waitingOn } from '../stages.js';
import { planSelectorSwitch } from '../switch-service.js';
import { hashOf, revisionOf } from '../replica-sets.js';
import { planRestart } from '../restart.js';
import { planRevisionHistory } from '../revision-history.js';
import { goesBackToOlder, withinRollbackWindow } from '../rollback-window.js';
import {
  dropAbortWhenPromoted,
  resetForNewUpdate,
  resolveReplicaSets,
  trackAbortAndRetry,
} from '../update-lifecycle.js';

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

/**
 * Going back to a ReplicaSet that is stable, still in its scale-down delay, or inside the rollback
 * window skips the pause (spec §1.7, §8.6). Only going back counts: an update retried after an
 * abort still carries the deadline its abort set, and pauses again (spec §8.7 retry).
 */
export function fastRollback(ctx: PlanContext): boolean {
  if (!ctx.newRS || !ctx.status.stableRS) return false;
  if (ctx.newHash === ctx.status.stableRS) return true;
  if (!goesBackToOlder(ctx)) return false;
  const deadline = Date.parse(
    ctx.newRS.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '',
  );
  return (Number.isFinite(deadline) && deadline > ctx.now) || withinRollbackWindow(ctx);
}

/**
 * Up to the restart, the blue-green pass may end early as the canary one does (spec §8.1
 * "Blue-green pass order"); the stages that return a `StageOutcome` say why.
 */
const BLUE_GREEN_START: readonly Stage[] = [
  resolveReplicaSets, // PodTemplateHashCollision
  dropAbortWhenPromoted,
  planPreviewService,
  startUpdateOnChange, // UpdateStarted
  trackAbortAndRetry,
  planRestart, // PodsEvicted
  planRevisionHistory,
  planAnalysisRunHistory,
];

/**
 * One blue-green reconcile (spec §1.7, §8.6): the start above, then stages that feed each other:
 * scaling → pre-promotion analysis → pause → active Service → post-promotion analysis → promotion.
 */
export function planBlueGreen(ctx: PlanContext): PlanEnd {
  const ended = runStages(ctx, BLUE_GREEN_START);
  if (ended) return ended;
  const { status } = ctx;
  const bg = strategyOf(ctx);
  const wasFastRollback = fastRollback(ctx);
  const activeHash = selectorHash(ctx, bg.activeService);
  const fastTracked =
    !activeHash || activeHash === ctx.newHash || !!status.promoteFull || wasFastRollback;
  // A stop switch (or a release's step hold) holds everything past the preview: the pause, the
  // switch and the promotion; a requested full promotion waits whole (it would scale, switch and
  // end analyses).
  const held = !!activeHash && holdsUpdate(ctx);
  if (held && status.promoteFull) {
    markHeld(ctx);
    return heldEnd(ctx);
  }
  planBlueGreenScaling(ctx, activeHash);
  const preOk = planPrePromotionAnalysis(ctx, activeHash, fastTracked);
  const pauseDone = preOk && planBlueGreenPause(ctx, activeHash, fastTracked, held);
  // Lockstep (issue 21 §3): the pause ends only by a promote, so its end is no reason to wake.
  if (holdsPause(ctx)) markHeld(ctx);
  planActiveService(ctx, bg, activeHash, !held && (fastTracked || pauseDone));
  recordSelectors(ctx, bg);
  planEphemeralMetadata(ctx);
  // promote --full and fast rollbacks skip post-promotion analysis; the first deploy never runs it.
  const postOk = planPostPromotionAnalysis(ctx, wasFastRollback || !!status.promoteFull);
  if (held) {
    markHeld(ctx);
    return heldEnd(ctx);
  }
  return planPromotion(ctx, wasFastRollback, postOk) ? 'RolloutCompleted' : waitingOn(ctx);
}

/** The preview Service follows the new ReplicaSet at once, ready or not (spec §1.7). */
function planPreviewService(ctx: PlanContext): void {
  const preview = strategyOf(ctx).previewService;
  if (preview && ctx.newHash) switchService(ctx, preview, ctx.newHash);
}

/** A new template only resets the status this reconcile (spec §8.1 "template changed ⇒ status only"). */
function startUpdateOnChange(ctx: PlanContext): StageOutcome {
  if (ctx.prev.currentPodHash === ctx.newHash) return GO_ON;
  resetForNewUpdate(ctx, undefined);
  ctx.status.blueGreen = { ...ctx.status.blueGreen, scaleUpPreviewCheckPoint: false };
  recordSelectors(ctx, strategyOf(ctx));
  return endPlan('UpdateStarted');
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
  held: boolean,
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
    if (auto && ctx.now > endsAt && !held && !holdsPause(ctx)) {
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
  planSelectorSwitch(ctx, name, current, hash);
}

/**
 * Marks the new ReplicaSet stable once the active Service points at it (spec §8.6
 * `shouldFullPromote`); true when it did.
 */
function planPromotion(ctx: PlanContext, wasFastRollback: boolean, postOk: boolean): boolean {
  const { status } = ctx;
  let reason: string | undefined;
  if (!status.blueGreen?.activeSelector && !ctx.pendingActive && !status.stableRS)
    reason = 'Initial deploy';
  else if (status.blueGreen?.activeSelector !== ctx.newHash || status.stableRS === ctx.newHash)
    return false;
  else if (status.promoteFull) reason = 'Full promotion requested';
  else if (wasFastRollback) reason = 'Fast rollback';
  else if (status.abort || !postOk) return false;
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
  return true;
}
