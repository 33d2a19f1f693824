import { ANNOTATIONS, type ReplicaSet } from '../../../domain/index.js';
import { isoTime } from '../../../domain/time.js';
import type { PlanContext } from '../plan-context.js';
import { pushScale } from '../push-scale.js';
import { availableOf, hashOf, revisionOf, specReplicas } from '../replica-sets.js';

const BG_PAUSE = 'BlueGreenPause';

function bgOf(ctx: PlanContext) {
  return ctx.rollout.spec.strategy?.blueGreen ?? {};
}

/** The new ReplicaSet's size: `previewReplicaCount` until promotion is under way, else `replicas` (spec §8.6). */
export function desiredNewReplicas(ctx: PlanContext, activeHash: string | undefined): number {
  const preview = bgOf(ctx).previewReplicaCount;
  const { status } = ctx;
  if (
    preview === undefined ||
    !activeHash ||
    activeHash === ctx.newHash ||
    status.promoteFull ||
    status.blueGreen?.scaleUpPreviewCheckPoint
  )
    return ctx.replicas;
  return Math.min(preview, ctx.replicas);
}

/** `ReadyForPause`: the new ReplicaSet is at its desired size with every pod available. */
export function readyForPause(ctx: PlanContext): boolean {
  const desired = desiredNewReplicas(ctx, ctx.status.blueGreen?.activeSelector);
  return !!ctx.newRS && specReplicas(ctx.newRS) === desired && availableOf(ctx.newRS) >= desired;
}

/** Fully scaled for the active Service: spec = available = replicas and the annotation agrees. */
export function saturated(ctx: PlanContext, rs: ReplicaSet): boolean {
  return (
    specReplicas(rs) === ctx.replicas &&
    availableOf(rs) >= ctx.replicas &&
    rs.metadata.annotations?.[ANNOTATIONS.desiredReplicas] === String(ctx.replicas)
  );
}

/**
 * Sizes every ReplicaSet of a blue-green Rollout (spec §1.7, §8.6): the new one to its desired
 * size (held, then dropped after abortScaleDownDelaySeconds when aborted), the stable one to
 * `replicas`, and the others kept until their scale-down deadline — at most
 * scaleDownDelayRevisionLimit of them — then 0. `spec.paused` halts everything but the stable.
 */
export function planBlueGreenScaling(ctx: PlanContext, activeHash: string | undefined): void {
  const { status } = ctx;
  const bg = bgOf(ctx);
  const preview = bg.previewReplicaCount;
  const condition = status.pauseConditions?.some((c) => c.reason === BG_PAUSE);
  if (
    preview !== undefined &&
    ctx.newRS &&
    status.controllerPause &&
    !condition &&
    availableOf(ctx.newRS) >= Math.min(preview, ctx.replicas)
  ) {
    status.blueGreen = { ...status.blueGreen, scaleUpPreviewCheckPoint: true };
  }
  const stable = ctx.stableRS && hashOf(ctx.stableRS) !== ctx.newHash ? ctx.stableRS : undefined;
  if (stable) pushScale(ctx, stable, ctx.replicas);
  if (ctx.newRS && !ctx.rollout.spec.paused) planNewReplicaSet(ctx, ctx.newRS, activeHash);
  planOtherReplicaSets(ctx, activeHash, stable);
}

function planNewReplicaSet(
  ctx: PlanContext,
  newRS: ReplicaSet,
  activeHash: string | undefined,
): void {
  const { status } = ctx;
  if (!status.abort || hashOf(newRS) === status.stableRS) {
    pushScale(ctx, newRS, desiredNewReplicas(ctx, activeHash));
    return;
  }
  // Aborted: the preview keeps its size, then goes after abortScaleDownDelaySeconds (0 = never).
  const delay = bgOf(ctx).abortScaleDownDelaySeconds ?? 30;
  if (delay === 0 || specReplicas(newRS) === 0) return;
  const deadline = Date.parse(newRS.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '');
  if (!Number.isFinite(deadline)) {
    if (availableOf(ctx.stableRS) >= ctx.replicas) {
      ctx.actions.push({
        kind: 'patchReplicaSet',
        name: newRS.metadata.name,
        patch: {
          metadata: {
            annotations: { [ANNOTATIONS.scaleDownDeadline]: isoTime(ctx.now + delay * 1000) },
          },
        },
      });
      ctx.wakeAt.push(ctx.now + delay * 1000 + 1000);
    }
    return;
  }
  if (ctx.now >= deadline) pushScale(ctx, newRS, 0, { [ANNOTATIONS.scaleDownDeadline]: null });
  else ctx.wakeAt.push(deadline + 1000);
}

function planOtherReplicaSets(
  ctx: PlanContext,
  activeHash: string | undefined,
  stable: ReplicaSet | undefined,
): void {
  const others = ctx.olderRSs.filter(
    (rs) => rs !== stable && hashOf(rs) !== activeHash && specReplicas(rs) > 0,
  );
  const limit = bgOf(ctx).scaleDownDelayRevisionLimit;
  const waiting = others
    .filter((rs) =>
      Number.isFinite(Date.parse(rs.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '')),
    )
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  for (const rs of others) {
    const deadline = Date.parse(rs.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '');
    const withinLimit = limit === undefined || waiting.indexOf(rs) < limit;
    if (!Number.isFinite(deadline) || ctx.now >= deadline || !withinLimit)
      pushScale(
        ctx,
        rs,
        0,
        Number.isFinite(deadline) ? { [ANNOTATIONS.scaleDownDeadline]: null } : {},
      );
    else ctx.wakeAt.push(deadline + 1000);
  }
}
