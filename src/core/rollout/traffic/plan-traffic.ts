/**
 * Traffic routing in the canary pass (spec §4.3): the desired weight and managed routes go to
 * every router named in `trafficRouting`; their writes become actions, the weights are recorded in
 * `status.canary.weights`, and `verified` says whether the routed objects already carry them (read
 * back from what this reconcile observed).
 */
import { isRecord } from '../../../domain/json.js';
import type { DesiredTraffic, Observed } from '../../../providers/traffic/index.js';
import { experimentDestinations } from '../canary/experiment.js';
import { canaryServiceNames } from '../canary/service-names.js';
import { emit, type PlanContext } from '../plan-context.js';
import { availableOf } from '../replica-sets.js';
import { maxWeightOf } from '../replicas/index.js';
import { activeRouters, type ActiveRouter } from './active-routers.js';
import {
  computeDesiredWeight,
  recordedCanaryWeight,
  rollbackCanaryHash,
  stableCanCarry,
} from './desired-weight.js';
import { buildStepRoutes } from './step-routes.js';

const EMPTY: Observed = new Map();
/** Routed objects that do not say the weight yet are looked at again this soon (upstream: 10 s). */
const UNVERIFIED_RECHECK_MS = 1_000;

/**
 * Problems that make the routing unusable whatever the weight (missing Ingress, VirtualService,
 * route, a canary object owned by someone else…): checked with the weight the routers carry now,
 * so they surface as InvalidSpec before anything is scaled (spec §1.11).
 */
export function trafficRoutingProblems(ctx: PlanContext): string[] {
  const active = activeRouters({ ...ctx.rollout, status: ctx.status });
  if ('problems' in active) return active.problems;
  const observed = ctx.o.traffic ?? EMPTY;
  const neutral: DesiredTraffic = {
    canaryWeight: recordedCanaryWeight(ctx),
    additionalDestinations: [],
    headerRoutes: [],
    mirrorRoutes: [],
  };
  return active.routers.flatMap(({ router, ctx: rc }) => {
    const plan = router.plan(rc, observed, neutral);
    return 'error' in plan ? [`${router.key}: ${plan.error}`] : [];
  });
}

/** Plans the routers' writes and records the weights; `ctx.trafficHeld` says why when they could not be applied this round. */
export function planTrafficRouting(ctx: PlanContext): void {
  const active = activeRouters({ ...ctx.rollout, status: ctx.status });
  if ('problems' in active || active.routers.length === 0) return;
  const desired = computeDesiredWeight(ctx);
  if (!stableCanCarry(ctx, desired.weight)) {
    ctx.trafficHeld = `stable cannot carry ${maxWeightOf(ctx.rollout) - desired.weight}% yet`;
    return;
  }
  const traffic = buildDesiredTraffic(ctx, desired.weight, desired.keepManagedRoutes);
  const observed = ctx.o.traffic ?? EMPTY;
  let writes = 0;
  for (const { router, ctx: rc } of active.routers) {
    const plan = router.plan(rc, observed, traffic);
    if ('error' in plan) {
      // Caught by trafficRoutingProblems first; only a weight-specific refusal gets here.
      ctx.trafficHeld = `${router.key}: ${plan.error}`;
      emit(ctx, 'TrafficRoutingError', ctx.trafficHeld, 'Warning');
      return;
    }
    for (const write of plan.writes)
      ctx.actions.push({ kind: 'trafficWrite', router: router.key, write });
    writes += plan.writes.length;
  }
  recordWeights(ctx, active.routers, traffic, writes === 0);
}

/** Pod-template hashes for subset-level routers: the canary subset follows the new pods once they serve. */
function buildDesiredTraffic(
  ctx: PlanContext,
  weight: number,
  keepRoutes: boolean,
): DesiredTraffic {
  const { status } = ctx;
  const canaryServes = !status.abort && !!ctx.newRS && availableOf(ctx.newRS) > 0;
  const canaryHash =
    rollbackCanaryHash(ctx) ?? (canaryServes ? ctx.newHash : (status.stableRS ?? ctx.newHash));
  const routes =
    keepRoutes && ctx.stableRS
      ? buildStepRoutes(ctx.steps, status.currentStepIndex ?? ctx.steps.length)
      : { headerRoutes: [], mirrorRoutes: [] };
  return {
    canaryWeight: weight,
    additionalDestinations: experimentDestinations(ctx),
    ...(canaryHash ? { canaryHash } : {}),
    ...(status.stableRS ? { stableHash: status.stableRS } : {}),
    ...routes,
  };
}

function recordWeights(
  ctx: PlanContext,
  routers: readonly ActiveRouter[],
  traffic: DesiredTraffic,
  carried: boolean,
): void {
  const { status } = ctx;
  const services = canaryServiceNames(ctx.rollout, status);
  const max = maxWeightOf(ctx.rollout);
  const before = recordedCanaryWeight(ctx);
  const previous = isRecord(ctx.prev.canary?.weights) ? ctx.prev.canary.weights : undefined;
  const weights = {
    canary: {
      weight: traffic.canaryWeight,
      serviceName: services.canary ?? '',
      podTemplateHash: traffic.canaryHash ?? '',
    },
    stable: {
      weight:
        max -
        traffic.canaryWeight -
        traffic.additionalDestinations.reduce((n, d) => n + d.weight, 0),
      serviceName: services.stable ?? '',
      podTemplateHash: status.stableRS ?? '',
    },
    ...(traffic.additionalDestinations.length
      ? {
          additional: traffic.additionalDestinations.map((d) => ({
            weight: d.weight,
            serviceName: d.serviceName,
            ...(d.podTemplateHash ? { podTemplateHash: d.podTemplateHash } : {}),
          })),
        }
      : {}),
    // Every router reads its weights back; the objects observed now either carry this or get written.
    verified:
      carried &&
      routers.every(
        ({ router, ctx: rc }) =>
          router.readWeights(rc, ctx.o.traffic ?? EMPTY)?.canary === traffic.canaryWeight ||
          traffic.canaryWeight === 0,
      ),
  };
  status.canary = { ...status.canary, weights };
  if (!weights.verified) ctx.wakeAt.push(ctx.now + UNVERIFIED_RECHECK_MS);
  if (previous === undefined ? traffic.canaryWeight !== 0 : before !== traffic.canaryWeight) {
    emit(
      ctx,
      'TrafficWeightUpdated',
      `Traffic weight updated from ${before} to ${traffic.canaryWeight}`,
    );
  }
}
