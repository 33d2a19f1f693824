/** The weight split every router writes (spec §4.3): canary w, additional as given, stable the rest. */
import type { DesiredTraffic, RouteContext } from '../types.js';

export interface Split {
  canary: number;
  stable: number;
  additional: ReadonlyArray<{ serviceName: string; weight: number }>;
}

/**
 * stable = maxTrafficWeight − canary − Σ additional. Routers that cannot carry extra destinations
 * (upstream ignores them there too) pass `withAdditional: false`, so their split still sums to max.
 */
export function computeSplit(
  ctx: RouteContext,
  desired: DesiredTraffic,
  withAdditional = true,
): Split | { error: string } {
  const max = ctx.maxTrafficWeight;
  const additional = withAdditional
    ? desired.additionalDestinations.map((d) => ({ serviceName: d.serviceName, weight: d.weight }))
    : [];
  const weights = [desired.canaryWeight, ...additional.map((a) => a.weight)];
  if (weights.some((w) => !Number.isInteger(w) || w < 0))
    return { error: `traffic weights must be whole numbers ≥ 0, got ${weights.join(', ')}` };
  const stable = max - weights.reduce((a, b) => a + b, 0);
  if (stable < 0)
    return {
      error: `canary and additional weights (${weights.join(' + ')}) exceed maxTrafficWeight ${max}`,
    };
  return { canary: desired.canaryWeight, stable, additional };
}

export function isSplitError(s: Split | { error: string }): s is { error: string } {
  return 'error' in s;
}
