/** The routes the Gateway API router reads, at the versions the plugin uses. */
import type { ObjectRef } from '../../types.js';
import type { GatewayApiConfig, RouteKind, RouteSelector } from './config.js';

export const ROUTE_API_VERSIONS: Readonly<Record<RouteKind, string>> = {
  HTTPRoute: 'gateway.networking.k8s.io/v1',
  GRPCRoute: 'gateway.networking.k8s.io/v1',
  TCPRoute: 'gateway.networking.k8s.io/v1alpha2',
  TLSRoute: 'gateway.networking.k8s.io/v1alpha2',
};

export function routeRef(config: GatewayApiConfig, route: RouteSelector): ObjectRef {
  return {
    apiVersion: ROUTE_API_VERSIONS[route.kind],
    kind: route.kind,
    namespace: config.namespace,
    name: route.name,
  };
}
