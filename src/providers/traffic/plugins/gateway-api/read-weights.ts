/** The split the first weighted rule of the first listed route carries now. */
import { arrayAt, recordAt } from '../../shared/json-view.js';
import { lookup } from '../../shared/objects.js';
import type { Observed, ObservedWeights, RouteContext } from '../../types.js';
import { readBook } from './bookkeeping.js';
import { findWeightedRules, refersTo, weightOf } from './backend-refs.js';
import { parseGatewayApiConfig } from './config.js';
import { sameRule } from './managed-rules.js';
import { routeRef } from './refs.js';

export function readGatewayApiWeights(
  ctx: RouteContext,
  observed: Observed,
): ObservedWeights | undefined {
  const { config } = parseGatewayApiConfig(ctx);
  const sel = config.routes[0];
  if (sel === undefined) return undefined;
  const ref = routeRef(config, sel);
  const route = lookup(observed, ref);
  if (route === undefined) return undefined;
  const rules = arrayAt(recordAt(route, 'spec'), 'rules');
  const written = Object.values(readBook(route)[ctx.rollout.name] ?? {}).flat();
  const managed = new Set(
    rules.flatMap((r, i) => (written.some((w) => sameRule(r, w)) ? [i] : [])),
  );
  const first = findWeightedRules(rules, ctx, ref.namespace, managed)[0];
  if (first === undefined) return undefined;
  const refs = arrayAt(first.rule, 'backendRefs');
  const sum = (svc: string): number =>
    refs
      .filter((r) => refersTo(r, svc, ctx, ref.namespace))
      .reduce((a: number, r) => a + weightOf(r), 0);
  return { canary: sum(ctx.canaryService), stable: sum(ctx.stableService), additional: [] };
}
