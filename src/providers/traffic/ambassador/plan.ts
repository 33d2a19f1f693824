/**
 * What the Ambassador router writes (spec §4.2): per listed Mapping, create its canary clone, patch
 * the clone's weight, or delete the clone at weight 0. The base Mapping is never written.
 */
import { describe, lookup, notFound, rolloutOwnerReference } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError } from '../shared/weights.js';
import type {
  DesiredTraffic,
  KubeObjectJson,
  Observed,
  ObjectWrite,
  RouteContext,
  RouterPlan,
} from '../types.js';
import { buildCanaryMapping, mappingWeight } from './canary-mapping.js';
import { mappingPairs, parseAmbassadorConfig, type MappingPair } from './config.js';

/**
 * A clone another controller owns is not ours to weight or delete. One with no controller at all
 * is accepted: upstream creates its clones without an owner reference.
 */
function foreignController(canary: KubeObjectJson, ctx: RouteContext): boolean {
  return (canary.metadata.ownerReferences ?? []).some(
    (o) => o.controller === true && o.uid !== ctx.rollout.uid,
  );
}

function planPair(
  ctx: RouteContext,
  observed: Observed,
  pair: MappingPair,
  weight: number,
): ObjectWrite[] | { error: string } {
  const canary = lookup(observed, pair.canary);
  if (canary !== undefined && foreignController(canary, ctx))
    return {
      error: `${describe(pair.canary)} exists but is not owned by Rollout '${ctx.rollout.name}'`,
    };
  // Weight 0 removes the clone; the base Mapping is not needed for that (abort and promotion must always succeed).
  if (weight === 0) return canary === undefined ? [] : [{ op: 'delete', ref: pair.canary }];
  const base = lookup(observed, pair.base);
  if (base === undefined) return { error: notFound(pair.base) };
  const baseWeight = mappingWeight(base);
  if (baseWeight !== 0)
    return {
      error: `multiple weighted mappings not supported: ${describe(pair.base)} has weight ${baseWeight}`,
    };
  if (canary === undefined)
    return [
      {
        op: 'create',
        object: buildCanaryMapping(base, pair.canary, ctx, weight, rolloutOwnerReference(ctx)),
      },
    ];
  if (mappingWeight(canary) === weight) return [];
  return [
    {
      op: 'mergePatch',
      ref: pair.canary,
      patch: { metadata: { resourceVersion: canary.metadata.resourceVersion }, spec: { weight } },
    },
  ];
}

/** Experiment destinations are not carried (validation rejects them for Ambassador). */
export function planAmbassador(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseAmbassadorConfig(ctx);
  if (problems.length > 0) return invalidConfig('ambassador', problems);
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const writes: ObjectWrite[] = [];
  for (const pair of mappingPairs(ctx, config)) {
    const planned = planPair(ctx, observed, pair, split.canary);
    if ('error' in planned) return planned;
    writes.push(...planned);
  }
  return { writes };
}
