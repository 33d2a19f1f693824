/** The weights the TraefikService's canary and stable entries carry now. */
import { lookup } from '../shared/objects.js';
import type { Observed, ObservedWeights, RouteContext } from '../types.js';
import { traefikServiceRef } from './config.js';
import { findWeightedPair } from './weighted-services.js';

/** Undefined while the service, either entry, or either weight is missing. */
export function readTraefikWeights(
  ctx: RouteContext,
  observed: Observed,
): ObservedWeights | undefined {
  const ref = traefikServiceRef(ctx);
  const service = lookup(observed, ref);
  const pair = service === undefined ? undefined : findWeightedPair(service, ref, ctx);
  if (
    pair === undefined ||
    'error' in pair ||
    pair.canary.weight === undefined ||
    pair.stable.weight === undefined
  )
    return undefined;
  return { canary: pair.canary.weight, stable: pair.stable.weight, additional: [] };
}
