/**
 * Scale-down delays of a traffic-routed canary (spec §8.4): the previous stable keeps serving for
 * `scaleDownDelaySeconds` after a promotion (routers and DNS caches may still send it traffic), and
 * an aborted canary is kept for `abortScaleDownDelaySeconds` once the stable is whole again. Both
 * are timed by the `scale-down-deadline` annotation on the ReplicaSet, so a restart loses nothing.
 */
import { ANNOTATIONS, LABELS, type ReplicaSet } from '../../../domain/index.js';
import { isRecord } from '../../../domain/json.js';
import { isoTime } from '../../../domain/time.js';
import type { PlanContext } from '../plan-context.js';
import { pushScale } from '../push-scale.js';
import { availableOf, hashOf, revisionOf, specReplicas } from '../replica-sets.js';

const DEFAULT_DELAY_SECONDS = 30;

function deadlineOf(rs: ReplicaSet): number {
  return Date.parse(rs.metadata.annotations?.[ANNOTATIONS.scaleDownDeadline] ?? '');
}

function annotateDeadline(ctx: PlanContext, rs: ReplicaSet, seconds: number): void {
  ctx.actions.push({
    kind: 'patchReplicaSet',
    name: rs.metadata.name,
    patch: {
      metadata: {
        annotations: { [ANNOTATIONS.scaleDownDeadline]: isoTime(ctx.now + seconds * 1000) },
      },
    },
  });
  ctx.wakeAt.push(ctx.now + seconds * 1000 + 1000);
}

/** At the deadline: to 0 (the annotation goes with it); before: look again then. */
function scaleDownAtDeadline(ctx: PlanContext, rs: ReplicaSet, deadline: number): boolean {
  if (ctx.now >= deadline) return pushScale(ctx, rs, 0, { [ANNOTATIONS.scaleDownDeadline]: null });
  ctx.wakeAt.push(deadline + 1000);
  return false;
}

/**
 * Aborted (`shouldDelayScaleDownOnAbort`): the canary keeps its size, `abortScaleDownDelaySeconds`
 * (0: for good) counted from when the stable is fully available again. True when this decides the
 * new ReplicaSet's size; false leaves it to the replica math (dynamicStableScale without an
 * explicit delay drains it progressively).
 */
export function planAbortedCanaryScaleDown(
  ctx: PlanContext,
  newRS: ReplicaSet,
  stable: ReplicaSet | undefined,
): boolean {
  const canary = ctx.rollout.spec.strategy?.canary;
  if (
    !ctx.status.abort ||
    !stable ||
    !canary?.trafficRouting ||
    hashOf(newRS) === ctx.status.stableRS
  )
    return false;
  const explicit = canary.abortScaleDownDelaySeconds;
  if (canary.dynamicStableScale && explicit === undefined) return false;
  if (explicit === 0) return true;
  const deadline = deadlineOf(newRS);
  if (Number.isFinite(deadline)) {
    scaleDownAtDeadline(ctx, newRS, deadline);
    return true;
  }
  if (availableOf(stable) >= ctx.replicas && specReplicas(newRS) > 0)
    annotateDeadline(ctx, newRS, explicit ?? DEFAULT_DELAY_SECONDS);
  return true;
}

/** A deadline left on the new ReplicaSet by an abort that was retried no longer applies. */
export function planClearStaleDeadline(ctx: PlanContext, newRS: ReplicaSet): void {
  if (ctx.status.abort || !Number.isFinite(deadlineOf(newRS))) return;
  ctx.actions.push({
    kind: 'patchReplicaSet',
    name: newRS.metadata.name,
    patch: { metadata: { annotations: { [ANNOTATIONS.scaleDownDeadline]: null } } },
  });
}

/** Hashes something still routes to: the status' stable and current pods, the recorded weights, the Services' selectors. */
function referencedHashes(ctx: PlanContext): Set<string> {
  const hashes = new Set<string>();
  const add = (h: unknown) => typeof h === 'string' && h !== '' && hashes.add(h);
  add(ctx.status.stableRS);
  add(ctx.status.currentPodHash);
  const weights = ctx.status.canary?.weights;
  if (isRecord(weights))
    for (const side of [weights.canary, weights.stable])
      if (isRecord(side)) add(side.podTemplateHash);
  for (const svc of ctx.o.services.values()) add(svc?.spec?.selector?.[LABELS.podTemplateHash]);
  return hashes;
}

/**
 * ReplicaSets other than the new and the stable one. Once promoted, each keeps its size until
 * `scaleDownDelaySeconds` after nothing routes to it (at most `scaleDownDelayRevisionLimit` of them,
 * newest first; dynamicStableScale: none); an intermediate one replaced mid-update goes at once.
 */
export function planOldRoutedReplicaSets(ctx: PlanContext, others: readonly ReplicaSet[]): boolean {
  const canary = ctx.rollout.spec.strategy?.canary ?? {};
  const promoted = ctx.status.stableRS !== undefined && ctx.status.stableRS === ctx.newHash;
  const referenced = referencedHashes(ctx);
  const limit = canary.scaleDownDelayRevisionLimit;
  const candidates = others
    .filter((rs) => specReplicas(rs) > 0 && !referenced.has(hashOf(rs) ?? ''))
    .sort((a, b) => revisionOf(b) - revisionOf(a));
  let kept = 0;
  let scaled = false;
  for (const rs of candidates) {
    const deadline = deadlineOf(rs);
    const annotated = Number.isFinite(deadline);
    const clear: Record<string, null> = annotated ? { [ANNOTATIONS.scaleDownDeadline]: null } : {};
    if (
      (!promoted && !annotated) ||
      canary.dynamicStableScale ||
      (limit !== undefined && kept >= limit)
    ) {
      scaled = pushScale(ctx, rs, 0, clear) || scaled;
      continue;
    }
    kept++;
    if (annotated) scaled = scaleDownAtDeadline(ctx, rs, deadline) || scaled;
    else annotateDeadline(ctx, rs, canary.scaleDownDelaySeconds ?? DEFAULT_DELAY_SECONDS);
  }
  return scaled;
}
