/**
 * What the Traefik router writes (spec §4.2): a JSON patch of the two `weight`s, at their exact
 * indices, guarded by the resourceVersion and by a `test` of each entry's name, so a reordered list
 * fails the patch instead of weighting the wrong service.
 */
import { PatchBuilder, pointer } from '../shared/json-patch.js';
import { lookup, notFound } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError } from '../shared/weights.js';
import type { DesiredTraffic, Observed, RouteContext, RouterPlan } from '../types.js';
import { parseTraefikConfig, traefikServiceRef } from './config.js';
import { findWeightedPair, type WeightedEntry } from './weighted-services.js';

function setWeight(builder: PatchBuilder, entry: WeightedEntry, weight: number): void {
  const at = (...tail: string[]): string =>
    pointer('spec', 'weighted', 'services', entry.index, ...tail);
  builder.test(at('name'), entry.name);
  builder.set(at('weight'), weight, { exists: entry.hasWeight, value: entry.weight });
}

/** Experiment destinations are not carried (upstream gives stable everything the canary does not get). */
export function planTraefik(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { problems } = parseTraefikConfig(ctx);
  if (problems.length > 0) return invalidConfig('traefik', problems);
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const ref = traefikServiceRef(ctx);
  const service = lookup(observed, ref);
  if (service === undefined) return { error: notFound(ref) };
  const pair = findWeightedPair(service, ref, ctx);
  if ('error' in pair) return pair;
  const builder = new PatchBuilder();
  setWeight(builder, pair.canary, split.canary);
  setWeight(builder, pair.stable, split.stable);
  const write = builder.build(ref, service);
  return { writes: write === undefined ? [] : [write] };
}
