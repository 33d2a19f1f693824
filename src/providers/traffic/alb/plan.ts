/** ALB: per Ingress, the weighted action, header-route actions/conditions and paths, their record (spec §4.2). */
import { arrayAt, recordAt } from '../shared/json-view.js';
import { PatchBuilder, setAnnotations } from '../shared/json-patch.js';
import { managedRouteNames, orderManagedRoutes } from '../shared/managed-routes.js';
import { describe, lookup, notFound } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { TRAFFIC_KEYS } from '../shared/keys.js';
import { computeSplit, isSplitError, type Split } from '../shared/weights.js';
import type {
  DesiredTraffic,
  HeaderRoute,
  KubeObjectJson,
  Observed,
  ObjectRef,
  ObjectWrite,
  RouteContext,
  RouterPlan,
} from '../types.js';
import { buildCanaryAction, buildHeaderConditions, buildWeightedAction } from './actions.js';
import {
  actionKey,
  conditionKey,
  formatManagedAnnotations,
  readManagedAnnotations,
  recordedRouteNames,
} from './annotations.js';
import { ingressRef, parseAlbConfig, type AlbConfig } from './config.js';
import { hasActionPath, planManagedPaths } from './paths.js';

function planIngress(
  ctx: RouteContext,
  config: AlbConfig,
  ref: ObjectRef,
  ingress: KubeObjectJson,
  split: Split,
  wanted: readonly HeaderRoute[],
  desired: DesiredTraffic,
): ObjectWrite | undefined | { error: string } {
  const rules = arrayAt(recordAt(ingress, 'spec'), 'rules');
  if (!hasActionPath(rules, config.actionService))
    return { error: `${describe(ref)} has no rule with backend service '${config.actionService}'` };
  const weightedKey = actionKey(config.prefix, config.actionService);
  const record = readManagedAnnotations(ingress);
  const recorded = record[ctx.rollout.name] ?? [];

  const owned: Record<string, string | undefined> = {
    [weightedKey]: buildWeightedAction(ctx, config, split),
  };
  for (const route of wanted) {
    const conditions = buildHeaderConditions(route.match);
    if (typeof conditions !== 'string')
      return { error: `header route '${route.name}': ${conditions.error}` };
    owned[actionKey(config.prefix, route.name)] = buildCanaryAction(ctx, config);
    owned[conditionKey(config.prefix, route.name)] = conditions;
  }
  const keys = Object.keys(owned);
  for (const stale of recorded.filter((k) => !keys.includes(k))) owned[stale] = undefined;
  const names = managedRouteNames(ctx, desired);
  for (const n of recordedRouteNames(recorded, config.prefix, weightedKey)) names.add(n);
  for (const n of names) {
    if (wanted.some((r) => r.name === n)) continue;
    owned[actionKey(config.prefix, n)] ??= undefined;
    owned[conditionKey(config.prefix, n)] ??= undefined;
  }
  owned[TRAFFIC_KEYS.albManagedAnnotations] = formatManagedAnnotations(
    record,
    ctx.rollout.name,
    keys,
  );

  const patch = new PatchBuilder();
  setAnnotations(patch, ingress, owned);
  planManagedPaths(
    rules,
    config.actionService,
    names,
    wanted.map((r) => r.name),
    patch,
  );
  return patch.build(ref, ingress);
}

export function planAlb(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseAlbConfig(ctx);
  if (problems.length > 0) return invalidConfig('alb', problems);
  const split = computeSplit(ctx, desired);
  if (isSplitError(split)) return split;
  const wanted = orderManagedRoutes(ctx, desired).flatMap((m): HeaderRoute[] =>
    m.kind === 'header' ? [m.route] : [],
  );
  const writes: ObjectWrite[] = [];
  for (const name of config.ingresses) {
    const ref = ingressRef(ctx, name);
    const ingress = lookup(observed, ref);
    if (ingress === undefined) return { error: notFound(ref) };
    const write = planIngress(ctx, config, ref, ingress, split, wanted, desired);
    if (write !== undefined && 'error' in write) return write;
    if (write !== undefined) writes.push(write);
  }
  return { writes };
}
