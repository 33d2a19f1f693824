import type { Rollout } from '../../../domain/index.js';
import type { OperationPlan } from './operation.js';
import { refuse, specWrite } from './rollout-state.js';

/** The container lists of a pod spec `set image` edits, in the order the plugin walks them. */
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** `set image ROLLOUT container=image` with `*` for every container (spec §1.8, §5). */
export const ALL_CONTAINERS = '*';

interface ContainerView {
  name?: unknown;
  image?: unknown;
  [key: string]: unknown;
}

/**
 * `set image` (spec §1.8): the image of every container (init, regular and ephemeral) named
 * `container`, or of all of them for `*`, in `spec.template`. The plugin reads the Rollout, edits
 * it and writes it back; as a merge patch that is the edited lists written whole (a merge patch
 * replaces arrays), which the caller guards with the resourceVersion it read so the read-edit-write
 * stays one step. A Rollout without such a container is refused with the plugin's message.
 */
export function planSetImage(rollout: Rollout, container: string, image: string): OperationPlan {
  const podSpec = (rollout.spec.template?.spec ?? {}) as Record<string, unknown>;
  const edited: Record<string, ContainerView[]> = {};
  let found = false;
  for (const list of CONTAINER_LISTS) {
    const items = podSpec[list];
    if (!Array.isArray(items)) continue;
    let touched = false;
    const next = (items as ContainerView[]).map((c) => {
      if (container !== ALL_CONTAINERS && c.name !== container) return c;
      found = true;
      touched = true;
      return { ...c, image };
    });
    if (touched) edited[list] = next;
  }
  if (!found) return refuse(`unable to find container named "${container}"`);
  const which = container === ALL_CONTAINERS ? 'every container' : `container ${container}`;
  return {
    writes: [specWrite({ template: { spec: edited } })],
    summary: `set the image of ${which} of ${rollout.metadata.name} to ${image}`,
  };
}
