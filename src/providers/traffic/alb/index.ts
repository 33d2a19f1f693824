import { lookup } from '../shared/objects.js';
import type { TrafficRouter } from '../types.js';
import { parseWeightedAction } from './actions.js';
import { actionKey } from './annotations.js';
import { ingressRef, parseAlbConfig } from './config.js';
import { planAlb } from './plan.js';

/**
 * `trafficRouting.alb`: the AWS Load Balancer Controller's action annotations on the Ingresses
 * (spec §4.2). No AWS calls: the weights read back are the annotation's, not the target groups'.
 */
export const alb: TrafficRouter = {
  key: 'alb',
  validate: (ctx) => parseAlbConfig(ctx).problems,
  objectsToRead(ctx) {
    return parseAlbConfig(ctx).config.ingresses.map((name) => ingressRef(ctx, name));
  },
  plan: planAlb,
  readWeights(ctx, observed) {
    const { config } = parseAlbConfig(ctx);
    const first = config.ingresses[0];
    const ingress = first === undefined ? undefined : lookup(observed, ingressRef(ctx, first));
    return parseWeightedAction(
      ingress?.metadata.annotations?.[actionKey(config.prefix, config.actionService)],
      ctx,
    );
  },
};
