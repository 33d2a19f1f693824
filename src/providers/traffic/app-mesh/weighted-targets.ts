/**
 * `spec.routes[].<httpRoute|http2Route|grpcRoute|tcpRoute>.action.weightedTargets[]` of the
 * VirtualRouter: the canary virtual node gets w, the stable one max − w (spec §4.2, App Mesh).
 */
import { arrayAt, hasKey, numberAt, recordAt, stringAt } from '../shared/json-view.js';
import { pointer, type PatchBuilder } from '../shared/json-patch.js';
import { describe } from '../shared/objects.js';
import type { Split } from '../shared/weights.js';
import type { KubeObjectJson, ObjectRef, RouteContext } from '../types.js';
import type { AppMeshConfig } from './config.js';

const ROUTE_TYPES = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;

export interface MeshRoute {
  index: number;
  name: string;
  type: (typeof ROUTE_TYPES)[number];
  targets: unknown[];
}

export function targetsNode(
  target: unknown,
  node: string,
  ctx: RouteContext,
  routerNamespace: string,
): boolean {
  const ref = recordAt(target, 'virtualNodeRef');
  return (
    stringAt(ref, 'name') === node &&
    (stringAt(ref, 'namespace') ?? routerNamespace) === ctx.rollout.namespace
  );
}

/** The named routes, each with canary and stable targets, or (none named) every route that has both; or why not. */
export function findMeshRoutes(
  ctx: RouteContext,
  config: AppMeshConfig,
  ref: ObjectRef,
  router: KubeObjectJson,
): MeshRoute[] | { error: string } {
  const routes = arrayAt(recordAt(router, 'spec'), 'routes');
  const names =
    config.routes.length > 0 ? config.routes : routes.map((r) => stringAt(r, 'name') ?? '');
  if (names.length === 0) return { error: `${describe(ref)} has no routes` };
  const out: MeshRoute[] = [];
  for (const name of names) {
    const index = routes.findIndex((r) => stringAt(r, 'name') === name);
    if (index === -1) return { error: `route '${name}' not found in ${describe(ref)}` };
    const route = routes[index];
    const type = ROUTE_TYPES.find((t) => recordAt(route, t) !== undefined);
    if (type === undefined)
      return { error: `route '${name}' of ${describe(ref)} has none of ${ROUTE_TYPES.join(', ')}` };
    const targets = arrayAt(recordAt(recordAt(route, type), 'action'), 'weightedTargets');
    const missing = (['canary', 'stable'] as const).find(
      (role) =>
        !targets.some((t) =>
          targetsNode(
            t,
            role === 'canary' ? config.canaryVirtualNode : config.stableVirtualNode,
            ctx,
            ref.namespace,
          ),
        ),
    );
    if (missing === undefined) out.push({ index, name, type, targets });
    else if (config.routes.length > 0) {
      const node = missing === 'canary' ? config.canaryVirtualNode : config.stableVirtualNode;
      return {
        error: `route '${name}' of ${describe(ref)} has no weighted target for ${missing} virtual node '${node}'`,
      };
    }
  }
  // Unnamed, every route that sends to both nodes is split; the others (health checks…) are left alone.
  if (out.length === 0)
    return {
      error: `no route of ${describe(ref)} has weighted targets for both '${config.canaryVirtualNode}' and '${config.stableVirtualNode}'`,
    };
  return out;
}

export function planTargetWeights(
  routes: readonly MeshRoute[],
  split: Split,
  ctx: RouteContext,
  config: AppMeshConfig,
  routerNamespace: string,
  patch: PatchBuilder,
): void {
  for (const route of routes) {
    patch.test(pointer('spec', 'routes', route.index, 'name'), route.name);
    route.targets.forEach((t, j) => {
      const w = targetsNode(t, config.canaryVirtualNode, ctx, routerNamespace)
        ? split.canary
        : targetsNode(t, config.stableVirtualNode, ctx, routerNamespace)
          ? split.stable
          : undefined;
      if (w === undefined || numberAt(t, 'weight') === w) return;
      const at = pointer('spec', 'routes', route.index, route.type, 'action', 'weightedTargets', j);
      patch.test(`${at}/virtualNodeRef/name`, stringAt(recordAt(t, 'virtualNodeRef'), 'name'));
      patch.set(`${at}/weight`, w, { exists: hasKey(t, 'weight'), value: numberAt(t, 'weight') });
    });
  }
}
