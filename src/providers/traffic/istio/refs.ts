/** The Istio objects the router reads: one per VirtualService, and the DestinationRule if any. */
import type { ObjectRef, RouteContext } from '../types.js';
import type { IstioConfig, VirtualServiceConfig } from './config.js';

/** Upstream's default version (its `--istio-api-version` flag); still served by current Istio. */
export const ISTIO_API_VERSION = 'networking.istio.io/v1alpha3';

export function virtualServiceRef(vs: VirtualServiceConfig): ObjectRef {
  return {
    apiVersion: ISTIO_API_VERSION,
    kind: 'VirtualService',
    namespace: vs.namespace,
    name: vs.name,
  };
}

export function destinationRuleRef(ctx: RouteContext, name: string): ObjectRef {
  return {
    apiVersion: ISTIO_API_VERSION,
    kind: 'DestinationRule',
    namespace: ctx.rollout.namespace,
    name,
  };
}

export function istioRefs(ctx: RouteContext, config: IstioConfig): ObjectRef[] {
  const refs = config.virtualServices.filter((v) => v.name !== '').map(virtualServiceRef);
  if (config.destinationRule !== undefined && config.destinationRule.name !== '')
    refs.push(destinationRuleRef(ctx, config.destinationRule.name));
  return refs;
}
