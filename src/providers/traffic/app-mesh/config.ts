/** `trafficRouting.appMesh` (spec §1.4) and the App Mesh objects it names. */
import { arrayAt, isRecord, recordAt, stringAt } from '../shared/json-view.js';
import { lookup } from '../shared/objects.js';
import { duplicates, missingField, TRAFFIC_ROUTING_PATH } from '../shared/problems.js';
import type { Observed, ObjectRef, RouteContext } from '../types.js';

export const APP_MESH_API_VERSION = 'appmesh.k8s.aws/v1beta2';

export interface AppMeshConfig {
  virtualService: string;
  /** Route names of the VirtualRouter; empty: every route. */
  routes: string[];
  canaryVirtualNode: string;
  stableVirtualNode: string;
}

const PATH = `${TRAFFIC_ROUTING_PATH}.appMesh`;

export function parseAppMeshConfig(ctx: RouteContext): {
  config: AppMeshConfig;
  problems: string[];
} {
  const raw = ctx.config;
  const problems: string[] = [];
  if (!isRecord(raw))
    return {
      config: { virtualService: '', routes: [], canaryVirtualNode: '', stableVirtualNode: '' },
      problems: [`${PATH} must be an object`],
    };
  const vs = recordAt(raw, 'virtualService');
  const group = recordAt(raw, 'virtualNodeGroup');
  const config: AppMeshConfig = {
    virtualService: stringAt(vs, 'name') ?? '',
    routes: arrayAt(vs, 'routes').filter((r): r is string => typeof r === 'string' && r !== ''),
    canaryVirtualNode: stringAt(recordAt(group, 'canaryVirtualNodeRef'), 'name') ?? '',
    stableVirtualNode: stringAt(recordAt(group, 'stableVirtualNodeRef'), 'name') ?? '',
  };
  if (vs === undefined) problems.push(missingField(`${PATH}.virtualService`));
  else if (config.virtualService === '') problems.push(missingField(`${PATH}.virtualService.name`));
  if (group === undefined) problems.push(missingField(`${PATH}.virtualNodeGroup`));
  else {
    if (config.canaryVirtualNode === '')
      problems.push(missingField(`${PATH}.virtualNodeGroup.canaryVirtualNodeRef.name`));
    if (config.stableVirtualNode === '')
      problems.push(missingField(`${PATH}.virtualNodeGroup.stableVirtualNodeRef.name`));
    if (config.canaryVirtualNode !== '' && config.canaryVirtualNode === config.stableVirtualNode) {
      problems.push(`${PATH}.virtualNodeGroup: the canary and stable virtual nodes must differ`);
    }
  }
  for (const d of duplicates(config.routes))
    problems.push(`${PATH}.virtualService.routes lists route '${d}' more than once`);
  return { config, problems };
}

const ref = (kind: string, namespace: string, name: string): ObjectRef => ({
  apiVersion: APP_MESH_API_VERSION,
  kind,
  namespace,
  name,
});

export function virtualServiceRef(ctx: RouteContext, config: AppMeshConfig): ObjectRef {
  return ref('VirtualService', ctx.rollout.namespace, config.virtualService);
}

export function virtualNodeRef(ctx: RouteContext, name: string): ObjectRef {
  return ref('VirtualNode', ctx.rollout.namespace, name);
}

/** The VirtualRouter the VirtualService's provider names, or why there is none. */
export function virtualRouterRef(
  ctx: RouteContext,
  config: AppMeshConfig,
  observed: Observed,
): ObjectRef | { error: string } | undefined {
  const vs = lookup(observed, virtualServiceRef(ctx, config));
  if (vs === undefined) return undefined;
  const provider = recordAt(recordAt(vs, 'spec'), 'provider');
  const routerRef = recordAt(recordAt(provider, 'virtualRouter'), 'virtualRouterRef');
  const name = stringAt(routerRef, 'name');
  if (name === undefined || name === '') {
    return {
      error: `VirtualService '${ctx.rollout.namespace}/${config.virtualService}' has no virtualRouter provider (virtualRouterRef); App Mesh splitting needs one`,
    };
  }
  return ref(
    'VirtualRouter',
    stringAt(routerRef, 'namespace') ?? vs.metadata.namespace ?? ctx.rollout.namespace,
    name,
  );
}
