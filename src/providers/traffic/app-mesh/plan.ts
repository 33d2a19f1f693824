/** App Mesh: virtual-node hashes first, then the VirtualRouter's weighted targets (spec §4.2). */
import { PatchBuilder } from '../shared/json-patch.js';
import { lookup, notFound } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError } from '../shared/weights.js';
import type { DesiredTraffic, Observed, ObjectWrite, RouteContext, RouterPlan } from '../types.js';
import {
  parseAppMeshConfig,
  virtualNodeRef,
  virtualRouterRef,
  virtualServiceRef,
} from './config.js';
import { planVirtualNodeHash } from './virtual-nodes.js';
import { findMeshRoutes, planTargetWeights } from './weighted-targets.js';

export function planAppMesh(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseAppMeshConfig(ctx);
  if (problems.length > 0) return invalidConfig('appMesh', problems);
  // App Mesh carries no experiment destinations or managed routes (upstream ignores them too).
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const writes: ObjectWrite[] = [];
  for (const [node, hash] of [
    [config.canaryVirtualNode, desired.canaryHash],
    [config.stableVirtualNode, desired.stableHash],
  ] as const) {
    const ref = virtualNodeRef(ctx, node);
    const write = planVirtualNodeHash(ctx, ref, lookup(observed, ref), hash);
    if (write !== undefined && 'error' in write) return write;
    if (write !== undefined) writes.push(write);
  }
  const vsRef = virtualServiceRef(ctx, config);
  const routerRef = virtualRouterRef(ctx, config, observed);
  if (routerRef === undefined) return { error: notFound(vsRef) };
  if ('error' in routerRef) return routerRef;
  const router = lookup(observed, routerRef);
  if (router === undefined) return { error: notFound(routerRef) };
  const routes = findMeshRoutes(ctx, config, routerRef, router);
  if ('error' in routes) return routes;
  const patch = new PatchBuilder();
  planTargetWeights(routes, split, ctx, config, routerRef.namespace, patch);
  const write = patch.build(routerRef, router);
  if (write !== undefined) writes.push(write);
  return { writes };
}
