import type { TrafficRouter } from '../types.js';
import { parseIstioConfig } from './config.js';
import { planIstio } from './plan.js';
import { readIstioWeights } from './read-weights.js';
import { istioRefs } from './refs.js';

/** `trafficRouting.istio`: VirtualService weights, managed routes, DestinationRule subsets (spec §4.2). */
export const istio: TrafficRouter = {
  key: 'istio',
  // The canary/stable Service rule for Istio without a DestinationRule lives in core validation.
  validate: (ctx) => parseIstioConfig(ctx).problems,
  objectsToRead: (ctx) => istioRefs(ctx, parseIstioConfig(ctx).config),
  plan: planIstio,
  readWeights: readIstioWeights,
};
