import { describe, expect, it } from 'vitest';
import type { Release, StopSwitch } from '../../../src/domain/fleet.js';
import {
  COMMIT,
  MIN,
  T0,
  aRelease,
  aWave,
  applied,
  healthy,
  kinds,
  notYet,
  stateOf,
  step,
  type Inputs,
} from './release-builders.js';

/** Runs the planner over a sequence of inputs, persisting each status; returns every plan. */
function run(release: Release, ...inputs: Inputs[]) {
  const plans = [];
  let current = release;
  for (const i of inputs) {
    const p = step(current, i);
    plans.push(p);
    current = p.release;
  }
  return plans;
}

/** The last plan of a run, then planned once more with the same inputs: it must change nothing. */
function settled(release: Release, ...inputs: Inputs[]) {
  const plans = run(release, ...inputs);
  const last = plans.at(-1);
  if (!last) throw new Error('no inputs');
  const again = step(last.release, inputs.at(-1));
  expect(again.status).toEqual(last.status);
  expect(again.actions).toEqual([]);
  return last;
}

const stop = (overrides: Partial<StopSwitch> = {}): StopSwitch => ({
  scope: 'fleet',
  by: 'alice',
  reason: 'incident 42',
  at: '2026-01-05T09:00:00Z',
  ...overrides,
});

describe('planRelease: waves in order', () => {
  it('a new release delivers the first wave only, and says so', () => {
    const p = settled(aRelease(), { observed: [notYet('staging')] });
    expect(p.actions).toEqual([
      { kind: 'deliver', cluster: 'staging', commit: COMMIT },
      {
        kind: 'report',
        report: expect.objectContaining({ phase: 'Progressing', commit: COMMIT }) as unknown,
      },
    ]);
    expect(stateOf(p.release)).toEqual([
      'staging:delivering',
      'prod-eu:pending',
      'prod-us:pending prod-ap:pending',
    ]);
  });

  it.each([
    ['the commit is not applied yet', notYet('staging'), 'staging:delivering'],
    [
      'its Rollout has not seen the update',
      applied('staging', { statusCurrent: false, phase: 'Healthy' }),
      'staging:progressing',
    ],
    ['its Rollout is progressing', applied('staging'), 'staging:progressing'],
    [
      'an analysis has not passed',
      healthy('staging', { analysesPassed: false }),
      'staging:progressing',
    ],
    [
      'its Rollout is Healthy on another commit',
      healthy('staging', { commit: 'older' }),
      'staging:healthy',
    ],
  ])('wave 2 waits while %s', (_what, observation, state) => {
    const p = settled(aRelease(), {}, { observed: [observation], now: T0 + MIN });
    expect(stateOf(p.release)[0]).toBe(state);
    expect(p.release.status?.waves[1]?.clusters[0]?.state).toBe(
      state === 'staging:healthy' ? 'delivering' : 'pending',
    );
  });

  it('a Rollout healthy on a later revision than the one the commit made is not the release healthy', () => {
    const p = settled(
      aRelease(),
      {},
      { observed: [applied('staging', { revision: 2 })], now: T0 + MIN },
      { observed: [healthy('staging', { revision: 3 })], now: T0 + 2 * MIN },
    );
    expect(stateOf(p.release)[0]).toBe('staging:progressing');
  });

  it('healthy, then the soak, then the next wave; Succeeded when the last is healthy', () => {
    const plans = run(
      aRelease(),
      {},
      { observed: [healthy('staging')], now: T0 + MIN },
      { observed: [healthy('prod-eu')], now: T0 + 5 * MIN },
      { observed: [healthy('prod-eu')], now: T0 + 34 * MIN },
      { observed: [healthy('prod-eu')], now: T0 + 35 * MIN },
      { observed: [healthy('prod-us'), healthy('prod-ap')], now: T0 + 40 * MIN },
    );
    const [, toEu, euHealthy, stillSoaking, soaked, done] = plans;
    expect(toEu?.actions.filter((a) => a.kind === 'deliver')).toEqual([
      { kind: 'deliver', cluster: 'prod-eu', commit: COMMIT },
    ]);
    expect(euHealthy?.release.status?.waves[1]).toMatchObject({
      healthyAt: '2026-01-05T10:05:00Z',
      soakUntil: '2026-01-05T10:35:00Z',
    });
    expect(euHealthy?.nextAt).toBe(T0 + 35 * MIN);
    expect(kinds(stillSoaking!)).toEqual([]);
    expect(
      soaked?.actions.filter((a) => a.kind === 'deliver').map((a) => 'cluster' in a && a.cluster),
    ).toEqual(['prod-us', 'prod-ap']);
    expect(done?.status).toMatchObject({
      phase: 'Succeeded',
      healthyAt: '2026-01-05T10:40:00Z',
      finishedAt: '2026-01-05T10:40:00Z',
    });
    expect(done?.actions).toEqual([
      { kind: 'report', report: expect.objectContaining({ phase: 'Succeeded' }) as unknown },
    ]);
  });

  it('a cluster where the commit changed no Rollout is healthy once the commit is applied', () => {
    const p = settled(
      aRelease(),
      {},
      {
        observed: [{ cluster: 'staging', appliedCommit: COMMIT, rollouts: [] }],
        now: T0 + MIN,
      },
    );
    expect(stateOf(p.release).slice(0, 2)).toEqual(['staging:healthy', 'prod-eu:delivering']);
  });

  it('a cluster that could not be read keeps its state', () => {
    const p = settled(aRelease(), {}, { observed: [], now: T0 + MIN });
    expect(stateOf(p.release)[0]).toBe('staging:delivering');
  });

  it('a healthy cluster that stops being so before its soak ends restarts the soak', () => {
    const p = settled(
      aRelease(),
      {},
      { observed: [healthy('staging')], now: T0 + MIN },
      { observed: [healthy('prod-eu')], now: T0 + 2 * MIN },
      { observed: [applied('prod-eu', { phase: 'Progressing' })], now: T0 + 3 * MIN },
    );
    expect(p.release.status?.waves[1]).not.toHaveProperty('soakUntil');
    expect(stateOf(p.release)[1]).toBe('prod-eu:progressing');
  });
});

describe('planRelease: failure', () => {
  const inWaveThree = (release: Release, ...later: Inputs[]) =>
    settled(
      release,
      {},
      { observed: [healthy('staging')], now: T0 + MIN },
      { observed: [healthy('prod-eu')], now: T0 + 2 * MIN },
      { observed: [healthy('prod-eu')], now: T0 + 40 * MIN },
      ...later,
    );

  it.each([
    ['aborted', { aborted: true, phase: 'Degraded' as const }, 'the Rollout was aborted'],
    ['Degraded', { phase: 'Degraded' as const }, 'the Rollout is Degraded'],
  ])(
    'a Rollout %s in wave 2 halts the release; wave 3 never gets the commit',
    (_what, rollout, reason) => {
      const p = settled(
        aRelease(),
        {},
        { observed: [healthy('staging')], now: T0 + MIN },
        { observed: [applied('prod-eu', rollout)], now: T0 + 2 * MIN },
        { observed: [healthy('prod-eu')], now: T0 + 60 * MIN },
      );
      expect(p.release.status).toMatchObject({
        phase: 'Failed',
        failure: {
          cluster: 'prod-eu',
          namespace: 'shop',
          name: 'web',
          reason,
          at: '2026-01-05T10:02:00Z',
        },
        finishedAt: '2026-01-05T10:02:00Z',
      });
      expect(stateOf(p.release)).toEqual([
        'staging:healthy',
        'prod-eu:failed',
        'prod-us:pending prod-ap:pending',
      ]);
    },
  );

  it('halt leaves the other clusters of the wave to their own Rollouts', () => {
    const p = inWaveThree(aRelease(), {
      observed: [applied('prod-us', { phase: 'Degraded' }), applied('prod-ap')],
      now: T0 + 41 * MIN,
    });
    expect(kinds(p)).toEqual(['report']);
    expect(stateOf(p.release)[2]).toBe('prod-us:failed prod-ap:progressing');
  });

  it('abortAll aborts the Rollouts of the commit still progressing elsewhere, once each', () => {
    const release = aRelease({ onFailure: 'abortAll' });
    const p = inWaveThree(release, {
      observed: [applied('prod-us', { phase: 'Degraded' }), applied('prod-ap')],
      now: T0 + 41 * MIN,
    });
    expect(p.actions.filter((a) => a.kind === 'abort')).toEqual([
      {
        kind: 'abort',
        cluster: 'prod-ap',
        namespace: 'shop',
        name: 'web',
        reason: 'release of c0ffee1 failed in prod-us',
      },
    ]);
    expect(stateOf(p.release)).toEqual([
      'staging:healthy',
      'prod-eu:healthy',
      'prod-us:failed prod-ap:aborted',
    ]);
  });

  it('abortAll reaches a cluster whose apply is seen only after the failure, and spares Healthy ones', () => {
    const release = aRelease({ onFailure: 'abortAll' });
    const p = inWaveThree(
      release,
      {
        observed: [applied('prod-us', { phase: 'Degraded' }), notYet('prod-ap')],
        now: T0 + 41 * MIN,
      },
      { observed: [applied('prod-ap')], now: T0 + 42 * MIN },
    );
    expect(kinds(p)).toEqual(['abort', 'report']);
    const spared = inWaveThree(release, {
      observed: [applied('prod-us', { phase: 'Degraded' }), healthy('prod-ap')],
      now: T0 + 41 * MIN,
    });
    expect(kinds(spared)).toEqual(['report']);
    expect(stateOf(spared.release)[2]).toBe('prod-us:failed prod-ap:healthy');
  });
});

describe('planRelease: windows, freezes and stop switches', () => {
  const friday = {
    windows: [],
    freezes: [{ fromMs: T0 + 2 * MIN, untilMs: T0 + 60 * MIN, reason: 'release party' }],
  };

  it('a closed gate keeps the next wave from starting and says until when', () => {
    const p = settled(
      aRelease(),
      {},
      { observed: [healthy('staging')], now: T0 + 3 * MIN, windows: friday },
    );
    expect(p.release.status).toMatchObject({
      phase: 'Held',
      heldBy: { kind: 'freeze', reason: 'freeze: release party', until: '2026-01-05T11:00:00Z' },
    });
    expect(p.nextAt).toBe(T0 + 60 * MIN);
    expect(stateOf(p.release)[1]).toBe('prod-eu:pending');
    const later = step(p.release, {
      observed: [healthy('staging')],
      now: T0 + 60 * MIN,
      windows: friday,
    });
    expect(kinds(later)).toEqual(['deliver', 'report']);
    expect(later.status.phase).toBe('Progressing');
    expect(later.status).not.toHaveProperty('heldBy');
  });

  it('a stop switch holds the in-flight Rollouts at their step, and its clearing releases them', () => {
    const inFlight = [applied('staging')];
    const stopped = settled(aRelease(), {}, { observed: inFlight, now: T0 + MIN, stops: [stop()] });
    expect(stopped.actions).toEqual([
      {
        kind: 'hold',
        cluster: 'staging',
        namespace: 'shop',
        name: 'web',
        mode: 'step',
        reason: 'stopped by alice at 2026-01-05T09:00:00Z: incident 42',
      },
      { kind: 'report', report: expect.objectContaining({ phase: 'Held' }) as unknown },
    ]);
    expect(stopped.nextAt).toBeUndefined();
    const cleared = step(stopped.release, { observed: inFlight, now: T0 + 2 * MIN });
    expect(cleared.actions).toEqual([
      { kind: 'release', cluster: 'staging', namespace: 'shop', name: 'web' },
      { kind: 'report', report: expect.objectContaining({ phase: 'Progressing' }) as unknown },
    ]);
  });

  it('a hold whose handler died before writing the status is released once the stop is cleared', () => {
    const delivered = step(aRelease(), {}).release;
    // The hold ran, the status write did not: the Rollout carries the hold, the record does not.
    const stale = [applied('staging', { releaseHold: 'step' })];
    const p = settled(delivered, { observed: stale, now: T0 + MIN });
    expect(p.actions.filter((a) => a.kind !== 'report')).toEqual([
      { kind: 'release', cluster: 'staging', namespace: 'shop', name: 'web' },
    ]);
    const releasedSeen = step(p.release, { observed: [applied('staging')], now: T0 + 2 * MIN });
    expect(releasedSeen.actions).toEqual([]);
  });

  it.each([
    ['the fleet', stop(), true],
    ['that cluster', stop({ scope: 'cluster', cluster: 'staging' }), true],
    ['another cluster', stop({ scope: 'cluster', cluster: 'prod-eu' }), false],
    ['the namespace everywhere', stop({ scope: 'namespace', namespace: 'shop' }), true],
    [
      'the namespace in that cluster',
      stop({ scope: 'namespace', namespace: 'shop', cluster: 'staging' }),
      true,
    ],
    [
      'the namespace in another cluster',
      stop({ scope: 'namespace', namespace: 'shop', cluster: 'prod-eu' }),
      false,
    ],
    ['another namespace', stop({ scope: 'namespace', namespace: 'billing' }), false],
  ])('a stop switch for %s holds staging: %s', (_what, s, held) => {
    const p = step(aRelease(), { stops: [s] });
    expect(p.status.phase).toBe(held ? 'Held' : 'Progressing');
    expect(kinds(p)).toEqual(held ? ['report'] : ['deliver', 'report']);
  });

  it('a stop switch does not keep abortAll from aborting', () => {
    const p = settled(
      aRelease({ waves: [aWave(['staging', 'prod-eu'])], onFailure: 'abortAll' }),
      {},
      {
        observed: [applied('staging', { phase: 'Degraded' }), applied('prod-eu')],
        now: T0 + MIN,
        stops: [stop()],
      },
    );
    expect(kinds(p)).toEqual(['abort', 'report']);
  });

  it('a Healthy Rollout is not held', () => {
    const p = settled(
      aRelease({ waves: [aWave(['staging', 'prod-eu'])] }),
      {},
      { observed: [healthy('staging'), applied('prod-eu')], now: T0 + MIN, stops: [stop()] },
    );
    expect(
      p.actions.filter((a) => a.kind === 'hold').map((a) => 'cluster' in a && a.cluster),
    ).toEqual(['prod-eu']);
  });
});

describe('planRelease: lockstep', () => {
  const release = aRelease({ waves: [aWave(['prod-us', 'prod-ap'], { lockstep: true })] });
  const pausedAt = (stepIndex: number) => ({ phase: 'Paused' as const, paused: true, stepIndex });

  it('holds each at its pauses, and promotes all once every peer is paused at the same step', () => {
    const waiting = settled(
      release,
      {},
      {
        observed: [applied('prod-us', pausedAt(1)), applied('prod-ap', pausedAt(0))],
        now: T0 + MIN,
      },
    );
    expect(waiting.actions.filter((a) => a.kind === 'hold')).toEqual([
      expect.objectContaining({
        cluster: 'prod-us',
        mode: 'pause',
        reason: 'lockstep with its peers',
      }),
      expect.objectContaining({ cluster: 'prod-ap', mode: 'pause' }),
    ]);
    expect(kinds(waiting)).not.toContain('promote');
    const together = settled(waiting.release, {
      observed: [applied('prod-us', pausedAt(1)), applied('prod-ap', pausedAt(1))],
      now: T0 + 2 * MIN,
    });
    expect(together.actions).toEqual([
      { kind: 'promote', cluster: 'prod-us', namespace: 'shop', name: 'web', stepIndex: 1 },
      { kind: 'promote', cluster: 'prod-ap', namespace: 'shop', name: 'web', stepIndex: 1 },
    ]);
  });

  it('holds no blue-green Rollout (no steps to meet at): its pause would never end', () => {
    const bg = { phase: 'Paused' as const, paused: true, stepIndex: undefined };
    const p = settled(
      release,
      {},
      { observed: [applied('prod-us', bg), applied('prod-ap', bg)], now: T0 + MIN },
    );
    expect(kinds(p)).not.toContain('hold');
    expect(kinds(p)).not.toContain('promote');
  });

  it('promotes nothing while a gate of the wave is closed', () => {
    const p = settled(
      release,
      {},
      {
        observed: [applied('prod-us', pausedAt(1)), applied('prod-ap', pausedAt(1))],
        now: T0 + MIN,
        stops: [stop({ scope: 'cluster', cluster: 'prod-ap' })],
      },
    );
    expect(kinds(p)).not.toContain('promote');
    expect(p.actions.filter((a) => a.kind === 'hold').map((a) => 'mode' in a && a.mode)).toEqual([
      'pause',
      'step',
    ]);
  });

  it('releases its holds once the wave is healthy', () => {
    const p = settled(
      release,
      {},
      {
        observed: [applied('prod-us', pausedAt(1)), applied('prod-ap', pausedAt(1))],
        now: T0 + MIN,
      },
      { observed: [healthy('prod-us'), healthy('prod-ap')], now: T0 + 2 * MIN },
    );
    expect(kinds(p)).toEqual(['release', 'release', 'report']);
    expect(p.status.phase).toBe('Succeeded');
  });
});

describe('planRelease: a newer push', () => {
  it('supersedes an unfinished release: no further wave, holds released, nothing aborted', () => {
    const held = settled(
      aRelease(),
      {},
      { observed: [applied('staging')], now: T0 + MIN, stops: [stop()] },
    );
    const superseded = settled(
      { ...held.release, spec: { ...held.release.spec, supersededBy: 'beef' } },
      { observed: [healthy('staging')], now: T0 + 2 * MIN },
    );
    expect(superseded.status).toMatchObject({ phase: 'Superseded', supersededBy: 'beef' });
    expect(kinds(superseded)).toEqual(['release', 'report']);
    expect(stateOf(superseded.release)[1]).toBe('prod-eu:pending');
  });

  it('does not touch a release that already failed', () => {
    const failed = settled(
      aRelease(),
      {},
      { observed: [applied('staging', { phase: 'Degraded' })], now: T0 + MIN },
    );
    const p = step(
      { ...failed.release, spec: { ...failed.release.spec, supersededBy: 'beef' } },
      { now: T0 + 2 * MIN },
    );
    expect(p.status.phase).toBe('Failed');
    expect(p.actions).toEqual([]);
  });
});
