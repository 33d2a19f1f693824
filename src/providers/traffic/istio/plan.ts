/** Istio's plan (spec §4.2): weights and managed routes per VirtualService, hashes on the DestinationRule. */
import { arrayAt, recordAt, stringAt } from '../shared/json-view.js';
import { PatchBuilder, pointer } from '../shared/json-patch.js';
import { managedRouteNames, orderManagedRoutes } from '../shared/managed-routes.js';
import { describe, lookup, notFound } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError, type Split } from '../shared/weights.js';
import type {
  DesiredTraffic,
  KubeObjectJson,
  Observed,
  ObjectWrite,
  RouteContext,
  RouterPlan,
} from '../types.js';
import {
  parseIstioConfig,
  type DestinationRuleConfig,
  type VirtualServiceConfig,
} from './config.js';
import { makeClassifier, missingDestination, planDestinations } from './destinations.js';
import { planDestinationRule } from './destination-rule.js';
import {
  buildManagedRoutes,
  canaryDestinationOf,
  planManagedRoutes,
} from './managed-http-routes.js';
import { selectRoutes } from './route-selection.js';
import { destinationRuleRef, virtualServiceRef } from './refs.js';

const KINDS = [
  { key: 'http', label: 'HTTP' },
  { key: 'tls', label: 'TLS' },
  { key: 'tcp', label: 'TCP' },
] as const;

function planVirtualService(
  ctx: RouteContext,
  cfg: VirtualServiceConfig,
  vs: KubeObjectJson,
  split: Split,
  dr: DestinationRuleConfig | undefined,
  desired: DesiredTraffic,
): ObjectWrite | undefined | { error: string } {
  const ref = virtualServiceRef(cfg);
  const name = `${ref.namespace}/${ref.name}`;
  const spec = recordAt(vs, 'spec');
  const managedNames = managedRouteNames(ctx, desired);
  const selected = selectRoutes(spec, cfg, managedNames, name);
  if ('error' in selected) return selected;
  const classifier = makeClassifier(ctx, dr, split);
  const patch = new PatchBuilder();
  let weighted: unknown[] | undefined;
  for (const { key, label } of KINDS) {
    const routes = arrayAt(spec, key);
    for (const i of selected[key]) {
      const route = routes[i];
      const missing = missingDestination(route, classifier, ctx, dr);
      if (missing !== undefined)
        return {
          error: `${label} route ${routeLabel(route, i)} of ${describe(ref)} has ${missing}`,
        };
      const final = planDestinations(
        route,
        pointer('spec', key, i, 'route'),
        split,
        classifier,
        dr,
        patch,
      );
      if (key === 'http') weighted ??= final;
    }
  }
  const wanted = orderManagedRoutes(ctx, desired);
  if (wanted.length > 0 && weighted === undefined) {
    return {
      error: `${describe(ref)} has no weighted HTTP route to base managed route '${wanted[0]?.route.name ?? ''}' on`,
    };
  }
  const canary =
    weighted === undefined
      ? undefined
      : canaryDestinationOf(weighted, (e) => classifier.role(e) === 'canary');
  planManagedRoutes(spec, managedNames, buildManagedRoutes(wanted, weighted ?? [], canary), patch);
  return patch.build(ref, vs);
}

function routeLabel(route: unknown, index: number): string {
  const name = stringAt(route, 'name');
  return name === undefined ? `#${index}` : `'${name}'`;
}

export function planIstio(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseIstioConfig(ctx);
  if (problems.length > 0) return invalidConfig('istio', problems);
  const split = computeSplit(ctx, desired);
  if (isSplitError(split)) return split;
  const writes: ObjectWrite[] = [];
  const dr = config.destinationRule;
  if (dr !== undefined) {
    const ref = destinationRuleRef(ctx, dr.name);
    const write = planDestinationRule(ctx, ref, lookup(observed, ref), dr, desired);
    if (write !== undefined && 'error' in write) return write;
    if (write !== undefined) writes.push(write);
  }
  for (const cfg of config.virtualServices) {
    const ref = virtualServiceRef(cfg);
    const vs = lookup(observed, ref);
    if (vs === undefined) return { error: notFound(ref) };
    const write = planVirtualService(ctx, cfg, vs, split, dr, desired);
    if (write !== undefined && 'error' in write) return write;
    if (write !== undefined) writes.push(write);
  }
  return { writes };
}
