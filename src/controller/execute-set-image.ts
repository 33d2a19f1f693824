import { KubeApiError, type KubeClient, rolloutPath } from '../adapters/kube/index.js';
import { recordEvents } from './record-events.js';
import { planSetImage } from '../core/rollout/operations/index.js';
import type { Rollout } from '../domain/index.js';

/** Who asked and through what, as the operation events record it (`… requested by <actor> (<via>)`). */
export interface Requester {
  actor: string;
  via?: string;
}

export type EditOutcome = { outcome: 'done'; summary: string } | { outcome: 'skipped'; reason: string } | { outcome: 'refused'; reason: string } | { outcome: 'not-found' };

export interface EditDeps {
  kube: KubeClient;
  now: () => number;
}

/** As the plugin retries its read-edit-write of `set image` (spec §1.8). */
const MAX_ATTEMPTS = 5;

/**
 * `set image NAME container=image` (spec §1.8): read the Rollout, edit the image of the named
 * container (`*`: all) in `spec.template`, write it back guarded by the resourceVersion read, and
 * start over on a conflict, up to five times. A Rollout without that container is refused.
 */
export async function executeSetImage(deps: EditDeps, ref: { namespace: string; name: string }, container: string, image: string, who: Requester): Promise<EditOutcome> {
  for (let attempt = 1; ; attempt++) {
    const rollout = await deps.kube.find<Rollout>(rolloutPath(ref.namespace, ref.name));
    if (!rollout) return { outcome: 'not-found' };
    const plan = planSetImage(rollout, container, image);
    if ('refused' in plan) return { outcome: 'refused', reason: plan.refused };
    const write = plan.writes[0];
    if (!write) return { outcome: 'skipped', reason: 'nothing to write' };
    try {
      const patch = { ...write.patch, metadata: { resourceVersion: rollout.metadata.resourceVersion } };
      const updated = await deps.kube.mergePatch<Rollout>(rolloutPath(ref.namespace, ref.name), patch);
      await recordRequest(deps, updated, 'SetImageRequested', `set image requested by ${describe(who)}: ${plan.summary}`);
      return { outcome: 'done', summary: plan.summary };
    } catch (e) {
      if (!(e instanceof KubeApiError && e.isConflict) || attempt >= MAX_ATTEMPTS) throw e;
    }
  }
}

export function describe(who: Requester): string {
  return `${who.actor}${who.via ? ` (${who.via})` : ''}`;
}

/** A Normal event on the Rollout saying who asked for what; best effort, like the operations' events. */
export function recordRequest(deps: EditDeps, rollout: Rollout, reason: string, message: string): Promise<void> {
  // Half a millisecond off the controller's own event names (see executeOperation).
  return recordEvents(deps.kube, rollout, [{ type: 'Normal', reason, message }], deps.now() + 0.5);
}
