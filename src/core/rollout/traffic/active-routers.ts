/**
 * Which routers a canary's `trafficRouting` names, each with its route context (spec §1.4). Several
 * may be listed at once; each is given the same desired traffic. An unknown plugin is a spec error,
 * never a silent fallback (DESIGN §2).
 */
import { DEFAULTS, type Rollout } from '../../../domain/index.js';
import { isRecord } from '../../../domain/json.js';
import { canaryServiceNames } from '../canary/service-names.js';
import {
  PLUGIN_ROUTERS,
  ROUTERS,
  type RouteContext,
  type TrafficRouter,
} from '../../../providers/traffic/index.js';

export interface ActiveRouter {
  router: TrafficRouter;
  ctx: RouteContext;
}

/** Keys of `trafficRouting` that are settings, not routers. */
const SETTINGS = new Set(['maxTrafficWeight', 'managedRoutes', 'plugins']);

/**
 * The routers of a traffic-routed canary, or the problems that make its routing invalid; [] without
 * traffic routing. The Services come from the Rollout's status (pingPong takes turns), so pass the
 * status being planned.
 */
export function activeRouters(
  rollout: Rollout,
): { routers: ActiveRouter[] } | { problems: string[] } {
  const canary = rollout.spec.strategy?.canary;
  const routing = canary?.trafficRouting as Record<string, unknown> | undefined;
  if (!canary || !isRecord(routing)) return { routers: [] };
  const services = canaryServiceNames(rollout, rollout.status);
  const base = {
    rollout: {
      name: rollout.metadata.name,
      namespace: rollout.metadata.namespace ?? 'default',
      uid: rollout.metadata.uid ?? '',
    },
    canaryService: services.canary ?? '',
    stableService: services.stable ?? '',
    maxTrafficWeight:
      typeof routing.maxTrafficWeight === 'number'
        ? routing.maxTrafficWeight
        : DEFAULTS.maxTrafficWeight,
    managedRoutes: Array.isArray(routing.managedRoutes)
      ? routing.managedRoutes.flatMap((r: unknown) =>
          isRecord(r) && typeof r.name === 'string' ? [r.name] : [],
        )
      : [],
  };
  const routers: ActiveRouter[] = [];
  const problems: string[] = [];
  for (const [key, config] of Object.entries(routing)) {
    if (SETTINGS.has(key) || config === undefined || config === null) continue;
    const router = ROUTERS.get(key);
    if (!router)
      problems.push(`spec.strategy.canary.trafficRouting.${key}: unknown traffic router`);
    else routers.push({ router, ctx: { ...base, config } });
  }
  if (isRecord(routing.plugins)) {
    for (const [name, config] of Object.entries(routing.plugins)) {
      const router = PLUGIN_ROUTERS.get(name);
      if (!router)
        problems.push(
          `spec.strategy.canary.trafficRouting.plugins.${name}: traffic router plugin '${name}' is not supported (supported: ${[...PLUGIN_ROUTERS.keys()].join(', ')})`,
        );
      else routers.push({ router, ctx: { ...base, config } });
    }
  }
  for (const { router, ctx } of routers) problems.push(...router.validate(ctx));
  return problems.length > 0 ? { problems } : { routers };
}
