/**
 * Traffic-routing checks for `lint` (spec §5): the controller's own (activeRouters, each router's
 * plan) against the objects of a manifest file instead of the cluster. An object the file does not
 * hold may exist in the cluster, so its absence is not reported; everything else is.
 */
import type { Rollout } from '../../../domain/index.js';
import { type KubeObjectJson, type ObjectRef, refKey } from '../../../providers/traffic/index.js';
import { describe } from '../../../providers/traffic/shared/objects.js';
import { activeRouters } from './active-routers.js';

export function lintTrafficRouting(rollout: Rollout, objects: readonly KubeObjectJson[]): string[] {
  const active = activeRouters(rollout);
  if ('problems' in active) return active.problems;
  const namespace = rollout.metadata.namespace ?? 'default';
  const inFile = new Map(
    objects.map((o) => [
      refKey({
        apiVersion: o.apiVersion,
        kind: o.kind,
        namespace: o.metadata.namespace ?? namespace,
        name: o.metadata.name,
      }),
      o,
    ]),
  );
  const problems: string[] = [];
  for (const { router, ctx } of active.routers) {
    const observed = new Map<string, KubeObjectJson | undefined>();
    const absent: ObjectRef[] = [];
    for (let round = 0; round < 4; round++) {
      const refs = router.objectsToRead(ctx, observed).filter((r) => !observed.has(refKey(r)));
      if (refs.length === 0) break;
      for (const r of refs) {
        observed.set(refKey(r), inFile.get(refKey(r)));
        if (!inFile.has(refKey(r))) absent.push(r);
      }
    }
    const plan = router.plan(ctx, observed, {
      canaryWeight: 0,
      additionalDestinations: [],
      headerRoutes: [],
      mirrorRoutes: [],
    });
    if ('error' in plan && !absent.some((r) => plan.error.includes(describe(r))))
      problems.push(`${router.key}: ${plan.error}`);
  }
  return problems;
}
