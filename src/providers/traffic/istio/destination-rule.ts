/**
 * Subset-level splitting (spec §4.2, Istio `UpdateHash`): the canary and stable subsets of the
 * DestinationRule select the canary and stable pod-template hashes; the DR says who manages it.
 */
import { ANNOTATIONS, LABELS } from '../../../domain/keys.js';
import { arrayAt, hasKey, recordAt, stringAt } from '../shared/json-view.js';
import { PatchBuilder, pointer, setAnnotations } from '../shared/json-patch.js';
import { describe, managedBy, notFound } from '../shared/objects.js';
import type {
  DesiredTraffic,
  KubeObjectJson,
  ObjectRef,
  ObjectWrite,
  RouteContext,
} from '../types.js';
import type { DestinationRuleConfig } from './config.js';

export function planDestinationRule(
  ctx: RouteContext,
  ref: ObjectRef,
  dr: KubeObjectJson | undefined,
  cfg: DestinationRuleConfig,
  desired: DesiredTraffic,
): ObjectWrite | undefined | { error: string } {
  if (dr === undefined) return { error: notFound(ref) };
  const owner = managedBy(dr);
  if (owner !== undefined && owner !== ctx.rollout.name)
    return { error: `${describe(ref)} is managed by Rollout '${owner}'` };
  const subsets = arrayAt(recordAt(dr, 'spec'), 'subsets');
  const patch = new PatchBuilder();
  const wanted: Array<[string, string | undefined]> = [
    [cfg.canarySubsetName, desired.canaryHash],
    [cfg.stableSubsetName, desired.stableHash],
  ];
  for (const [subsetName, hash] of wanted) {
    const i = subsets.findIndex((s) => stringAt(s, 'name') === subsetName);
    if (i === -1) return { error: `subset '${subsetName}' not found in ${describe(ref)}` };
    if (hash === undefined || hash === '') continue;
    const subset = subsets[i];
    const labels = recordAt(subset, 'labels');
    patch.test(pointer('spec', 'subsets', i, 'name'), subsetName);
    if (labels === undefined) {
      patch.add(pointer('spec', 'subsets', i, 'labels'), { [LABELS.podTemplateHash]: hash });
    } else {
      patch.set(pointer('spec', 'subsets', i, 'labels', LABELS.podTemplateHash), hash, {
        exists: hasKey(labels, LABELS.podTemplateHash),
        value: labels[LABELS.podTemplateHash],
      });
    }
  }
  setAnnotations(patch, dr, { [ANNOTATIONS.managedBy]: ctx.rollout.name });
  return patch.build(ref, dr);
}
