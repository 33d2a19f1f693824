// The release planner against a simulated fleet in which handlers die at any point and a stop
// switch comes and goes (issue 21:
// "killing the controller at any moment … continues the release with no wave skipped or
// repeated"). Each handler plans from the last persisted status, executes the actions, then
// persists; a crash drops everything after some point. Whatever the interleaving: waves get the
// commit in order, each cluster once, only after the earlier waves were healthy for their soak,
// never after a failure nor while stopped; a held Rollout does not move; and a release left to run
// finishes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRelease, type ReleaseAction } from '../../../src/core/fleet/index.js';
import type { ClusterObservation, OnFailure, Release, Wave } from '../../../src/domain/fleet.js';
import type { HoldMode, StopSwitch } from '../../../src/domain/fleet.js';
import { COMMIT, MIN, NO_WINDOWS, T0, aRelease, aSummary } from './release-builders.js';

const STOP: StopSwitch = {
  scope: 'fleet',
  by: 'alice',
  reason: 'stop the line',
  at: '2026-01-05T09:00:00Z',
};

type RolloutState = 'progressing' | 'healthy' | 'degraded' | 'aborted';

interface World {
  now: number;
  clusters: Map<
    string,
    { wave: number; applied: boolean; rollout?: RolloutState; healthyAt?: number; hold?: HoldMode }
  >;
  /** A fleet-wide stop switch is set. */
  stopped: boolean;
  deliveries: { cluster: string; wave: number; at: number }[];
  failed: boolean;
  persisted: Release;
}

type Command =
  | { kind: 'progress'; cluster: number }
  | { kind: 'fail'; cluster: number; how: 'degraded' | 'aborted' }
  | { kind: 'tick'; minutes: number }
  | { kind: 'stop' | 'unstop' }
  | { kind: 'plan'; crash: 'none' | 'beforeAct' | 'midAct' | 'afterAct'; cut: number };

const arbWaves: fc.Arbitrary<Wave[]> = fc
  .array(
    fc.record({
      size: fc.integer({ min: 1, max: 3 }),
      soakMinutes: fc.constantFrom(0, 0, 10, 30),
      lockstep: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((specs) => {
    let n = 0;
    return specs.map((s) => ({
      clusters: Array.from({ length: s.size }, () => `c${n++}`),
      soakSeconds: s.soakMinutes * 60,
      lockstep: s.lockstep,
    }));
  });

const arbCommand: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('progress' as const), cluster: fc.nat(11) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('fail' as const),
      cluster: fc.nat(11),
      how: fc.constantFrom('degraded' as const, 'aborted' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      minutes: fc.integer({ min: 1, max: 40 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('stop' as const, 'unstop' as const) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('plan' as const),
      crash: fc.constantFrom(
        'none' as const,
        'none' as const,
        'beforeAct' as const,
        'midAct' as const,
        'afterAct' as const,
      ),
      cut: fc.nat(5),
    }),
  },
);

function observe(world: World): ClusterObservation[] {
  return [...world.clusters].map(([cluster, c]) => {
    if (!c.applied)
      return {
        cluster,
        appliedCommit: 'older',
        rollouts: [aSummary({ cluster, commit: 'older', phase: 'Healthy', revision: 1 })],
      };
    const r = c.rollout;
    return {
      cluster,
      appliedCommit: COMMIT,
      rollouts: [
        aSummary({
          cluster,
          phase: r === 'healthy' ? 'Healthy' : r === 'progressing' ? 'Progressing' : 'Degraded',
          aborted: r === 'aborted',
          ...(c.hold ? { releaseHold: c.hold } : {}),
        }),
      ],
    };
  });
}

function execute(world: World, waves: Wave[], action: ReleaseAction): void {
  if (action.kind === 'hold' || action.kind === 'release') {
    const c = world.clusters.get(action.cluster);
    if (c) c.hold = action.kind === 'hold' ? action.mode : undefined;
  }
  if (action.kind === 'abort') {
    const c = world.clusters.get(action.cluster);
    if (c?.rollout === 'progressing') c.rollout = 'aborted';
  }
  if (action.kind !== 'deliver') return;
  const c = world.clusters.get(action.cluster);
  if (!c || c.applied) return;
  // The moment the commit reaches a cluster: every earlier wave healthy for its soak, no failure.
  expect(world.failed, `deliver to ${action.cluster} after a failure`).toBe(false);
  expect(world.stopped, `deliver to ${action.cluster} while stopped`).toBe(false);
  for (const [name, other] of world.clusters)
    if (other.wave < c.wave) {
      expect(other.rollout, `${name} (wave ${other.wave}) before ${action.cluster}`).toBe(
        'healthy',
      );
      const soak = (waves[other.wave]?.soakSeconds ?? 0) * 1000;
      expect(world.now).toBeGreaterThanOrEqual((other.healthyAt ?? Infinity) + soak);
    }
  c.applied = true;
  c.rollout = 'progressing';
  world.deliveries.push({ cluster: action.cluster, wave: c.wave, at: world.now });
}

function handle(world: World, waves: Wave[], crash: Command & { kind: 'plan' }): void {
  const observed = observe(world);
  const before = world.persisted;
  const stops = world.stopped ? [STOP] : [];
  const plan = planRelease(before, observed, stops, NO_WINDOWS, world.now);
  // A deliver stands for pending → delivering of the persisted status: never one already recorded.
  for (const a of plan.actions)
    if (a.kind === 'deliver') {
      const recorded = before.status?.waves
        .flatMap((w) => w.clusters)
        .find((c) => c.name === a.cluster);
      expect(recorded?.state ?? 'pending').toBe('pending');
    }
  // Planned again from its own result and the same reading, it changes nothing and asks nothing.
  const again = planRelease(
    { ...before, status: plan.status },
    observed,
    stops,
    NO_WINDOWS,
    world.now,
  );
  expect(again.status).toEqual(plan.status);
  expect(again.actions).toEqual([]);
  if (crash.crash === 'beforeAct') return;
  const done = crash.crash === 'midAct' ? plan.actions.slice(0, crash.cut) : plan.actions;
  for (const a of done) execute(world, waves, a);
  if (crash.crash === 'none') world.persisted = { ...before, status: plan.status };
}

function apply(world: World, waves: Wave[], cmd: Command): void {
  const names = [...world.clusters.keys()];
  switch (cmd.kind) {
    case 'tick':
      world.now += cmd.minutes * MIN;
      return;
    case 'plan':
      handle(world, waves, cmd);
      return;
    case 'stop':
    case 'unstop':
      world.stopped = cmd.kind === 'stop';
      return;
    default: {
      const c = world.clusters.get(names[cmd.cluster % names.length] ?? '');
      if (c?.rollout !== 'progressing') return;
      if (cmd.kind === 'progress') {
        // A Rollout the release holds at its step does not move on (a failure still can happen).
        if (c.hold === 'step') return;
        c.rollout = 'healthy';
        c.healthyAt = world.now;
      } else {
        c.rollout = cmd.how;
        world.failed = true;
      }
    }
  }
}

describe('planRelease under crashes at any point (property)', () => {
  it('delivers waves in order, each cluster once, never after a failure, and finishes', () => {
    fc.assert(
      fc.property(
        arbWaves,
        fc.constantFrom<OnFailure>('halt', 'abortAll'),
        fc.array(arbCommand, { maxLength: 80 }),
        (waves, onFailure, commands) => {
          const world: World = {
            now: T0,
            clusters: new Map(
              waves.flatMap((w, wave) =>
                w.clusters.map((name) => [name, { wave, applied: false }] as const),
              ),
            ),
            deliveries: [],
            stopped: false,
            failed: false,
            persisted: aRelease({ waves, onFailure }),
          };
          for (const cmd of commands) apply(world, waves, cmd);

          // Left to run with no more crashes, failures or stops, it finishes.
          world.stopped = false;
          const plan = { kind: 'plan', crash: 'none', cut: 0 } as const;
          apply(world, waves, plan);
          if (world.persisted.status?.phase === 'Failed' && onFailure === 'abortAll')
            for (const [name, c] of world.clusters)
              expect(c.rollout === 'progressing', `${name} still progressing`).toBe(false);
          for (let i = 0; i < 3 * waves.length + 2; i++) {
            for (const c of world.clusters.values())
              // Held ones too must be let go by the planner: nothing else releases them.
              if (c.rollout === 'progressing' && c.hold !== 'step') {
                c.rollout = 'healthy';
                c.healthyAt = world.now;
              }
            apply(world, waves, plan);
            apply(world, waves, { kind: 'tick', minutes: 31 });
            apply(world, waves, plan);
          }
          const status = world.persisted.status;
          const delivered = world.deliveries.map((d) => d.cluster);
          expect(new Set(delivered).size).toBe(delivered.length);
          expect(world.deliveries.map((d) => d.wave)).toEqual(
            [...world.deliveries.map((d) => d.wave)].sort((a, b) => a - b),
          );
          if (!world.failed) {
            expect(status?.phase).toBe('Succeeded');
            expect(delivered.sort()).toEqual([...world.clusters.keys()].sort());
          } else {
            expect(status?.phase).toBe('Failed');
            const failedWave = Math.min(
              ...[...world.clusters.values()]
                .filter((c) => c.rollout === 'degraded' || c.rollout === 'aborted')
                .map((c) => c.wave),
            );
            expect(world.deliveries.every((d) => d.wave <= failedWave)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
