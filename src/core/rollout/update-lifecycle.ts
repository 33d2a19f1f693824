/** What canary and blue-green share: finding the new ReplicaSet, starting an update, abort and retry. */
import { ANNOTATIONS, type RolloutStatus } from '../../domain/index.js';
import { withInjectedAntiAffinity } from './anti-affinity.js';
import { REASONS, setCondition } from './conditions.js';
import { desiredNewReplicaSetMetadata, withEphemeralMetadata } from './ephemeral-metadata.js';
import { emit, type PlanContext } from './plan-context.js';
import { endPlan, GO_ON, type StageOutcome } from './plan-end.js';
import { buildNewReplicaSet, hashOf, maxRevision, revisionOf } from './replica-sets.js';
import { withinRollbackWindow } from './rollback-window.js';
import { computePodTemplateHash, findNewReplicaSet } from './template/index.js';

/**
 * Finds (or plans the creation of) the ReplicaSet for the current template and classifies the
 * others (spec §8.1 steps 3 and 6). A name collision with a foreign template ends the plan: the
 * bumped collisionCount gives the next reconcile another name.
 */
export function resolveReplicaSets(ctx: PlanContext): StageOutcome {
  const { rollout, status } = ctx;
  const rss = ctx.o.replicaSets.filter((rs) => !rs.metadata.deletionTimestamp);
  let newRS = findNewReplicaSet(rollout, rss);
  const others = rss.filter((rs) => rs !== newRS);
  if (!newRS) {
    const hash = computePodTemplateHash(rollout.spec.template ?? {}, status.collisionCount);
    if (ctx.o.replicaSets.some((rs) => rs.metadata.name === `${rollout.metadata.name}-${hash}`)) {
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      ctx.olderRSs = others;
      return endPlan('PodTemplateHashCollision');
    }
    const revision = maxRevision(rss) + 1;
    newRS = buildNewReplicaSet(rollout, hash, revision, ctx.replicas);
    newRS = withEphemeralMetadata(
      withInjectedAntiAffinity(newRS, rollout, status.stableRS),
      desiredNewReplicaSetMetadata(
        rollout,
        hash,
        status.stableRS,
        status.blueGreen?.activeSelector,
      ),
    );
    ctx.actions.push({ kind: 'createReplicaSet', replicaSet: newRS });
    ctx.actions.push({
      kind: 'patchRollout',
      patch: { metadata: { annotations: { [ANNOTATIONS.revision]: String(revision) } } },
    });
    emit(ctx, 'RolloutUpdated', `Rollout updated to revision ${revision}`);
    emit(
      ctx,
      'NewReplicaSetCreated',
      `Created ReplicaSet ${newRS.metadata.name} (revision ${revision})`,
    );
    setCondition(
      status,
      {
        type: 'Progressing',
        status: 'True',
        reason: REASONS.newRSCreated,
        message: `Created new replica set "${newRS.metadata.name}"`,
      },
      ctx.nowIso,
      { touch: true },
    );
  } else {
    syncRevision(ctx, newRS, maxRevision(others));
  }
  ctx.newRS = newRS;
  ctx.newHash = hashOf(newRS);
  ctx.stableRS = status.stableRS ? rss.find((rs) => hashOf(rs) === status.stableRS) : undefined;
  ctx.olderRSs = others;
  return GO_ON;
}

/** A fully promoted Rollout has nothing to abort: the flag is dropped silently (spec §8.1 step 7). */
export function dropAbortWhenPromoted(ctx: PlanContext): void {
  if (ctx.status.abort && ctx.status.stableRS === ctx.newHash) delete ctx.status.abort;
}

/** A re-used ReplicaSet (undo, rollback) takes the next revision and remembers its old one (spec §1.8). */
function syncRevision(
  ctx: PlanContext,
  newRS: NonNullable<PlanContext['newRS']>,
  maxOther: number,
): void {
  const { rollout } = ctx;
  const current = revisionOf(newRS);
  let revision = current;
  const annotations: Record<string, string> = {};
  if (current <= maxOther) {
    revision = maxOther + 1;
    const history = newRS.metadata.annotations?.[ANNOTATIONS.revisionHistory];
    annotations[ANNOTATIONS.revision] = String(revision);
    if (current > 0)
      annotations[ANNOTATIONS.revisionHistory] = history
        ? `${history},${current}`
        : String(current);
  }
  const minReady = rollout.spec.minReadySeconds ?? 0;
  // A real API server omits a zero minReadySeconds from what it returns: absent is 0, not a change.
  const spec =
    (newRS.spec.minReadySeconds ?? 0) !== minReady ? { minReadySeconds: minReady } : undefined;
  if (Object.keys(annotations).length || spec) {
    ctx.actions.push({
      kind: 'patchReplicaSet',
      name: newRS.metadata.name,
      patch: {
        ...(spec ? { spec } : {}),
        ...(Object.keys(annotations).length ? { metadata: { annotations } } : {}),
      },
    });
    newRS.metadata = {
      ...newRS.metadata,
      annotations: { ...newRS.metadata.annotations, ...annotations },
    };
  }
  if (rollout.metadata.annotations?.[ANNOTATIONS.revision] !== String(revision)) {
    ctx.actions.push({
      kind: 'patchRollout',
      patch: { metadata: { annotations: { [ANNOTATIONS.revision]: String(revision) } } },
    });
  }
}

/** A new template or new steps start a fresh update (spec §8.5 step 1); going back to stable skips the steps. */
export function resetForNewUpdate(ctx: PlanContext, stepsHash: string | undefined): void {
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
  if (stepsHash === undefined) delete status.currentStepHash;
  else status.currentStepHash = stepsHash;
  if (steps.length) status.currentStepIndex = 0;
  else delete status.currentStepIndex;
  if (status.stableRS && status.stableRS === ctx.newHash && ctx.prev.currentPodHash !== undefined) {
    if (steps.length) status.currentStepIndex = steps.length;
    emit(ctx, 'SkipSteps', 'Rollback to stable ReplicaSets');
  } else if (withinRollbackWindow(ctx)) {
    if (steps.length) status.currentStepIndex = steps.length;
    emit(ctx, 'SkipSteps', 'Rollback within window');
  } else if (status.stableRS && status.stableRS !== ctx.newHash && ctx.prev.currentPodHash) {
    emit(
      ctx,
      'RolloutNotCompleted',
      `Rollout went to not completed state started update to revision ${revisionOf(ctx.newRS)} (${ctx.newHash ?? ''})`,
    );
  }
  if (
    getProgressingReason(status) === REASONS.aborted ||
    getProgressingReason(status) === REASONS.timedOut
  ) {
    setCondition(
      status,
      {
        type: 'Progressing',
        status: 'True',
        reason: REASONS.rsUpdated,
        message: `ReplicaSet "${ctx.newRS?.metadata.name ?? ''}" is progressing.`,
      },
      ctx.nowIso,
      { touch: true },
    );
  }
  ctx.progressed = true;
}

function getProgressingReason(status: RolloutStatus): string | undefined {
  return status.conditions?.find((c) => c.type === 'Progressing')?.reason;
}

/** `status.abort` set by the user (or a failure) marks abortedAt once; clearing it is a retry (spec §1.8, §8.7). */
/** Aborts now, with the reason upstream appends (e.g. a failed analysis, spec §2.6). */
export function abortWith(ctx: PlanContext, reason?: string): void {
  const { status, nowIso } = ctx;
  status.abort = true;
  if (status.abortedAt) return;
  status.abortedAt = nowIso;
  const message = `Rollout aborted update to revision ${revisionOf(ctx.newRS)}${reason ? `: ${reason}` : ''}`;
  setCondition(
    status,
    { type: 'Progressing', status: 'False', reason: REASONS.aborted, message },
    nowIso,
  );
  emit(ctx, REASONS.aborted, message, 'Warning');
  delete status.pauseConditions;
  delete status.controllerPause;
}

/**
 * An abort progressDeadlineAbort made (finish-status.ts) carries the timeout's message, as
 * upstream's does: "Rollout aborted update to revision 2: ReplicaSet "x" has timed out progressing."
 */
function deadlineAbortReason(ctx: PlanContext): string | undefined {
  const progressing = ctx.status.conditions?.find((c) => c.type === 'Progressing');
  return ctx.rollout.spec.progressDeadlineAbort && progressing?.reason === REASONS.timedOut
    ? progressing.message
    : undefined;
}

export function trackAbortAndRetry(ctx: PlanContext): void {
  const { status } = ctx;
  const nowIso = ctx.nowIso;
  if (status.abort) {
    if (!status.abortedAt) abortWith(ctx, deadlineAbortReason(ctx));
    delete status.pauseConditions;
    delete status.controllerPause;
    return;
  }
  if (status.abortedAt) {
    delete status.abortedAt;
    status.currentStepIndex = ctx.steps.length ? 0 : undefined;
    if (status.currentStepIndex === undefined) delete status.currentStepIndex;
    setCondition(
      status,
      {
        type: 'Progressing',
        status: 'Unknown',
        reason: REASONS.retry,
        message: 'Retrying Rollout after abort',
      },
      nowIso,
    );
    emit(ctx, REASONS.retry, 'Retrying Rollout after abort');
    ctx.progressed = true;
  }
}
