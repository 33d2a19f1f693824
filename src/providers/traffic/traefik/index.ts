import type { TrafficRouter } from '../types.js';
import { parseTraefikConfig, traefikServiceRef } from './config.js';
import { planTraefik } from './plan.js';
import { readTraefikWeights } from './read-weights.js';

/** `trafficRouting.traefik`: the canary and stable weights of a weighted TraefikService (spec §4.2). */
export const traefik: TrafficRouter = {
  key: 'traefik',
  validate: (ctx) => parseTraefikConfig(ctx).problems,
  objectsToRead: (ctx) => [traefikServiceRef(ctx)],
  plan: planTraefik,
  readWeights: readTraefikWeights,
};
