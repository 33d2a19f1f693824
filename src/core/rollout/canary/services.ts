import { ANNOTATIONS, LABELS, type ReplicaSet, type Service } from '../../../domain/index.js';
import type { PlanContext } from '../plan-context.js';
import { planSelectorSwitch } from '../switch-service.js';
import { canaryServiceNames } from './service-names.js';
import { rollbackCanaryHash } from '../traffic/desired-weight.js';
import { availableOf, hashOf, specReplicas } from '../replica-sets.js';

/**
 * Points the stable and canary Services (or the ping and pong ones) at their ReplicaSets (spec §4.1): stable → stableRS,
 * canary → newRS (→ stableRS once aborted). A switch waits while the target has no available
 * pods, and adopting a Service not yet managed by this Rollout waits for full availability.
 */
export function planCanaryServices(ctx: PlanContext): void {
  const canary = ctx.rollout.spec.strategy?.canary;
  if (!canary) return;
  const stableHash = ctx.status.stableRS;
  const names = canaryServiceNames(ctx.rollout, ctx.status);
  const rsByHash = (hash: string | undefined) =>
    [ctx.newRS, ...ctx.olderRSs].find((rs) => rs && hashOf(rs) === hash);
  if (names.stable && stableHash)
    switchService(ctx, names.stable, stableHash, rsByHash(stableHash), false);
  if (names.canary) {
    const aborted = !!ctx.status.abort;
    // Rolling back to the stable with dynamicStableScale: the canary Service keeps the previous canary until its traffic is gone (spec §4.1).
    const target = aborted ? stableHash : (rollbackCanaryHash(ctx) ?? ctx.newHash);
    if (target) switchService(ctx, names.canary, target, rsByHash(target), aborted);
  }
}

function switchService(
  ctx: PlanContext,
  name: string,
  hash: string,
  target: ReplicaSet | undefined,
  skipAvailability: boolean,
): void {
  const svc: Service | undefined = ctx.o.services.get(name);
  if (!svc) return;
  const current = svc.spec?.selector?.[LABELS.podTemplateHash];
  if (current === hash) return;
  const adopted = svc.metadata.annotations?.[ANNOTATIONS.managedBy] === ctx.rollout.metadata.name;
  if (!skipAvailability) {
    if (availableOf(target) === 0) return;
    if (!adopted && availableOf(target) < specReplicas(target)) return;
  }
  planSelectorSwitch(ctx, name, current, hash);
}
