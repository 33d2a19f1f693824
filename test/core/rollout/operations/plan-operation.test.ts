import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OPERATIONS, planOperation } from '../../../../src/core/rollout/operations/index.js';
import type { PauseReason } from '../../../../src/domain/index.js';
import { aRollout, NOW } from './builders.js';

const PAUSES: PauseReason[] = [
  'CanaryPauseStep',
  'BlueGreenPause',
  'InconclusiveAnalysisRun',
  'InconclusiveExperiment',
];

const anyRollout = fc
  .record({
    strategy: fc.constantFrom('canary' as const, 'blueGreen' as const),
    paused: fc.option(fc.boolean(), { nil: undefined }),
    index: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
    pauses: fc.option(fc.subarray(PAUSES), { nil: undefined }),
    controllerPause: fc.option(fc.boolean(), { nil: undefined }),
    abort: fc.option(fc.boolean(), { nil: undefined }),
    promoteFull: fc.boolean(),
    current: fc.constantFrom('canary2', 'stable1'),
    stepAnalysis: fc.option(fc.constantFrom('Running' as const, 'Inconclusive' as const), {
      nil: undefined,
    }),
  })
  .map((o) => aRollout(o));

// Invariants every plan keeps, whatever the state (spec §1.8: the spec part before the status part).
describe('planOperation', () => {
  it('plans each operation as at most one spec and one status merge patch, spec first, or refuses with a reason', () => {
    fc.assert(
      fc.property(anyRollout, fc.constantFrom(...OPERATIONS), (rollout, op) => {
        const plan = planOperation(rollout, op, NOW);
        if ('refused' in plan) {
          expect(plan.refused).toMatch(/storefront/);
          return;
        }
        expect(plan.writes.length).toBeGreaterThan(0);
        expect(plan.summary).toMatch(/storefront/);
        const order = plan.writes.map((w) => w.subresource);
        expect([['spec'], ['status'], ['spec', 'status']]).toContainEqual(order);
        for (const w of plan.writes) {
          const allowed = w.subresource === 'spec' ? ['spec', 'metadata'] : ['status'];
          expect(Object.keys(w.patch).every((k) => allowed.includes(k))).toBe(true);
          expect(w.patch[w.subresource]).toBeTypeOf('object');
        }
      }),
    );
  });

  it('never lets promote push the step index past the last step', () => {
    fc.assert(
      fc.property(anyRollout, (rollout) => {
        const plan = planOperation(rollout, 'promote', NOW);
        if ('refused' in plan) return;
        const status = plan.writes.find((w) => w.subresource === 'status')?.patch.status as
          { currentStepIndex?: number } | undefined;
        if (status?.currentStepIndex !== undefined)
          expect(status.currentStepIndex).toBeLessThanOrEqual(
            rollout.spec.strategy?.canary?.steps?.length ?? 0,
          );
      }),
    );
  });
});
