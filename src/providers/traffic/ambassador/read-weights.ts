/** The weights the canary Mappings carry now: a missing clone is weight 0, the base takes the rest. */
import { lookup } from '../shared/objects.js';
import type { Observed, ObservedWeights, RouteContext } from '../types.js';
import { mappingWeight } from './canary-mapping.js';
import { mappingPairs, parseAmbassadorConfig } from './config.js';

/** Undefined while a base Mapping is missing. When clones disagree the lowest canary weight is reported (stable is then over-estimated, the safe side). */
export function readAmbassadorWeights(
  ctx: RouteContext,
  observed: Observed,
): ObservedWeights | undefined {
  const pairs = mappingPairs(ctx, parseAmbassadorConfig(ctx).config);
  if (pairs.length === 0 || pairs.some((p) => lookup(observed, p.base) === undefined))
    return undefined;
  const weights = pairs.map((p) => {
    const canary = lookup(observed, p.canary);
    return canary === undefined ? 0 : Math.min(mappingWeight(canary), ctx.maxTrafficWeight);
  });
  const canary = Math.min(...weights);
  return { canary, stable: ctx.maxTrafficWeight - canary, additional: [] };
}
