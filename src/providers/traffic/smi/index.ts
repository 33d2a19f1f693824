import type { TrafficRouter } from '../types.js';
import { parseSmiConfig } from './config.js';
import { planSmi, smiRef } from './plan.js';
import { readSmiWeights } from './read-weights.js';

/** `trafficRouting.smi`: an owned TrafficSplit with canary, additional and stable backends (spec §4.2). */
export const smi: TrafficRouter = {
  key: 'smi',
  validate: (ctx) => parseSmiConfig(ctx).problems,
  objectsToRead: (ctx) => [smiRef(ctx)],
  plan: planSmi,
  readWeights: readSmiWeights,
};
