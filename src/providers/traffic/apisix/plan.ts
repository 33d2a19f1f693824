/** APISIX: weights on the base ApisixRoute, header routes as owned ApisixRoutes (spec §4.2). */
import { PatchBuilder } from '../shared/json-patch.js';
import { managedRouteNames, orderManagedRoutes } from '../shared/managed-routes.js';
import { lookup, notFound } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError } from '../shared/weights.js';
import type {
  DesiredTraffic,
  HeaderRoute,
  Observed,
  ObjectWrite,
  RouteContext,
  RouterPlan,
} from '../types.js';
import { apisixRouteRef, parseApisixConfig } from './config.js';
import { planHeaderRoutes } from './header-routes.js';
import { findSplitRules, planBackendWeights } from './weights.js';

export function planApisix(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseApisixConfig(ctx);
  if (problems.length > 0) return invalidConfig('apisix', problems);
  // APISIX carries no experiment destinations or mirror routes (upstream ignores both too).
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const ref = apisixRouteRef(ctx, config.route);
  const route = lookup(observed, ref);
  if (route === undefined) return { error: notFound(ref) };
  const rules = findSplitRules(ctx, ref, route, config.rules);
  if ('error' in rules) return rules;

  const patch = new PatchBuilder();
  planBackendWeights(rules, split, ctx, patch);
  const writes: ObjectWrite[] = [];
  const weights = patch.build(ref, route);
  if (weights !== undefined) writes.push(weights);

  const wanted = orderManagedRoutes(ctx, desired).flatMap((m): HeaderRoute[] =>
    m.kind === 'header' ? [m.route] : [],
  );
  const names = managedRouteNames(ctx, desired);
  names.delete(config.route);
  const headerWrites = planHeaderRoutes(ctx, observed, route, rules, wanted, names);
  if ('error' in headerWrites) return headerWrites;
  return { writes: [...writes, ...headerWrites] };
}
