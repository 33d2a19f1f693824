import type { Action } from '../core/rollout/plan-types.js';
import { isRecord } from '../domain/json.js';
import { OWN } from '../domain/index.js';

/** The claim write of a reconcile, and the actions still to execute after it. */
export interface Claim {
  patch: { metadata: { resourceVersion?: string; annotations: Record<string, string | null> } };
  rest: Action[];
}

/**
 * The claim (DESIGN §3: a resourceVersion-guarded write that marks the Rollout as acted on) with
 * the plan's annotation-only Rollout patches folded in: the revision, a pause's precise start, the
 * managed Services are bookkeeping the next plan derives again, so writing them with the claim is
 * as safe as after it, and saves a write and a read each. Patches that touch anything else stay
 * actions, in order. Pure.
 */
export function buildClaim(
  actions: readonly Action[],
  resourceVersion: string | undefined,
  now: number,
): Claim {
  const annotations: Record<string, string | null> = { [OWN.claim]: String(now) };
  const rest: Action[] = [];
  for (const action of actions) {
    const folded = action.kind === 'patchRollout' ? annotationsOnly(action.patch) : undefined;
    if (folded) Object.assign(annotations, folded);
    else rest.push(action);
  }
  return {
    patch: {
      metadata: { ...(resourceVersion !== undefined ? { resourceVersion } : {}), annotations },
    },
    rest,
  };
}

function annotationsOnly(
  patch: Record<string, unknown>,
): Record<string, string | null> | undefined {
  const keys = Object.keys(patch);
  if (keys.length !== 1 || keys[0] !== 'metadata' || !isRecord(patch.metadata)) return undefined;
  const meta = patch.metadata;
  if (Object.keys(meta).length !== 1 || !isRecord(meta.annotations)) return undefined;
  const values = Object.values(meta.annotations);
  if (!values.every((v) => typeof v === 'string' || v === null)) return undefined;
  return meta.annotations as Record<string, string | null>;
}
