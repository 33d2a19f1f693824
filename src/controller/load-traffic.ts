import { type KubeClient, routedObjectPath } from '../adapters/kube/index.js';
import { activeRouters } from '../core/rollout/traffic/active-routers.js';
import type { Rollout } from '../domain/index.js';
import { type KubeObjectJson, type ObjectRef, refKey } from '../providers/traffic/index.js';

/** A router that finds objects through others asks again with what was read; App Mesh needs two rounds. */
const MAX_ROUNDS = 4;

/**
 * The objects a canary's traffic routers read (DESIGN §3 step 1): asked of each router, read in
 * parallel, asked again with what was read until nothing new is wanted. A missing object, or a kind
 * whose CRD is not installed, is recorded as undefined; the routers say what that means.
 */
export async function loadTraffic(
  kube: KubeClient,
  rollout: Rollout,
): Promise<Map<string, KubeObjectJson | undefined> | undefined> {
  const active = activeRouters(rollout);
  if ('problems' in active || active.routers.length === 0) return undefined;
  const seen = new Map<string, KubeObjectJson | undefined>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const wanted = new Map<string, ObjectRef>();
    for (const { router, ctx } of active.routers) {
      for (const ref of router.objectsToRead(ctx, seen))
        if (!seen.has(refKey(ref))) wanted.set(refKey(ref), ref);
    }
    if (wanted.size === 0) break;
    const read = await Promise.all(
      [...wanted].map(
        async ([key, ref]) =>
          [key, await kube.find<KubeObjectJson>(routedObjectPath(ref))] as const,
      ),
    );
    for (const [key, object] of read) seen.set(key, object);
  }
  return seen;
}
