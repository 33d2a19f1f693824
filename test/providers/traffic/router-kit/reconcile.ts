/** Observe, plan and apply against the suite's in-memory cluster, and the checks the router tests share. */
import { expect } from 'vitest';
import {
  refKey,
  type DesiredTraffic,
  type KubeObjectJson,
  type Observed,
  type ObjectWrite,
  type RouteContext,
  type TrafficRouter,
} from '../../../../src/providers/traffic/types.js';
import type { InMemoryCluster } from '../support/in-memory-cluster.js';

/** What a caller reads: `objectsToRead` asked again with what was read until it asks for nothing new. */
export function observe(
  cluster: InMemoryCluster,
  router: TrafficRouter,
  ctx: RouteContext,
): Observed {
  const seen = new Map<string, KubeObjectJson | undefined>();
  for (let round = 0; round < 5; round++) {
    const refs = router.objectsToRead(ctx, seen).filter((r) => !seen.has(refKey(r)));
    if (refs.length === 0) break;
    for (const [key, object] of cluster.observe(refs)) seen.set(key, object);
  }
  return seen;
}

/** One reconcile: observe, plan, apply. Fails the test on a plan error. */
export function reconcile(
  router: TrafficRouter,
  cluster: InMemoryCluster,
  ctx: RouteContext,
  desired: DesiredTraffic,
): ObjectWrite[] {
  const plan = router.plan(ctx, observe(cluster, router, ctx), desired);
  if ('error' in plan) throw new Error(`plan failed: ${plan.error}`);
  cluster.apply(plan.writes);
  return plan.writes;
}

/** Reconciles, then expects a second plan to want nothing. */
export function reconcileSettled(
  router: TrafficRouter,
  cluster: InMemoryCluster,
  ctx: RouteContext,
  desired: DesiredTraffic,
): ObjectWrite[] {
  const writes = reconcile(router, cluster, ctx, desired);
  expect(router.plan(ctx, observe(cluster, router, ctx), desired)).toEqual({ writes: [] });
  return writes;
}

export function planError(
  router: TrafficRouter,
  cluster: InMemoryCluster,
  ctx: RouteContext,
  desired: DesiredTraffic,
): string {
  const plan = router.plan(ctx, observe(cluster, router, ctx), desired);
  if (!('error' in plan))
    throw new Error(`expected a plan error, got ${JSON.stringify(plan.writes)}`);
  return plan.error;
}

/** Every JSON patch starts with the resourceVersion guard; every change inside an array element tests that element first. */
export function expectGuarded(writes: readonly ObjectWrite[]): void {
  for (const w of writes) {
    if (w.op !== 'jsonPatch') continue;
    expect(w.patch[0]).toMatchObject({ op: 'test', path: '/metadata/resourceVersion' });
    const tests = w.patch.filter((p) => p.op === 'test').map((p) => p.path);
    for (const p of w.patch.filter((op) => op.op !== 'test')) {
      const element = /^(.*\/\d+)(\/|$)/.exec(p.path)?.[1];
      const isInsert = p.op === 'add' && element === p.path;
      if (element !== undefined && !isInsert)
        expect(
          tests.some((t) => t.startsWith(element)),
          `${p.op} ${p.path} is unguarded`,
        ).toBe(true);
    }
  }
}
