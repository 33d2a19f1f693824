/** The weights the canary Ingresses carry now (their `canary-weight` annotations). */
import { lookup } from '../shared/objects.js';
import type { Observed, ObservedWeights, RouteContext } from '../types.js';
import { parseNginxConfig, weightKeys } from './config.js';
import { ingressPairs } from './refs.js';

function parseWeight(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * Undefined until every canary Ingress exists with a readable weight. When several disagree (a write
 * half done), the lowest canary weight is reported: callers size the stable side from it, and
 * over-estimating stable is the safe side.
 */
export function readNginxWeights(
  ctx: RouteContext,
  observed: Observed,
): ObservedWeights | undefined {
  const { config } = parseNginxConfig(ctx);
  const keys = weightKeys(config.annotationPrefix);
  const pairs = ingressPairs(ctx, config);
  if (pairs.length === 0) return undefined;
  const read: Array<{ canary: number; total: number }> = [];
  for (const pair of pairs) {
    const annotations = lookup(observed, pair.canary)?.metadata.annotations;
    if (annotations === undefined) return undefined;
    const weight = parseWeight(annotations[keys.weight]);
    if (weight === undefined) return undefined;
    const total = parseWeight(annotations[keys.total]) ?? 100;
    // Without `canary: "true"` nginx ignores the weight: no traffic goes to the canary.
    read.push({ canary: annotations[keys.canary] === 'true' ? Math.min(weight, total) : 0, total });
  }
  const lowest = read.reduce((a, b) => (b.canary < a.canary ? b : a));
  return { canary: lowest.canary, stable: lowest.total - lowest.canary, additional: [] };
}
