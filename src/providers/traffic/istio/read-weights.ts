/** The split the first weighted route of the first VirtualService carries now. */
import { arrayAt, recordAt, stringAt } from '../shared/json-view.js';
import { managedRouteNames } from '../shared/managed-routes.js';
import { lookup } from '../shared/objects.js';
import type { ObservedWeights, Observed, RouteContext } from '../types.js';
import { parseIstioConfig } from './config.js';
import { makeClassifier, weightOf } from './destinations.js';
import { virtualServiceRef } from './refs.js';
import { selectRoutes } from './route-selection.js';

export function readIstioWeights(
  ctx: RouteContext,
  observed: Observed,
): ObservedWeights | undefined {
  const { config } = parseIstioConfig(ctx);
  const cfg = config.virtualServices[0];
  if (cfg === undefined) return undefined;
  const vs = lookup(observed, virtualServiceRef(cfg));
  if (vs === undefined) return undefined;
  const spec = recordAt(vs, 'spec');
  const selected = selectRoutes(spec, cfg, managedRouteNames(ctx), cfg.written);
  if ('error' in selected) return undefined;
  const first = (['http', 'tls', 'tcp'] as const).flatMap((k) =>
    selected[k].map((i) => arrayAt(spec, k)[i]),
  )[0];
  const entries = arrayAt(first, 'route');
  const classifier = makeClassifier(ctx, config.destinationRule, undefined);
  const weights: ObservedWeights & { additional: Array<{ serviceName: string; weight: number }> } =
    { canary: 0, stable: 0, additional: [] };
  let sawCanary = false;
  let sawStable = false;
  for (const entry of entries) {
    const w = weightOf(entry, entries.length, ctx.maxTrafficWeight);
    const role = classifier.role(entry);
    if (role === 'canary') {
      weights.canary += w;
      sawCanary = true;
    } else if (role === 'stable') {
      weights.stable += w;
      sawStable = true;
    } else {
      weights.additional.push({
        serviceName: stringAt(recordAt(entry, 'destination'), 'host') ?? '',
        weight: w,
      });
    }
  }
  return sawCanary && sawStable ? weights : undefined;
}
