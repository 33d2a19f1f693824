import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IntOrString } from '../../../../src/domain/index.js';
import {
  approximateWeightedCounts,
  calculateBasicCanaryCounts,
  type Fenceposts,
  isFencepostError,
  type OldRsCounts,
  resolveFenceposts,
  type RsCounts,
  scaleDownOldReplicaSets,
} from '../../../../src/core/rollout/replicas/index.js';

/** What happens between two reconciles. */
interface Tick {
  weight: number;
  /** A new template: the current canary becomes an older RS and a fresh new RS starts at 0. */
  update: boolean;
  /** Fraction of each RS's pods available afterwards; 1 = everything up. */
  readiness: number;
}

const fencepostArb: fc.Arbitrary<IntOrString> = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
  fc.integer({ min: 0, max: 100 }).map(String),
);

const tickArb: fc.Arbitrary<Tick> = fc.record({
  weight: fc.integer({ min: 0, max: 100 }),
  update: fc.boolean(),
  readiness: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
});

interface Cluster {
  newRS: RsCounts;
  stableRS: RsCounts;
  olderRSs: OldRsCounts[];
  revision: number;
}

const all = (c: Cluster): RsCounts[] => [c.newRS, c.stableRS, ...c.olderRSs];
const totalSpec = (c: Cluster) => all(c).reduce((n, rs) => n + rs.spec, 0);
const totalAvailable = (c: Cluster) =>
  all(c).reduce((n, rs) => n + Math.min(rs.available, rs.spec), 0);
const allAvailable = (c: Cluster) => all(c).every((rs) => rs.available === rs.spec);
const scaled = (rs: RsCounts, spec: number): RsCounts => ({
  spec,
  available: Math.min(rs.available, spec),
});

/**
 * Drives a basic canary from a healthy stable through random weights, template updates and
 * readiness, checking after each function what §1.6 promises: total pods ≤ replicas + maxSurge,
 * and, while every pod is available, available ≥ replicas − maxUnavailable (or no fewer than
 * before, when it already was below).
 */
function simulate(replicas: number, fenceposts: Fenceposts, ticks: Tick[]): void {
  const { maxSurge, maxUnavailable } = fenceposts;
  const maxTotal = replicas + maxSurge;
  const minAvailable = replicas - maxUnavailable;
  const c: Cluster = {
    newRS: { spec: 0, available: 0 },
    stableRS: { spec: replicas, available: replicas },
    olderRSs: [],
    revision: 2,
  };

  const checkTransition = (before: Cluster, after: Cluster) => {
    expect(totalSpec(after)).toBeLessThanOrEqual(Math.max(maxTotal, totalSpec(before)));
    if (allAvailable(before)) {
      expect(totalAvailable(after)).toBeGreaterThanOrEqual(
        Math.min(minAvailable, totalAvailable(before)),
      );
    }
  };

  for (const tick of ticks) {
    if (tick.update && c.newRS.spec > 0) {
      c.olderRSs.push({ ...c.newRS, revision: c.revision });
      c.revision += 1;
      c.newRS = { spec: 0, available: 0 };
    }

    const counts = calculateBasicCanaryCounts({
      replicas,
      weight: tick.weight,
      maxWeight: 100,
      maxSurge,
      maxUnavailable,
      newRS: c.newRS,
      stableRS: c.stableRS,
      olderRSs: c.olderRSs,
    });
    for (const n of [counts.canary, counts.stable]) {
      expect(Number.isInteger(n)).toBe(true);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(maxTotal);
    }
    const afterBasic: Cluster = {
      ...c,
      newRS: scaled(c.newRS, counts.canary),
      stableRS: scaled(c.stableRS, counts.stable),
    };
    checkTransition(c, afterBasic);

    const olderSpecs = scaleDownOldReplicaSets({
      replicas,
      maxUnavailable,
      newRS: afterBasic.newRS,
      stableRS: afterBasic.stableRS,
      olderRSs: afterBasic.olderRSs,
    });
    const afterOld: Cluster = {
      ...afterBasic,
      olderRSs: afterBasic.olderRSs.map((rs, i) => ({
        ...scaled(rs, olderSpecs[i] ?? rs.spec),
        revision: rs.revision,
      })),
    };
    afterOld.olderRSs.forEach((rs, i) =>
      expect(rs.spec).toBeLessThanOrEqual(afterBasic.olderRSs[i]?.spec ?? 0),
    );
    checkTransition(afterBasic, afterOld);

    // Pods come up (or not) before the next reconcile.
    const ready = (rs: RsCounts): RsCounts => ({
      spec: rs.spec,
      available: Math.max(Math.min(rs.available, rs.spec), Math.floor(rs.spec * tick.readiness)),
    });
    c.newRS = ready(afterOld.newRS);
    c.stableRS = ready(afterOld.stableRS);
    c.olderRSs = afterOld.olderRSs
      .filter((rs) => rs.spec > 0)
      .map((rs) => ({ ...ready(rs), revision: rs.revision }));
  }
}

describe('basic canary invariants (fast-check)', () => {
  it('never exceeds replicas + maxSurge, never drops below replicas − maxUnavailable available', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fencepostArb,
        fencepostArb,
        fc.array(tickArb, { minLength: 1, maxLength: 25 }),
        (replicas, surge, unavailable, ticks) => {
          const fenceposts = resolveFenceposts(surge, unavailable, replicas);
          if (isFencepostError(fenceposts)) throw new Error(fenceposts.error);
          simulate(replicas, fenceposts, ticks);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('settles on the approximated split once every pod is up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 100 }),
        fencepostArb,
        fencepostArb,
        (replicas, weight, surge, unavailable) => {
          const fenceposts = resolveFenceposts(surge, unavailable, replicas);
          if (isFencepostError(fenceposts)) throw new Error(fenceposts.error);
          let newRS: RsCounts = { spec: 0, available: 0 };
          let stableRS: RsCounts = { spec: replicas, available: replicas };
          let previous = '';
          for (let pass = 0; pass < 4 * replicas + 10; pass++) {
            const counts = calculateBasicCanaryCounts({
              replicas,
              weight,
              maxWeight: 100,
              ...fenceposts,
              newRS,
              stableRS,
              olderRSs: [],
            });
            newRS = { spec: counts.canary, available: counts.canary };
            stableRS = { spec: counts.stable, available: counts.stable };
            previous = `${counts.canary}/${counts.stable}`;
          }
          const settled = calculateBasicCanaryCounts({
            replicas,
            weight,
            maxWeight: 100,
            ...fenceposts,
            newRS,
            stableRS,
            olderRSs: [],
          });
          expect(`${settled.canary}/${settled.stable}`).toBe(previous);
          expect(settled).toEqual(
            approximateWeightedCounts(replicas, weight, 100, fenceposts.maxSurge),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
