/** The weights the TrafficSplit's backends carry now. */
import { lookup } from '../shared/objects.js';
import type { Observed, ObservedWeights, RouteContext } from '../types.js';
import { smiRef } from './plan.js';
import { readBackends } from './traffic-split.js';

/** Undefined while the split is missing or a backend is unreadable; an absent canary or stable backend reads as 0. */
export function readSmiWeights(ctx: RouteContext, observed: Observed): ObservedWeights | undefined {
  const split = lookup(observed, smiRef(ctx));
  const backends = split === undefined ? undefined : readBackends(split);
  if (backends === undefined) return undefined;
  const weightOf = (service: string): number =>
    backends.filter((b) => b.service === service).reduce((sum, b) => sum + b.weight, 0);
  const additional = backends
    .filter((b) => b.service !== ctx.canaryService && b.service !== ctx.stableService)
    .map((b) => ({ serviceName: b.service, weight: b.weight }));
  return { canary: weightOf(ctx.canaryService), stable: weightOf(ctx.stableService), additional };
}
