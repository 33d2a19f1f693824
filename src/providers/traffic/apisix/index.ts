import { lookup } from '../shared/objects.js';
import type { TrafficRouter } from '../types.js';
import { apisixRouteRef, parseApisixConfig } from './config.js';
import { planApisix } from './plan.js';
import { backendWeight, findSplitRules } from './weights.js';

/** `trafficRouting.apisix`: ApisixRoute backend weights and header-route ApisixRoutes (spec §4.2). */
export const apisix: TrafficRouter = {
  key: 'apisix',
  validate: (ctx) => parseApisixConfig(ctx).problems,
  objectsToRead(ctx) {
    const { config } = parseApisixConfig(ctx);
    if (config.route === '') return [];
    const managed = ctx.managedRoutes.filter((n) => n !== config.route);
    return [config.route, ...managed].map((name) => apisixRouteRef(ctx, name));
  },
  plan: planApisix,
  readWeights(ctx, observed) {
    const { config } = parseApisixConfig(ctx);
    const ref = apisixRouteRef(ctx, config.route);
    const route = lookup(observed, ref);
    if (route === undefined || config.route === '') return undefined;
    const rules = findSplitRules(ctx, ref, route, config.rules);
    const first = 'error' in rules ? undefined : rules[0];
    if (first === undefined) return undefined;
    return {
      canary: backendWeight(first.rule, ctx.canaryService),
      stable: backendWeight(first.rule, ctx.stableService),
      additional: [],
    };
  },
};
