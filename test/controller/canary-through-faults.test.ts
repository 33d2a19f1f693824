import { describe, expect, it } from 'vitest';
import type { Rollout } from '../../src/domain/index.js';
import { type CanaryRun, runCanaryThroughFaults } from '../support/canary-through-faults.js';

// Issue 15: with 15 % of the controller's API requests failing (500, 503, 429 with Retry-After,
// 409 on writes, connections dropped mid-response after the server acted), a canary with an
// analysis step ends exactly as it does without faults: every step done once, each step's Event
// recorded once. Wall-clock (the Node runtime with its relay, hook and timers), 1 s pauses.
// How long it takes is the benchmark's business (bench/faults.ts), not an assertion here.

const STEP_EVENTS = [
  'Rollout step 1/7 completed (setWeight: 25)',
  'Rollout step 2/7 completed (pause: 1s)',
  'Rollout step 3/7 completed (analysis)',
  'Rollout step 4/7 completed (setWeight: 50)',
  'Rollout step 5/7 completed (pause: 1s)',
  'Rollout step 6/7 completed (setWeight: 75)',
  'Rollout step 7/7 completed (pause: 1s)',
];

/** What must match between runs: the status a user and Argo CD read, without timestamps. */
function endState(run: CanaryRun) {
  const s: NonNullable<Rollout['status']> = run.rollout.status ?? {};
  return {
    phase: s.phase,
    currentStepIndex: s.currentStepIndex,
    stableRS: s.stableRS,
    currentPodHash: s.currentPodHash,
    replicas: s.replicas,
    updatedReplicas: s.updatedReplicas,
    readyReplicas: s.readyReplicas,
    availableReplicas: s.availableReplicas,
    conditions: (s.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason ?? ''}`).sort(),
    stepEvents: run.stepEvents,
    analysisPhases: run.analysisPhases,
    replicaSets: run.replicaSets,
  };
}

describe('a canary with analysis through the fault proxy', () => {
  it(
    'ends in the fault-free state at 15 % faults, every step and step Event exactly once',
    { timeout: 150_000 },
    async () => {
      const clean = await runCanaryThroughFaults({ faultRate: 0, seed: 1 });
      expect(endState(clean)).toMatchObject({
        phase: 'Healthy',
        currentStepIndex: 7,
        stepEvents: STEP_EVENTS,
        analysisPhases: ['Successful'],
        replicaSets: [4, 0],
      });
      expect(clean.proxy.forwarded).toBe(clean.proxy.requests);

      const faulty = await runCanaryThroughFaults({ faultRate: 0.15, seed: 15 });
      expect(endState(faulty)).toEqual(endState(clean));
      // The run met the faults that matter, so the outcome above is not luck of the draw (409s are
      // drawn for PUT and PATCH only, too few to count on in every run).
      const { faults, requests } = faulty.proxy;
      for (const kind of ['500', '503', '429', 'drop'] as const)
        expect(faults[kind], kind).toBeGreaterThan(0);
      const injected = Object.values(faults).reduce((a, b) => a + b, 0);
      expect(injected / requests).toBeGreaterThan(0.08);
    },
  );
});
