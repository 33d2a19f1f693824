import type { TrafficRouter } from '../types.js';
import { parseNginxConfig } from './config.js';
import { planNginx } from './plan.js';
import { readNginxWeights } from './read-weights.js';
import { nginxRefs } from './refs.js';

/** `trafficRouting.nginx`: an owned canary Ingress per stable Ingress, weighted by annotations (spec §4.2). */
export const nginx: TrafficRouter = {
  key: 'nginx',
  validate: (ctx) => parseNginxConfig(ctx).problems,
  objectsToRead: (ctx) => nginxRefs(ctx, parseNginxConfig(ctx).config),
  plan: planNginx,
  readWeights: readNginxWeights,
};
