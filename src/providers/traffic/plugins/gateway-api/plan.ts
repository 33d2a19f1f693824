/**
 * The Gateway API router's plan: per route, weights on the canary/stable backendRefs of every
 * weighted rule; on HTTPRoutes that take header routes, managed rules appended and removed, with
 * their record on the route (see bookkeeping.ts), all in one guarded JSON patch per route.
 */
import { arrayAt, jsonEqual, recordAt } from '../../shared/json-view.js';
import { PatchBuilder, pointer, setAnnotations } from '../../shared/json-patch.js';
import { TRAFFIC_KEYS } from '../../shared/keys.js';
import { orderManagedRoutes, type ManagedRoute } from '../../shared/managed-routes.js';
import { describe, lookup, notFound } from '../../shared/objects.js';
import { invalidConfig } from '../../shared/problems.js';
import { computeSplit, isSplitError, type Split } from '../../shared/weights.js';
import type {
  DesiredTraffic,
  KubeObjectJson,
  Observed,
  ObjectRef,
  ObjectWrite,
  RouteContext,
  RouterPlan,
} from '../../types.js';
import { formatBook, readBook } from './bookkeeping.js';
import { findWeightedRules, planRuleWeights } from './backend-refs.js';
import { GATEWAY_API_KEY, parseGatewayApiConfig, type RouteSelector } from './config.js';
import { buildManagedRules, sameRule } from './managed-rules.js';
import { routeRef } from './refs.js';

/** Gateway API's limit on rules per HTTPRoute (CRD `maxItems`). */
const MAX_RULES = 16;

/** Indices of the rules this Rollout's record names, each claimed once, by managed route name. */
function findManagedRules(
  rules: readonly unknown[],
  mine: Record<string, unknown[]>,
): Map<number, string> {
  const found = new Map<number, string>();
  for (const [name, written] of Object.entries(mine)) {
    for (const rule of written) {
      const i = rules.findIndex((r, k) => !found.has(k) && sameRule(r, rule));
      if (i !== -1) found.set(i, name);
    }
  }
  return found;
}

function planRoute(
  ctx: RouteContext,
  sel: RouteSelector,
  ref: ObjectRef,
  route: KubeObjectJson,
  split: Split,
  wanted: readonly ManagedRoute[],
): ObjectWrite | undefined | { error: string } {
  const rules = arrayAt(recordAt(route, 'spec'), 'rules');
  const book = readBook(route);
  const mine = book[ctx.rollout.name] ?? {};
  const managed = findManagedRules(rules, mine);
  const weighted = findWeightedRules(rules, ctx, ref.namespace, new Set(managed.keys()));
  if (weighted.length === 0) {
    return {
      error: `${describe(ref)} has no rule with backendRefs to both canary Service '${ctx.canaryService}' and stable Service '${ctx.stableService}'`,
    };
  }
  const patch = new PatchBuilder();
  const finalWeighted = weighted.map((w) => planRuleWeights(w, split, ctx, ref.namespace, patch));

  const desired = buildManagedRules(
    sel.useHeaderRoutes ? wanted : [],
    finalWeighted,
    ctx,
    ref.namespace,
  );
  if ('error' in desired) return desired;
  const keep = new Set<number>();
  const additions: unknown[] = [];
  for (const { name, rules: wantedRules } of desired) {
    for (const rule of wantedRules) {
      const at = [...managed].find(
        ([i, n]) => n === name && !keep.has(i) && sameRule(rules[i], rule),
      )?.[0];
      if (at === undefined) additions.push(rule);
      else keep.add(at);
    }
  }
  const removals = [...managed.keys()].filter((i) => !keep.has(i)).sort((a, b) => b - a);
  for (const i of removals) {
    patch.test(pointer('spec', 'rules', i), rules[i]);
    patch.remove(pointer('spec', 'rules', i));
  }
  for (const rule of additions) patch.add('/spec/rules/-', rule);
  const total = rules.length - removals.length + additions.length;
  if (total > MAX_RULES)
    return {
      error: `${describe(ref)} would have ${total} rules with its managed rules; Gateway API allows ${MAX_RULES}`,
    };

  const nextMine = Object.fromEntries(desired.map((d) => [d.name, d.rules]));
  if (!jsonEqual(nextMine, mine))
    setAnnotations(patch, route, {
      [TRAFFIC_KEYS.gatewayApiManaged]: formatBook(book, ctx.rollout.name, nextMine),
    });
  return patch.build(ref, route);
}

export function planGatewayApi(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseGatewayApiConfig(ctx);
  if (problems.length > 0) return invalidConfig(GATEWAY_API_KEY, problems);
  // The plugin carries no experiment destinations; stable takes the rest of maxTrafficWeight.
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const wanted = orderManagedRoutes(ctx, desired);
  if (wanted.length > 0 && !config.routes.some((r) => r.useHeaderRoutes)) {
    return {
      error: `managed route '${wanted[0]?.route.name ?? ''}' needs an HTTPRoute with useHeaderRoutes: true`,
    };
  }
  const writes: ObjectWrite[] = [];
  for (const sel of config.routes) {
    const ref = routeRef(config, sel);
    const route = lookup(observed, ref);
    if (route === undefined) return { error: notFound(ref) };
    const write = planRoute(ctx, sel, ref, route, split, wanted);
    if (write !== undefined && 'error' in write) return write;
    if (write !== undefined) writes.push(write);
  }
  return { writes };
}
