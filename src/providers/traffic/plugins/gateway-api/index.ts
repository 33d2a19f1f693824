import type { TrafficRouter } from '../../types.js';
import { GATEWAY_API_KEY, parseGatewayApiConfig } from './config.js';
import { planGatewayApi } from './plan.js';
import { readGatewayApiWeights } from './read-weights.js';
import { routeRef } from './refs.js';

/**
 * `trafficRouting.plugins["argoproj-labs/gatewayAPI"]`: HTTPRoute, GRPCRoute, TCPRoute and TLSRoute
 * backendRef weights, header and mirror routes as HTTPRoute rules (spec §4.2, plugins).
 */
export const gatewayApi: TrafficRouter = {
  key: GATEWAY_API_KEY,
  validate: (ctx) => parseGatewayApiConfig(ctx).problems,
  objectsToRead(ctx) {
    const { config } = parseGatewayApiConfig(ctx);
    return config.routes.map((r) => routeRef(config, r));
  },
  plan: planGatewayApi,
  readWeights: readGatewayApiWeights,
};
