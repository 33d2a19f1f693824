/** What the NGINX router writes (spec §4.2): create or merge-patch one owned canary Ingress per stable Ingress. */
import { jsonEqual, recordAt } from '../shared/json-view.js';
import { describe, isOwnedBy, lookup, notFound, rolloutOwnerReference } from '../shared/objects.js';
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
import {
  buildCanaryAnnotations,
  buildCanaryIngress,
  buildCanarySpec,
  type CanaryIngressParts,
} from './canary-ingress.js';
import { parseNginxConfig, type NginxConfig } from './config.js';
import { ingressPairs, type IngressPair } from './refs.js';

/** A guarded merge patch of only the owned parts that differ, or undefined when none does. */
function planPatch(
  pair: IngressPair,
  current: KubeObjectJson,
  parts: CanaryIngressParts,
): ObjectWrite | undefined {
  const have = current.metadata.annotations ?? {};
  const annotations: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(parts.annotations)) {
    const exists = Object.hasOwn(have, key);
    if (value === null ? exists : have[key] !== value) annotations[key] = value;
  }
  const spec: Record<string, unknown> = {};
  const currentSpec = recordAt(current, 'spec') ?? {};
  for (const [key, value] of Object.entries(parts.spec)) {
    const exists = Object.hasOwn(currentSpec, key);
    if (value === null ? exists : !jsonEqual(currentSpec[key], value)) spec[key] = value;
  }
  const hasAnnotations = Object.keys(annotations).length > 0;
  const hasSpec = Object.keys(spec).length > 0;
  if (!hasAnnotations && !hasSpec) return undefined;
  const metadata = {
    resourceVersion: current.metadata.resourceVersion,
    ...(hasAnnotations ? { annotations } : {}),
  };
  return { op: 'mergePatch', ref: pair.canary, patch: { metadata, ...(hasSpec ? { spec } : {}) } };
}

function planPair(
  ctx: RouteContext,
  config: NginxConfig,
  observed: Observed,
  pair: IngressPair,
  weight: number,
): ObjectWrite[] | { error: string } {
  const stable = lookup(observed, pair.stable);
  if (stable === undefined) return { error: notFound(pair.stable) };
  const spec = buildCanarySpec(stable, pair.stable, ctx);
  if ('error' in spec) return spec;
  const parts: CanaryIngressParts = {
    annotations: buildCanaryAnnotations(stable, ctx, config, weight),
    spec,
  };
  const canary = lookup(observed, pair.canary);
  if (canary === undefined)
    return [
      { op: 'create', object: buildCanaryIngress(pair.canary, parts, rolloutOwnerReference(ctx)) },
    ];
  if (!isOwnedBy(canary, ctx))
    return {
      error: `${describe(pair.canary)} exists but is not owned by Rollout '${ctx.rollout.name}'`,
    };
  const patch = planPatch(pair, canary, parts);
  return patch === undefined ? [] : [patch];
}

/** Experiment destinations are not carried by NGINX (validation rejects them); the stable Ingress is never written. */
export function planNginx(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseNginxConfig(ctx);
  if (problems.length > 0) return invalidConfig('nginx', problems);
  const split = computeSplit(ctx, desired, false);
  if (isSplitError(split)) return split;
  const writes: ObjectWrite[] = [];
  for (const pair of ingressPairs(ctx, config)) {
    const planned = planPair(ctx, config, observed, pair, split.canary);
    if ('error' in planned) return planned;
    writes.push(...planned);
  }
  return { writes };
}
