import { ANNOTATIONS, DEFAULTS, type RolloutStatus } from '../../domain/index.js';
import { withInjectedAntiAffinity } from './anti-affinity.js';
import { planCanaryScaling, planScalingEvent } from './canary-scaling.js';
import { planCanaryServices } from './canary-services.js';
import { planPauseStep, planStepProgress } from './canary-steps.js';
import { REASONS, removeCondition, setCondition } from './conditions.js';
import { finishStatus } from './finish-status.js';
import { desiredNewReplicaSetMetadata, planEphemeralMetadata, withEphemeralMetadata } from './ephemeral-metadata.js';
import { emit, isoTime, type PlanContext, toPlan } from './plan-context.js';
import type { ObservedRollout, Plan } from './plan-types.js';
import { buildNewReplicaSet, hashOf, maxRevision, revisionOf } from './replica-sets.js';
import { planRestart } from './restart.js';
import { withinRollbackWindow } from './rollback-window.js';
import { planWorkloadRef, resolveWorkloadRef } from './workload-ref.js';
import { planRevisionHistory } from './revision-history.js';
import { stepsOf } from './steps.js';
import { computePodTemplateHash, computeStepsHash, findNewReplicaSet } from './template/index.js';
import { invalidSpecMessage, validateRolloutReferences, validateRolloutSpec } from './validation/index.js';

/**
 * One reconcile of a Rollout, decided without I/O (DESIGN §3 step 2): the actions that bring the
 * cluster toward the spec, the complete new status, the events, and when to look again.
 */
export function planRollout(o: ObservedRollout): Plan {
  const prev: RolloutStatus = o.rollout.status ?? {};
  const ctx: PlanContext = {
    o,
    rollout: o.rollout,
    now: o.now,
    nowIso: isoTime(o.now),
    prev,
    status: structuredClone(prev),
    actions: [],
    events: [],
    wakeAt: [],
    replicas: o.rollout.spec.replicas ?? DEFAULTS.replicas,
    steps: stepsOf(o.rollout),
    olderRSs: [],
    progressed: false,
  };
  if (o.rollout.metadata.deletionTimestamp) return toPlan(ctx, 'being deleted');
  if (o.rollout.spec.replicas === undefined) {
    // Upstream writes the default so an HPA can scale the Rollout (spec §1.1).
    ctx.actions.push({ kind: 'patchRollout', patch: { spec: { replicas: DEFAULTS.replicas } } });
    return toPlan(ctx, 'defaulted spec.replicas');
  }
  const specErrors = validateRolloutSpec(o.rollout);
  if (specErrors.length) return invalid(ctx, specErrors[0] ?? 'invalid');
  if (o.rollout.spec.workloadRef) {
    // The template and selector come from the referenced workload, in memory only (spec §1.1).
    const resolved = resolveWorkloadRef(o.rollout, o.workload);
    if ('error' in resolved) return invalid(ctx, resolved.error);
    ctx.rollout = resolved.rollout;
  }
  const refErrors = [...(o.rollout.spec.workloadRef ? validateRolloutSpec(ctx.rollout, { templateResolvedFromRef: true }) : []), ...validateRolloutReferences(ctx.rollout, { services: o.services })];
  if (refErrors.length) return invalid(ctx, refErrors[0] ?? 'invalid');
  removeCondition(ctx.status, 'InvalidSpec');
  if (!ctx.rollout.spec.strategy?.canary) return toPlan(ctx, 'only the canary strategy is reconciled so far');
  return finish(ctx, planCanary(ctx));
}

/** The canary pass (spec §8.1 canary order); returns why the plan stops where it does. */
function planCanary(ctx: PlanContext): string {
  if (!resolveReplicaSets(ctx)) return 'pod template hash collision';
  const { status } = ctx;
  if (status.abort && status.stableRS === ctx.newHash) delete status.abort; // fully promoted: abort means nothing
  const stepsHash = computeStepsHash(ctx.steps);
  if (ctx.prev.currentPodHash !== ctx.newHash || ctx.prev.currentStepHash !== stepsHash) {
    resetForNewUpdate(ctx, stepsHash);
    return 'template or steps changed';
  }
  trackAbortAndRetry(ctx);
  if (planScalingEvent(ctx)) return 'scaling event';
  if (planRestart(ctx)) return 'evicted pods for a restart';
  planEphemeralMetadata(ctx);
  planRevisionHistory(ctx);
  planCanaryServices(ctx);
  if (planCanaryScaling(ctx)) return 'scaled replica sets';
  planPauseStep(ctx);
  planStepProgress(ctx);
  return 'reconciled';
}

function finish(ctx: PlanContext, reason: string): Plan {
  finishStatus(ctx);
  planWorkloadRef(ctx, ctx.o.workload);
  return toPlan(ctx, reason);
}

function invalid(ctx: PlanContext, error: string): Plan {
  const { status, rollout } = ctx;
  setCondition(status, { type: 'InvalidSpec', status: 'True', reason: REASONS.invalidSpec, message: invalidSpecMessage(rollout, error) }, ctx.nowIso);
  status.observedGeneration = String(rollout.metadata.generation ?? 0);
  status.phase = 'Degraded';
  status.message = `${REASONS.invalidSpec}: ${invalidSpecMessage(rollout, error)}`;
  if (!ctx.prev.conditions?.some((c) => c.type === 'InvalidSpec' && c.message === invalidSpecMessage(rollout, error))) {
    emit(ctx, REASONS.invalidSpec, invalidSpecMessage(rollout, error), 'Warning');
  }
  ctx.wakeAt.push(ctx.now + DEFAULTS.invalidSpecRequeueMs);
  return toPlan(ctx, 'invalid spec');
}

/**
 * Finds (or plans the creation of) the ReplicaSet for the current template and classifies the
 * others (spec §8.1 steps 3 and 6). Returns false on a name collision with a foreign template.
 */
function resolveReplicaSets(ctx: PlanContext): boolean {
  const { rollout, status } = ctx;
  const rss = ctx.o.replicaSets.filter((rs) => !rs.metadata.deletionTimestamp);
  let newRS = findNewReplicaSet(rollout, rss);
  const others = rss.filter((rs) => rs !== newRS);
  if (!newRS) {
    const hash = computePodTemplateHash(rollout.spec.template ?? {}, status.collisionCount);
    if (ctx.o.replicaSets.some((rs) => rs.metadata.name === `${rollout.metadata.name}-${hash}`)) {
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      ctx.olderRSs = others;
      return false;
    }
    const revision = maxRevision(rss) + 1;
    newRS = buildNewReplicaSet(rollout, hash, revision, ctx.replicas);
    newRS = withEphemeralMetadata(withInjectedAntiAffinity(newRS, rollout, status.stableRS), desiredNewReplicaSetMetadata(rollout, hash, status.stableRS));
    ctx.actions.push({ kind: 'createReplicaSet', replicaSet: newRS });
    ctx.actions.push({ kind: 'patchRollout', patch: { metadata: { annotations: { [ANNOTATIONS.revision]: String(revision) } } } });
    emit(ctx, 'RolloutUpdated', `Rollout updated to revision ${revision}`);
    emit(ctx, 'NewReplicaSetCreated', `Created ReplicaSet ${newRS.metadata.name} (revision ${revision})`);
    setCondition(status, { type: 'Progressing', status: 'True', reason: REASONS.newRSCreated, message: `Created new replica set "${newRS.metadata.name}"` }, ctx.nowIso, { touch: true });
  } else {
    syncRevision(ctx, newRS, maxRevision(others));
  }
  ctx.newRS = newRS;
  ctx.newHash = hashOf(newRS);
  ctx.stableRS = status.stableRS ? rss.find((rs) => hashOf(rs) === status.stableRS) : undefined;
  ctx.olderRSs = others;
  return true;
}

/** A re-used ReplicaSet (undo, rollback) takes the next revision and remembers its old one (spec §1.8). */
function syncRevision(ctx: PlanContext, newRS: NonNullable<PlanContext['newRS']>, maxOther: number): void {
  const { rollout } = ctx;
  const current = revisionOf(newRS);
  let revision = current;
  const annotations: Record<string, string> = {};
  if (current <= maxOther) {
    revision = maxOther + 1;
    const history = newRS.metadata.annotations?.[ANNOTATIONS.revisionHistory];
    annotations[ANNOTATIONS.revision] = String(revision);
    if (current > 0) annotations[ANNOTATIONS.revisionHistory] = history ? `${history},${current}` : String(current);
  }
  const minReady = rollout.spec.minReadySeconds ?? 0;
  const spec = newRS.spec.minReadySeconds !== minReady ? { minReadySeconds: minReady } : undefined;
  if (Object.keys(annotations).length || spec) {
    ctx.actions.push({ kind: 'patchReplicaSet', name: newRS.metadata.name, patch: { ...(spec ? { spec } : {}), ...(Object.keys(annotations).length ? { metadata: { annotations } } : {}) } });
    newRS.metadata = { ...newRS.metadata, annotations: { ...newRS.metadata.annotations, ...annotations } };
  }
  if (rollout.metadata.annotations?.[ANNOTATIONS.revision] !== String(revision)) {
    ctx.actions.push({ kind: 'patchRollout', patch: { metadata: { annotations: { [ANNOTATIONS.revision]: String(revision) } } } });
  }
}

/** A new template or new steps start a fresh update (spec §8.5 step 1); going back to stable skips the steps. */
function resetForNewUpdate(ctx: PlanContext, stepsHash: string): void {
  const { status, rollout, steps } = ctx;
  delete status.pauseConditions;
  delete status.controllerPause;
  delete status.abort;
  delete status.abortedAt;
  delete status.promoteFull;
  if (status.canary) {
    delete status.canary.currentStepAnalysisRunStatus;
    delete status.canary.currentBackgroundAnalysisRunStatus;
  }
  if (rollout.spec.restartAt) status.restartedAt = rollout.spec.restartAt;
  status.currentPodHash = ctx.newHash;
  status.currentStepHash = stepsHash;
  if (steps.length) status.currentStepIndex = 0;
  else delete status.currentStepIndex;
  if (status.stableRS && status.stableRS === ctx.newHash && ctx.prev.currentPodHash !== undefined) {
    if (steps.length) status.currentStepIndex = steps.length;
    emit(ctx, 'SkipSteps', 'Rollback to stable ReplicaSets');
  } else if (withinRollbackWindow(ctx)) {
    if (steps.length) status.currentStepIndex = steps.length;
    emit(ctx, 'SkipSteps', 'Rollback within window');
  } else if (status.stableRS && status.stableRS !== ctx.newHash && ctx.prev.currentPodHash) {
    emit(ctx, 'RolloutNotCompleted', `Rollout went to not completed state started update to revision ${revisionOf(ctx.newRS)} (${ctx.newHash ?? ''})`);
  }
  if (getProgressingReason(status) === REASONS.aborted || getProgressingReason(status) === REASONS.timedOut) {
    setCondition(status, { type: 'Progressing', status: 'True', reason: REASONS.rsUpdated, message: `ReplicaSet "${ctx.newRS?.metadata.name ?? ''}" is progressing.` }, ctx.nowIso, { touch: true });
  }
  ctx.progressed = true;
}

function getProgressingReason(status: RolloutStatus): string | undefined {
  return status.conditions?.find((c) => c.type === 'Progressing')?.reason;
}

/** `status.abort` set by the user (or a failure) marks abortedAt once; clearing it is a retry (spec §1.8, §8.7). */
function trackAbortAndRetry(ctx: PlanContext): void {
  const { status, nowIso } = ctx;
  if (status.abort) {
    if (!status.abortedAt) {
      status.abortedAt = nowIso;
      const message = `Rollout aborted update to revision ${revisionOf(ctx.newRS)}`;
      setCondition(status, { type: 'Progressing', status: 'False', reason: REASONS.aborted, message }, nowIso);
      emit(ctx, REASONS.aborted, message, 'Warning');
    }
    delete status.pauseConditions;
    delete status.controllerPause;
    return;
  }
  if (status.abortedAt) {
    delete status.abortedAt;
    status.currentStepIndex = ctx.steps.length ? 0 : undefined;
    if (status.currentStepIndex === undefined) delete status.currentStepIndex;
    setCondition(status, { type: 'Progressing', status: 'Unknown', reason: REASONS.retry, message: 'Retrying Rollout after abort' }, nowIso);
    emit(ctx, REASONS.retry, 'Retrying Rollout after abort');
    ctx.progressed = true;
  }
}
