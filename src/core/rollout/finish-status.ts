import { ANNOTATIONS, LABELS } from '../../domain/index.js';
import { getCondition, REASONS, setCondition } from './conditions.js';
import { currentStep } from './steps.js';
import { computePhase } from './phase.js';
import type { PlanContext } from './plan-context.js';
import { blueGreenCounts, canaryCounts } from './status-counts.js';
import { availableOf } from './replica-sets.js';

/**
 * The part of every reconcile that completes the status (spec §8.1 step 11, §8.9): replica
 * counts, Available / Healthy / Completed / Progressing conditions with the progress deadline,
 * observedGeneration (a string), phase and message.
 */
export function finishStatus(ctx: PlanContext): void {
  const { rollout, status, nowIso } = ctx;
  const all = [...ctx.olderRSs, ...(ctx.newRS ? [ctx.newRS] : [])];
  const blueGreen = rollout.spec.strategy?.blueGreen;
  const activeHash = status.blueGreen?.activeSelector;
  const activeRS = all.find((rs) => rs.metadata.labels?.[LABELS.podTemplateHash] === activeHash);
  Object.assign(
    status,
    blueGreen
      ? blueGreenCounts(all, ctx.newRS, activeRS, rollout.spec.selector, activeHash)
      : canaryCounts(all, ctx.newRS, rollout.spec.selector),
  );
  status.observedGeneration = String(rollout.metadata.generation ?? 0);
  if (status.pauseConditions && status.pauseConditions.length === 0) delete status.pauseConditions;
  if (!status.pauseConditions?.length && status.controllerPause === false)
    delete status.controllerPause;
  // Upstream rebuilds controllerPause from the pause conditions on every reconcile, so a resume
  // (pause conditions cleared) seen while spec.paused is still set is consumed without completing
  // the step: `pause` then `promote` at a pause step (the plugin clears the conditions, then
  // unpauses) re-pauses at the same step (found by test/upstream/differential).
  if (!status.pauseConditions?.length && rollout.spec.paused) delete status.controllerPause;

  const replicas = ctx.replicas;
  const available = (status.availableReplicas ?? 0) >= replicas;
  setCondition(
    status,
    {
      type: 'Available',
      status: available ? 'True' : 'False',
      reason: REASONS.available,
      message: available
        ? 'Rollout has minimum availability'
        : 'Rollout does not have minimum availability',
    },
    nowIso,
  );

  const completed = !!status.stableRS && status.stableRS === status.currentPodHash;
  setCondition(
    status,
    {
      type: 'Completed',
      status: completed ? 'True' : 'False',
      reason: REASONS.completed,
      message: REASONS.completed,
    },
    nowIso,
  );

  // The Paused condition mirrors `spec.paused || pauseConditions` so `kubectl wait --for=condition=Paused` works,
  // except while an abort stands: upstream leaves it as it was then (rollout/sync.go checkPausedConditions),
  // so after `abort` at a pause it stays True until the retry (found by test/upstream/differential).
  const paused = !!rollout.spec.paused || !!status.pauseConditions?.length;
  const abortStands = [ctx.prev, status].some(
    (s) => getCondition(s, 'Progressing')?.reason === REASONS.aborted,
  );
  if (abortStands) {
    /* left as it was */
  } else if (paused)
    setCondition(
      status,
      { type: 'Paused', status: 'True', reason: REASONS.paused, message: 'Rollout is paused' },
      nowIso,
    );
  else if (getCondition(status, 'Paused'))
    setCondition(
      status,
      { type: 'Paused', status: 'False', reason: REASONS.paused, message: 'Rollout is resumed' },
      nowIso,
    );
  const stepsDone = (status.currentStepIndex ?? ctx.steps.length) >= ctx.steps.length;
  const servicesOnCurrent =
    !blueGreen ||
    (activeHash === status.currentPodHash &&
      (!blueGreen.previewService || status.blueGreen?.previewSelector === status.currentPodHash));
  const healthy =
    !paused &&
    completed &&
    stepsDone &&
    servicesOnCurrent &&
    status.updatedReplicas === replicas &&
    status.availableReplicas === replicas &&
    (blueGreen ? true : status.replicas === replicas) &&
    availableOf(ctx.newRS) === replicas;
  setCondition(
    status,
    {
      type: 'Healthy',
      status: healthy ? 'True' : 'False',
      reason: REASONS.healthy,
      message: healthy ? 'Rollout is healthy' : 'Rollout is not healthy',
    },
    nowIso,
  );

  updateProgressing(ctx, healthy, completed, paused);
  if (status.conditions)
    status.conditions.sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  const { phase, message } = computePhase(rollout, status);
  status.phase = phase;
  status.message = message;
}

const ORDER = [
  'Progressing',
  'Paused',
  'Available',
  'Healthy',
  'Completed',
  'InvalidSpec',
  'ReplicaFailure',
];

function updateProgressing(
  ctx: PlanContext,
  healthy: boolean,
  completed: boolean,
  paused: boolean,
): void {
  const { status, nowIso, now, rollout } = ctx;
  const name = ctx.newRS?.metadata.name ?? '';
  const set = (st: 'True' | 'False' | 'Unknown', reason: string, message: string, touch = false) =>
    setCondition(status, { type: 'Progressing', status: st, reason, message }, nowIso, { touch });
  const before = getCondition(status, 'Progressing');
  if (before?.reason === REASONS.aborted) return;
  if (healthy)
    return set('True', REASONS.newRSAvailable, `ReplicaSet "${name}" has successfully progressed.`);
  if (paused) {
    // Paused time never counts against the deadline; only written while an update is in flight.
    // A completed Rollout paused (`pause` while Healthy) keeps NewReplicaSetAvailable, as upstream.
    if (!completed && before?.reason !== REASONS.paused)
      set('Unknown', REASONS.paused, 'Rollout is paused');
    return;
  }
  if (completed && before?.reason === REASONS.newRSAvailable)
    return set('True', REASONS.rsNotAvailable, 'Rollout does not have minimum availability');
  if (before?.reason === REASONS.paused) {
    set('Unknown', REASONS.resumed, 'Rollout is resumed');
    // Upstream's event marks the controller ending a pause (a timed pause step ran out); a resume
    // by `promote` cleared the pause conditions before this reconcile read them and has none.
    if (ctx.prev.pauseConditions?.length)
      ctx.events.push({ type: 'Normal', reason: 'RolloutResumed', message: 'Rollout is resumed' });
    ctx.progressed = true;
  }
  if (
    ctx.progressed ||
    !before ||
    before.reason === REASONS.resumed ||
    before.reason === REASONS.retry
  ) {
    set('True', REASONS.rsUpdated, `ReplicaSet "${name}" is progressing.`, true);
  }
  const current = getCondition(status, 'Progressing');
  if (
    current?.reason === REASONS.timedOut &&
    rollout.spec.progressDeadlineAbort &&
    !completed &&
    !status.abort
  ) {
    // progressDeadlineAbort also applies to a deadline that had already passed when it was turned on.
    status.abort = true;
    return;
  }
  const step = currentStep(rollout, status.currentStepIndex);
  const indefiniteStep = !!step && (!!step.pause || !!step.analysis || !!step.experiment);
  // Waiting for another ReplicaSet's scale-down deadline is not a lack of progress (spec §8.9).
  const waitingOnScaleDown = ctx.olderRSs.some(
    (rs) => Date.parse(rs.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '') > now,
  );
  if (
    !current ||
    current.reason === REASONS.timedOut ||
    current.reason === REASONS.rsNotAvailable ||
    indefiniteStep ||
    waitingOnScaleDown ||
    ctx.held // a stop switch holds the step: no lack of progress of the Rollout's own
  )
    return;
  const deadline =
    Date.parse(current.lastUpdateTime) + (rollout.spec.progressDeadlineSeconds ?? 600) * 1000;
  if (now <= deadline) {
    ctx.wakeAt.push(deadline + 1000);
    return;
  }
  set('False', REASONS.timedOut, `ReplicaSet "${name}" has timed out progressing.`);
  ctx.events.push({
    type: 'Warning',
    reason: REASONS.timedOut,
    message: `ReplicaSet "${name}" has timed out progressing.`,
  });
  // The abort itself (abortedAt, RolloutAborted) is recorded by the next reconcile, like a user's abort.
  if (rollout.spec.progressDeadlineAbort) status.abort = true;
}
