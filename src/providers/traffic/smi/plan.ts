/** What the SMI router writes (spec §4.2): create, or merge-patch the owned fields of, one TrafficSplit. */
import { jsonEqual, recordAt } from '../shared/json-view.js';
import { describe, isOwnedBy, lookup, rolloutOwnerReference } from '../shared/objects.js';
import { invalidConfig } from '../shared/problems.js';
import { computeSplit, isSplitError } from '../shared/weights.js';
import type { DesiredTraffic, Observed, ObjectRef, RouteContext, RouterPlan } from '../types.js';
import { parseSmiConfig } from './config.js';
import { buildBackends, trafficSplitRef } from './traffic-split.js';

export function smiRef(ctx: RouteContext): ObjectRef {
  const { config } = parseSmiConfig(ctx);
  return trafficSplitRef(config.apiVersion, ctx.rollout.namespace, config.trafficSplitName);
}

export function planSmi(
  ctx: RouteContext,
  observed: Observed,
  desired: DesiredTraffic,
): RouterPlan {
  const { config, problems } = parseSmiConfig(ctx);
  if (problems.length > 0) return invalidConfig('smi', problems);
  const split = computeSplit(ctx, desired);
  if (isSplitError(split)) return split;
  const ref = smiRef(ctx);
  const wanted = {
    service: config.rootService,
    backends: buildBackends(
      config.apiVersion,
      { canary: ctx.canaryService, stable: ctx.stableService },
      split,
    ),
  };
  const current = lookup(observed, ref);
  if (current === undefined) {
    const metadata = {
      name: ref.name,
      namespace: ref.namespace,
      ownerReferences: [rolloutOwnerReference(ctx)],
    };
    return {
      writes: [
        {
          op: 'create',
          object: { apiVersion: ref.apiVersion, kind: ref.kind, metadata, spec: wanted },
        },
      ],
    };
  }
  if (!isOwnedBy(current, ctx))
    return { error: `${describe(ref)} exists but is not owned by Rollout '${ctx.rollout.name}'` };
  const spec = recordAt(current, 'spec') ?? {};
  const changed = Object.fromEntries(
    Object.entries(wanted).filter(([key, value]) => !jsonEqual(spec[key], value)),
  );
  if (Object.keys(changed).length === 0) return { writes: [] };
  return {
    writes: [
      {
        op: 'mergePatch',
        ref,
        patch: { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: changed },
      },
    ],
  };
}
