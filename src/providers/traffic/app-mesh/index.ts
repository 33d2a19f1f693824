import { numberAt } from '../shared/json-view.js';
import { lookup } from '../shared/objects.js';
import type { TrafficRouter } from '../types.js';
import {
  parseAppMeshConfig,
  virtualNodeRef,
  virtualRouterRef,
  virtualServiceRef,
} from './config.js';
import { planAppMesh } from './plan.js';
import { findMeshRoutes, targetsNode } from './weighted-targets.js';

/**
 * `trafficRouting.appMesh`: VirtualRouter weighted targets and VirtualNode pod selectors (spec §4.2).
 * The VirtualRouter is found through the VirtualService, so it is asked for in a second round.
 */
export const appMesh: TrafficRouter = {
  key: 'appMesh',
  validate: (ctx) => parseAppMeshConfig(ctx).problems,
  objectsToRead(ctx, observed) {
    const { config } = parseAppMeshConfig(ctx);
    const refs = [config.canaryVirtualNode, config.stableVirtualNode]
      .filter((n) => n !== '')
      .map((n) => virtualNodeRef(ctx, n));
    if (config.virtualService === '') return refs;
    refs.push(virtualServiceRef(ctx, config));
    const router = observed === undefined ? undefined : virtualRouterRef(ctx, config, observed);
    if (router !== undefined && !('error' in router)) refs.push(router);
    return refs;
  },
  plan: planAppMesh,
  readWeights(ctx, observed) {
    const { config } = parseAppMeshConfig(ctx);
    const ref = virtualRouterRef(ctx, config, observed);
    if (ref === undefined || 'error' in ref) return undefined;
    const router = lookup(observed, ref);
    const routes = router === undefined ? undefined : findMeshRoutes(ctx, config, ref, router);
    const first = routes === undefined || 'error' in routes ? undefined : routes[0];
    if (first === undefined) return undefined;
    const sum = (node: string): number =>
      first.targets
        .filter((t) => targetsNode(t, node, ctx, ref.namespace))
        .reduce((a: number, t) => a + (numberAt(t, 'weight') ?? 0), 0);
    return {
      canary: sum(config.canaryVirtualNode),
      stable: sum(config.stableVirtualNode),
      additional: [],
    };
  },
};
