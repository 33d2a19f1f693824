import { DEFAULTS, LABELS, OWN, type Pod, type ReplicaSet } from '../../domain/index.js';
import type { PlanContext } from './plan-context.js';
import { endPlan, GO_ON, type StageOutcome } from './plan-end.js';
import { hashOf } from './replica-sets.js';
import { isFencepostError, resolveFenceposts } from './replicas/index.js';

function podReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * `spec.restartAt` (spec §8.11): pods created before it are evicted (PDBs decide through the
 * eviction API), stable first, then new, then the others oldest first, never more at once than
 * keeps `max(maxUnavailable, 1)` unavailable. Evicting ends the plan (PodsEvicted): scaling must
 * not act on the availability that is about to drop.
 */
export function planRestart(ctx: PlanContext): StageOutcome {
  const { rollout, status } = ctx;
  const restartAt = rollout.spec.restartAt;
  if (!restartAt || restartAt === status.restartedAt) return GO_ON;
  const at = Date.parse(restartAt);
  if (!Number.isFinite(at)) return GO_ON;
  if (ctx.now < at) {
    ctx.wakeAt.push(at);
    return GO_ON;
  }
  const pods = ctx.o.pods ?? [];
  const ordered: ReplicaSet[] = [
    ...(ctx.stableRS ? [ctx.stableRS] : []),
    ...(ctx.newRS && ctx.newRS !== ctx.stableRS ? [ctx.newRS] : []),
    ...ctx.olderRSs
      .filter((rs) => rs !== ctx.stableRS)
      .sort((a, b) =>
        String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)),
      ),
  ];
  const hashes = ordered.map(hashOf);
  const stale = pods
    .filter(
      (p) => !p.metadata.deletionTimestamp && Date.parse(p.metadata.creationTimestamp ?? '') < at,
    )
    .filter((p) => hashes.includes(p.metadata.labels?.[LABELS.podTemplateHash]))
    .sort(
      (a, b) =>
        hashes.indexOf(a.metadata.labels?.[LABELS.podTemplateHash]) -
        hashes.indexOf(b.metadata.labels?.[LABELS.podTemplateHash]),
    );
  if (stale.length === 0) {
    status.restartedAt = restartAt;
    return GO_ON;
  }
  // An eviction round that left as many pods to restart as the last one (a PDB said no) waits 30 s.
  const [lastAt, lastLeft] = (rollout.metadata.annotations?.[OWN.restartAttempt] ?? '').split('|');
  const retryAt = Date.parse(lastAt ?? '') + DEFAULTS.restartRetryMs;
  if (Number(lastLeft) === stale.length && ctx.now < retryAt) {
    ctx.wakeAt.push(retryAt);
    return GO_ON;
  }
  const canary = rollout.spec.strategy?.canary;
  const fp = resolveFenceposts(canary?.maxSurge, canary?.maxUnavailable, ctx.replicas);
  const maxUnavailable = isFencepostError(fp) ? 1 : Math.max(fp.maxUnavailable, 1);
  const totalSpec = ordered.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
  const available = pods.filter((p) => !p.metadata.deletionTimestamp && podReady(p)).length;
  const canRestart = available - (Math.max(ctx.replicas, totalSpec) - maxUnavailable);
  ctx.wakeAt.push(ctx.now + DEFAULTS.restartRetryMs);
  if (canRestart <= 0) return GO_ON;
  const victims = stale.filter(podReady).slice(0, canRestart);
  if (victims.length === 0) return GO_ON;
  for (const pod of victims) ctx.actions.push({ kind: 'evictPod', name: pod.metadata.name });
  ctx.actions.push({
    kind: 'patchRollout',
    patch: { metadata: { annotations: { [OWN.restartAttempt]: `${ctx.nowIso}|${stale.length}` } } },
  });
  return endPlan('PodsEvicted');
}
