/**
 * The one conformance suite every traffic router passes (hono's `*.case.ts` pattern; STYLE: Tests).
 * A router's test file builds a `RouterFixture` from its own YAML fixtures and calls
 * `runRouterConformance('nginx', fixture)`. The suite owns the applier (`InMemoryCluster`): writes are
 * applied as the API server would, with resourceVersion guards enforced.
 *
 * What every router must do (types.ts, spec §4.2–4.3): read back the weight it set; canary + stable
 * (+ additional) = maxTrafficWeight; header/mirror routes on and off where supported (others ignore
 * them: validation rejects such steps earlier); weight 0 on abort and promotion with managed routes gone;
 * leave every field it does not own byte for byte (key order too); be idempotent; guard every patch;
 * answer `{ error }` naming a missing required object; reject broken configs in `validate`.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  refKey,
  type AdditionalDestination,
  type DesiredTraffic,
  type HeaderRoute,
  type KubeObjectJson,
  type MirrorRoute,
  type ObjectRef,
  type ObjectWrite,
  type ObservedWeights,
  type RouteContext,
  type TrafficRouter,
} from '../../../src/providers/traffic/types.js';
import {
  InMemoryCluster,
  refOf,
  WriteRejected,
  type ObjectMap,
} from './support/in-memory-cluster.js';

export {
  InMemoryCluster,
  refOf,
  WriteRejected,
  type ObjectMap,
} from './support/in-memory-cluster.js';
export { omitPaths, whereField, type OwnedPath, type PathSegment } from './support/omit-paths.js';
export { loadManifests } from './support/manifests.js';

export interface RouterCapabilities {
  /** Honours `maxTrafficWeight` ≠ 100 (NGINX and plugins, spec §1.4). */
  maxTrafficWeight: boolean;
  /** Service names usable as additional (experiment) destinations; empty or absent: not supported. */
  additionalDestinations?: readonly string[];
  headerRoutes: boolean;
  mirrorRoutes: boolean;
}

export interface RouterFixture {
  router: TrafficRouter;
  /** Tells apart several fixtures of one router in test titles (`nginx (single Ingress)`); the key stays `name`. */
  variant?: string;
  /** A valid context with `maxTrafficWeight: 100`; the suite derives others from it. */
  context: RouteContext;
  /** The objects of a fresh cluster, as JSON (e.g. `loadManifests(new URL('./fixtures/x.yaml', import.meta.url))`). */
  objects: readonly KubeObjectJson[];
  capabilities: RouterCapabilities;
  /**
   * The part of a fresh-cluster object the router does not own, in its original key order, or
   * `undefined` when the router owns the object whole (it may then delete it). The suite strips
   * `metadata.resourceVersion` before calling. Usually `omitPaths(object, OWNED_PATHS)`.
   */
  foreign(object: KubeObjectJson): unknown;
  /** Names of the managed routes the objects carry now. Required when header or mirror routes are supported. */
  managedRoutesIn?(objects: ObjectMap, ctx: RouteContext): string[];
  /** Fresh-cluster objects without which `plan` must answer `{ error }` naming them. */
  requiredObjects: readonly ObjectRef[];
  /** Configs `validate` must reject, each with a fragment (or pattern) of one expected problem. */
  brokenConfigs: ReadonlyArray<{ config: unknown; problem: string | RegExp }>;
  /** Extra checks after promotion (full weight, then 0): helper objects removed or reset as the spec says. */
  expectCleanedUp?(objects: ObjectMap, ctx: RouteContext): void;
}

export const HEADER_ROUTE: HeaderRoute = {
  name: 'conformance-header',
  match: [{ headerName: 'x-canary', headerValue: { exact: 'always' } }],
};
export const MIRROR_ROUTE: MirrorRoute = {
  name: 'conformance-mirror',
  percentage: 35,
  match: [{ method: { exact: 'GET' }, path: { prefix: '/api' } }],
};

interface Want {
  additional?: readonly AdditionalDestination[];
  header?: boolean;
  mirror?: boolean;
}

export function aDesired(canaryWeight: number, want: Want = {}): DesiredTraffic {
  return {
    canaryWeight,
    additionalDestinations: want.additional ?? [],
    canaryHash: 'c4n4ry',
    stableHash: 'st4bl3',
    headerRoutes: want.header === true ? [HEADER_ROUTE] : [],
    mirrorRoutes: want.mirror === true ? [MIRROR_ROUTE] : [],
  };
}

/** Contract checks on one plan: patches and deletes target objects the router read; creates are owned by the Rollout. */
function contractProblems(
  router: TrafficRouter,
  ctx: RouteContext,
  writes: readonly ObjectWrite[],
): string[] {
  const read = new Set(router.objectsToRead(ctx).map(refKey));
  return writes.flatMap((write): string[] => {
    if (write.op !== 'create')
      return read.has(refKey(write.ref))
        ? []
        : [`${write.op} of ${refKey(write.ref)}, which is not in objectsToRead`];
    const { metadata } = write.object;
    const owners = metadata.ownerReferences ?? [];
    const owned = owners.some(
      (o) =>
        o.kind === 'Rollout' &&
        o.name === ctx.rollout.name &&
        o.uid === ctx.rollout.uid &&
        o.controller === true,
    );
    const problems: string[] = [];
    if (!owned)
      problems.push(
        `created ${metadata.name} has no controller ownerReference to Rollout ${ctx.rollout.name}`,
      );
    if (metadata.namespace !== ctx.rollout.namespace)
      problems.push(`created ${metadata.name} is not in namespace ${ctx.rollout.namespace}`);
    if (!read.has(refKey(refOf(write.object))))
      problems.push(
        `created ${metadata.name}, which is not in objectsToRead (so a second plan could not see it)`,
      );
    return problems;
  });
}

function withoutVersion(object: KubeObjectJson): KubeObjectJson {
  const copy = structuredClone(object);
  delete copy.metadata.resourceVersion;
  return copy;
}

function sortAdditional(
  list: ObservedWeights['additional'],
): Array<{ serviceName: string; weight: number }> {
  return [...list]
    .map((a) => ({ serviceName: a.serviceName, weight: a.weight }))
    .sort((a, b) => a.serviceName.localeCompare(b.serviceName));
}

export function runRouterConformance(name: string, fixture: RouterFixture): void {
  const { router, capabilities: can } = fixture;
  const extraServices = can.additionalDestinations ?? [];
  const routeNames = [HEADER_ROUTE.name, MIRROR_ROUTE.name].filter(
    (n) => !fixture.context.managedRoutes.includes(n),
  );
  const base: RouteContext = {
    ...fixture.context,
    managedRoutes: [...fixture.context.managedRoutes, ...routeNames],
  };
  const withMax = (maxTrafficWeight: number): RouteContext => ({ ...base, maxTrafficWeight });
  const fresh = (): InMemoryCluster => new InMemoryCluster(fixture.objects);
  if ((can.headerRoutes || can.mirrorRoutes) && fixture.managedRoutesIn === undefined) {
    throw new Error(
      `${name}: a fixture that supports header or mirror routes must supply managedRoutesIn`,
    );
  }
  const routesIn = (cluster: InMemoryCluster, ctx: RouteContext): string[] =>
    fixture.managedRoutesIn?.(cluster.objects(), ctx) ?? [];

  function planOn(
    cluster: InMemoryCluster,
    ctx: RouteContext,
    desired: DesiredTraffic,
  ): ObjectWrite[] {
    const plan = router.plan(ctx, cluster.observe(router.objectsToRead(ctx)), desired);
    if ('error' in plan) throw new Error(`${name}: plan failed: ${plan.error}`);
    expect(contractProblems(router, ctx, plan.writes)).toEqual([]);
    return plan.writes;
  }

  function step(
    cluster: InMemoryCluster,
    ctx: RouteContext,
    desired: DesiredTraffic,
  ): ObjectWrite[] {
    const writes = planOn(cluster, ctx, desired);
    cluster.apply(writes);
    return writes;
  }

  function weights(cluster: InMemoryCluster, ctx: RouteContext): ObservedWeights | undefined {
    return router.readWeights(ctx, cluster.observe(router.objectsToRead(ctx)));
  }

  function expectWeights(
    cluster: InMemoryCluster,
    ctx: RouteContext,
    canary: number,
    additional: readonly AdditionalDestination[] = [],
  ): void {
    const extra = additional.reduce((sum, a) => sum + a.weight, 0);
    const got = weights(cluster, ctx);
    expect(got, 'readWeights').toBeDefined();
    expect({
      canary: got?.canary,
      stable: got?.stable,
      additional: sortAdditional(got?.additional ?? []),
    }).toEqual({
      canary,
      stable: ctx.maxTrafficWeight - canary - extra,
      additional: sortAdditional(additional),
    });
  }

  /** Foreign views of every fresh-cluster object, as JSON text (so key order counts). */
  function foreignText(object: KubeObjectJson | undefined): string | undefined {
    if (object === undefined) return undefined;
    const view = fixture.foreign(withoutVersion(object));
    return view === undefined ? undefined : JSON.stringify(view, null, 1);
  }

  function expectForeignPreserved(cluster: InMemoryCluster): void {
    for (const original of fixture.objects) {
      const ref = refOf(original);
      const before = foreignText(original);
      const now = cluster.get(ref);
      if (now === undefined) {
        expect(
          before,
          `${refKey(ref)} was deleted but the router does not own it whole`,
        ).toBeUndefined();
      } else {
        expect(foreignText(now), `foreign fields of ${refKey(ref)}`).toBe(before);
      }
    }
  }

  const max = base.maxTrafficWeight;
  const sampleWeights = (m: number): number[] => [
    ...new Set([0, 1, Math.round(m * 0.05), Math.round(m * 0.3), Math.round(m / 2), m - 1, m]),
  ];

  describe(`${name} router: conformance${fixture.variant === undefined ? '' : ` (${fixture.variant})`}`, () => {
    it('has the key it was registered under, a valid fixture config and reads its required objects', () => {
      expect(router.key).toBe(name);
      expect(base.maxTrafficWeight).toBe(100);
      expect(router.validate(base)).toEqual([]);
      const read = router.objectsToRead(base).map(refKey);
      for (const ref of fixture.requiredObjects) expect(read).toContain(refKey(ref));
    });

    it('fixture objects carry foreign annotations and labels to guard', () => {
      const guarded = fixture.objects.filter((o) => {
        const view = fixture.foreign(withoutVersion(o)) as
          { metadata?: { annotations?: object; labels?: object } } | undefined;
        return (
          Object.keys(view?.metadata?.annotations ?? {}).length > 0 &&
          Object.keys(view?.metadata?.labels ?? {}).length > 0
        );
      });
      expect(guarded.length).toBeGreaterThan(0);
    });

    it.each(fixture.brokenConfigs.map((b) => ({ ...b, expected: String(b.problem) })))(
      'validate rejects a broken config: $expected',
      ({ config, problem }) => {
        const problems = router.validate({ ...base, config });
        expect(problems.length).toBeGreaterThan(0);
        expect(
          problems.some((p) =>
            typeof problem === 'string' ? p.includes(problem) : problem.test(p),
          ),
          problems.join(' | '),
        ).toBe(true);
      },
    );

    it('readWeights on a fresh cluster does not throw', () => {
      expect(() => weights(fresh(), base)).not.toThrow();
    });

    it.each(sampleWeights(max))(
      'sets weight %i, reads it back, and a second plan writes nothing',
      (w) => {
        const cluster = fresh();
        step(cluster, base, aDesired(30));
        step(cluster, base, aDesired(w));
        expectWeights(cluster, base, w);
        expect(planOn(cluster, base, aDesired(w))).toEqual([]);
        expectForeignPreserved(cluster);
      },
    );

    it.runIf(can.maxTrafficWeight).each(sampleWeights(1000))(
      'with maxTrafficWeight 1000 sets weight %i and reads it back (skipped where maxTrafficWeight is not allowed: only nginx and plugins, spec §1.4)',
      (w) => {
        const ctx = withMax(1000);
        const cluster = fresh();
        step(cluster, ctx, aDesired(w));
        expectWeights(cluster, ctx, w);
        expect(planOn(cluster, ctx, aDesired(w))).toEqual([]);
        expectForeignPreserved(cluster);
      },
    );

    it.runIf(extraServices.length > 0)(
      'additional destinations get their weight; canary + stable + additional = max; removing them restores the split (skipped for routers without experiment destinations)',
      () => {
        const cluster = fresh();
        const additional = extraServices.map((serviceName, i) => ({
          serviceName,
          weight: 10 + i * 5,
        }));
        step(cluster, base, aDesired(20, { additional }));
        expectWeights(cluster, base, 20, additional);
        const got = weights(cluster, base);
        expect(
          (got?.canary ?? 0) +
            (got?.stable ?? 0) +
            (got?.additional ?? []).reduce((s, a) => s + a.weight, 0),
        ).toBe(max);
        expect(planOn(cluster, base, aDesired(20, { additional }))).toEqual([]);
        step(cluster, base, aDesired(20));
        expectWeights(cluster, base, 20);
        expectForeignPreserved(cluster);
      },
    );

    it.runIf(can.headerRoutes)(
      'header route on, then off, leaves the objects as the weight alone would (skipped for routers without header routes)',
      () => {
        const cluster = fresh();
        step(cluster, base, aDesired(30));
        const before = cluster.objects();
        step(cluster, base, aDesired(30, { header: true }));
        expect(routesIn(cluster, base)).toContain(HEADER_ROUTE.name);
        expectWeights(cluster, base, 30);
        expect(planOn(cluster, base, aDesired(30, { header: true }))).toEqual([]);
        step(cluster, base, aDesired(30));
        expect(routesIn(cluster, base)).toEqual([]);
        expect(sameObjects(cluster.objects(), before)).toEqual([]);
      },
    );

    it.runIf(can.mirrorRoutes)(
      'mirror route on, then off, leaves the objects as the weight alone would (skipped for routers without mirror routes)',
      () => {
        const cluster = fresh();
        step(cluster, base, aDesired(30));
        const before = cluster.objects();
        step(cluster, base, aDesired(30, { mirror: true }));
        expect(routesIn(cluster, base)).toContain(MIRROR_ROUTE.name);
        expectWeights(cluster, base, 30);
        expect(planOn(cluster, base, aDesired(30, { mirror: true }))).toEqual([]);
        step(cluster, base, aDesired(30));
        expect(routesIn(cluster, base)).toEqual([]);
        expect(sameObjects(cluster.objects(), before)).toEqual([]);
      },
    );

    it.runIf(!can.headerRoutes || !can.mirrorRoutes)(
      'ignores the route kinds it does not support (validation rejects such steps earlier; skipped for routers that support both)',
      () => {
        const cluster = fresh();
        step(cluster, base, aDesired(30));
        const unsupported = { header: !can.headerRoutes, mirror: !can.mirrorRoutes };
        expect(planOn(cluster, base, aDesired(60, unsupported))).toEqual(
          planOn(cluster, base, aDesired(60)),
        );
      },
    );

    it('abort: weight 0, managed routes removed, nothing left to write', () => {
      const cluster = fresh();
      step(cluster, base, aDesired(40, { header: can.headerRoutes, mirror: can.mirrorRoutes }));
      step(cluster, base, aDesired(0));
      expectWeights(cluster, base, 0);
      expect(routesIn(cluster, base)).toEqual([]);
      expect(planOn(cluster, base, aDesired(0))).toEqual([]);
      expectForeignPreserved(cluster);
    });

    it('promotion: full weight then 0, managed routes removed, helper objects cleaned up', () => {
      const cluster = fresh();
      step(cluster, base, aDesired(50, { header: can.headerRoutes, mirror: can.mirrorRoutes }));
      step(cluster, base, aDesired(max));
      expectWeights(cluster, base, max);
      step(cluster, base, aDesired(0));
      expectWeights(cluster, base, 0);
      expect(routesIn(cluster, base)).toEqual([]);
      fixture.expectCleanedUp?.(cluster.objects(), base);
      expect(planOn(cluster, base, aDesired(0))).toEqual([]);
      expectForeignPreserved(cluster);
    });

    it('keeps every foreign field byte for byte (key order included) through a whole rollout', () => {
      const cluster = fresh();
      const routes = { header: can.headerRoutes, mirror: can.mirrorRoutes };
      const additional = extraServices
        .slice(0, 1)
        .map((serviceName) => ({ serviceName, weight: 15 }));
      for (const desired of [
        aDesired(10),
        aDesired(30, routes),
        aDesired(60, { ...routes, additional }),
        aDesired(max),
        aDesired(0),
      ]) {
        step(cluster, base, desired);
        expectForeignPreserved(cluster);
      }
    });

    it('a concurrent write between read and write makes every guarded patch fail; a re-read and re-plan then succeeds', () => {
      const cluster = fresh();
      step(cluster, base, aDesired(30));
      const writes = planOn(cluster, base, aDesired(60));
      const guarded = writes.filter(
        (w): w is Extract<ObjectWrite, { ref: ObjectRef }> =>
          w.op === 'mergePatch' || w.op === 'jsonPatch',
      );
      expect(guarded.length, 'moving the weight needs at least one guarded patch').toBeGreaterThan(
        0,
      );
      for (const write of guarded) {
        const raced = cluster.fork();
        raced.touch(write.ref);
        expect(() => raced.apply([write])).toThrow(WriteRejected);
        try {
          raced.apply([write]);
        } catch (error) {
          expect([409, 422]).toContain((error as WriteRejected).status);
        }
        step(raced, base, aDesired(60));
        expectWeights(raced, base, 60);
        expect(
          raced.get(write.ref)?.metadata.annotations?.['conformance.test/concurrent-writer'],
        ).toBeDefined();
      }
    });

    it('a create races with another writer creating the same object and fails', () => {
      const cluster = fresh();
      const creates = planOn(cluster, base, aDesired(30)).filter((w) => w.op === 'create');
      for (const write of creates) {
        const raced = cluster.fork();
        raced.put({ ...write.object, metadata: { ...write.object.metadata, ownerReferences: [] } });
        expect(() => raced.apply([write])).toThrow(/already exists/);
      }
    });

    it.each(fixture.requiredObjects.map((ref) => ({ ref, key: refKey(ref) })))(
      'missing $key ⇒ { error } naming it',
      ({ ref }) => {
        const cluster = fresh();
        cluster.remove(ref);
        const plan = router.plan(base, cluster.observe(router.objectsToRead(base)), aDesired(30));
        expect(plan).toHaveProperty('error');
        expect('error' in plan ? plan.error : '').toContain(ref.name);
        expect(() => weights(cluster, base)).not.toThrow();
      },
    );

    it('property: any weight sequence reads back, is idempotent and never touches foreign fields', () => {
      const ctx = can.maxTrafficWeight ? withMax(1000) : base;
      const m = ctx.maxTrafficWeight;
      const target = fc.record({ canary: fc.nat(m), extra: fc.nat(m) }).map(({ canary, extra }) => {
        const room = m - canary;
        const weight = extraServices.length > 0 && room > 0 ? extra % (room + 1) : 0;
        const additional =
          weight > 0 && extraServices[0] !== undefined
            ? [{ serviceName: extraServices[0], weight }]
            : [];
        return { canary, additional };
      });
      fc.assert(
        fc.property(fc.array(target, { minLength: 1, maxLength: 8 }), (sequence) => {
          const cluster = fresh();
          for (const { canary, additional } of sequence) {
            step(cluster, ctx, aDesired(canary, { additional }));
            expectWeights(cluster, ctx, canary, additional);
            expect(planOn(cluster, ctx, aDesired(canary, { additional }))).toEqual([]);
            expectForeignPreserved(cluster);
          }
        }),
        { numRuns: 60 },
      );
    });
  });
}

/** Objects that differ (resourceVersion aside), by key; empty when both maps say the same. */
function sameObjects(a: ObjectMap, b: ObjectMap): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((key) => {
    const x = a.get(key);
    const y = b.get(key);
    return (
      JSON.stringify(x === undefined ? undefined : withoutVersion(x)) !==
      JSON.stringify(y === undefined ? undefined : withoutVersion(y))
    );
  });
}
