/** App Mesh `UpdateHash` (spec §4.2): the canary/stable VirtualNodes select their pod-template hash. */
import { ANNOTATIONS, LABELS } from '../../../domain/keys.js';
import { hasKey, recordAt } from '../shared/json-view.js';
import { PatchBuilder, pointer, setAnnotations } from '../shared/json-patch.js';
import { describe, managedBy, notFound } from '../shared/objects.js';
import type { KubeObjectJson, ObjectRef, ObjectWrite, RouteContext } from '../types.js';

export function planVirtualNodeHash(
  ctx: RouteContext,
  ref: ObjectRef,
  node: KubeObjectJson | undefined,
  hash: string | undefined,
): ObjectWrite | undefined | { error: string } {
  if (node === undefined) return { error: notFound(ref) };
  const owner = managedBy(node);
  if (owner !== undefined && owner !== ctx.rollout.name)
    return { error: `${describe(ref)} is managed by Rollout '${owner}'` };
  if (hash === undefined || hash === '') return undefined;
  const patch = new PatchBuilder();
  const spec = recordAt(node, 'spec');
  const selector = recordAt(spec, 'podSelector');
  const labels = recordAt(selector, 'matchLabels');
  if (spec === undefined)
    patch.add('/spec', { podSelector: { matchLabels: { [LABELS.podTemplateHash]: hash } } });
  else if (selector === undefined)
    patch.add('/spec/podSelector', { matchLabels: { [LABELS.podTemplateHash]: hash } });
  else if (labels === undefined)
    patch.add('/spec/podSelector/matchLabels', { [LABELS.podTemplateHash]: hash });
  else {
    patch.set(pointer('spec', 'podSelector', 'matchLabels', LABELS.podTemplateHash), hash, {
      exists: hasKey(labels, LABELS.podTemplateHash),
      value: labels[LABELS.podTemplateHash],
    });
  }
  setAnnotations(patch, node, { [ANNOTATIONS.managedBy]: ctx.rollout.name });
  return patch.build(ref, node);
}
