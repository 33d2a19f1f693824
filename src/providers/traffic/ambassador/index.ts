import type { TrafficRouter } from '../types.js';
import { ambassadorRefs, parseAmbassadorConfig } from './config.js';
import { planAmbassador } from './plan.js';
import { readAmbassadorWeights } from './read-weights.js';

/** `trafficRouting.ambassador`: a weighted `<mapping>-canary` clone per listed Mapping (spec §4.2). */
export const ambassador: TrafficRouter = {
  key: 'ambassador',
  validate: (ctx) => parseAmbassadorConfig(ctx).problems,
  objectsToRead: ambassadorRefs,
  plan: planAmbassador,
  readWeights: readAmbassadorWeights,
};
