import { KubeApiError, type KubeClient, rolloutPath } from '../../adapters/kube/index.js';
import { parseNotified, planNotifiedAnnotation } from '../../core/notifications/index.js';
import { ANNOTATIONS, type Rollout } from '../../domain/index.js';
import type { RolloutRef } from '../load-rollout.js';

/** A conflict means another writer moved the Rollout; past this many, the rest is left unsent. */
const CLAIM_ATTEMPTS = 4;

/**
 * Records `keys` in the Rollout's `notified.notifications.argoproj.io` annotation with a merge
 * patch guarded by `resourceVersion`, and answers the keys this call claimed: only those are sent.
 * On 409 it re-reads the Rollout, drops the keys someone else recorded meanwhile (a concurrent
 * handler of the same reconcile, a retry, a restarted process) and tries again on the new version.
 * So each key is sent at most once; a key lost to repeated conflicts is not sent at all.
 */
export async function claimNotifications(
  kube: KubeClient,
  ref: RolloutRef,
  resourceVersion: string,
  notified: Record<string, number>,
  keys: readonly string[],
  now: number,
): Promise<string[]> {
  const path = rolloutPath(ref.namespace, ref.name);
  let version = resourceVersion;
  let recorded = notified;
  for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
    const wanted = keys.filter((k) => recorded[k] === undefined);
    if (!wanted.length) return [];
    try {
      await kube.mergePatch<Rollout>(path, {
        metadata: {
          resourceVersion: version,
          annotations: { [ANNOTATIONS.notified]: planNotifiedAnnotation(recorded, wanted, now) },
        },
      });
      return wanted;
    } catch (e) {
      if (!(e instanceof KubeApiError && (e.isConflict || e.isNotFound))) throw e;
      if (e.isNotFound) return [];
      const current = await kube.find<Rollout>(path);
      if (!current) return [];
      version = current.metadata.resourceVersion ?? version;
      recorded = parseNotified(current.metadata.annotations?.[ANNOTATIONS.notified]);
    }
  }
  return [];
}
