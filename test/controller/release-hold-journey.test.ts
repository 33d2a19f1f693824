import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeOperation } from '../../src/controller/execute-operation.js';
import type { ReleaseHoldMark } from '../../src/domain/fleet.js';
import { OWN } from '../../src/domain/index.js';
import { isoTime } from '../../src/domain/time.js';
import { rollouts } from '../cli/support.js';
import { abortBackToStable, createSwitchNamespace } from './stop-switch-support.js';
import { RO, startWorld, type World } from './world.js';

// Issue 21 §3 (lockstep) and §4 (windows) on a devcluster, through the reconcile both runtimes
// run: a fleet release holds a Rollout by its annotation alone. Mode `step` holds an in-flight
// canary at its step past its timed pause until the mark is removed; mode `pause` holds each
// pause until the release promotes it; abort works while held; `rollouts status` and `get` say
// held, why and until when.
let w: World;
beforeEach(async () => {
  w = await startWorld();
  await createSwitchNamespace(w); // a held Rollout reads the stop switches, as a switch-held one does
});
afterEach(() => w.close());

const STEPS = [{ setWeight: 20 }, { pause: { duration: 5 } }, { setWeight: 60 }, { pause: {} }];
const RELEASE = 'shop-abc1234';

/** What a release writes (`null` removes the mark: what it writes to release the Rollout). */
const mark = (value: ReleaseHoldMark | string | null) =>
  w.h.req(
    'PATCH',
    `${RO}/shop`,
    {
      metadata: {
        annotations: {
          [OWN.releaseHold]: typeof value === 'object' && value ? JSON.stringify(value) : value,
        },
      },
    },
    'application/merge-patch+json',
  );

const heldMessages = async () =>
  (
    await w.kube.list<{ reason?: string; message?: string }>('/api/v1/namespaces/default/events')
  ).items
    .filter((e) => e.reason === 'RolloutHeld')
    .map((e) => e.message);

/** How the release promotes a Rollout past a lockstep pause: the existing promote operation. */
const promote = () =>
  executeOperation(
    { kube: w.kube, now: () => w.h.clock.now() },
    { namespace: 'default', name: 'shop', operation: 'promote', actor: `release:${RELEASE}` },
  );

/** v2 rolled out to its first pause (step 2/4, 5 s): the canary pod is ready and the pause on. */
async function atFirstPause(): Promise<void> {
  await w.deploy({ steps: STEPS });
  await w.setImage('registry.example/shop:v2');
  await w.advance(2_000);
  const ro = await w.rollout();
  expect(ro.status?.currentStepIndex).toBe(1);
  expect(ro.status?.pauseConditions?.map((c) => c.reason)).toEqual(['CanaryPauseStep']);
}

describe('a release holding a Rollout on the devcluster', () => {
  it('mode step holds a canary at its step past its timed pause; removed, it goes on at once', async () => {
    await atFirstPause();
    const until = isoTime(w.h.clock.now() + 3_600_000);
    await mark({ mode: 'step', release: RELEASE, reason: 'deny window "weekend"', until });
    await w.advance(20_000, 1_000); // four times the pause
    const held = await w.rollout();
    const message = `ReleaseHold: held by release ${RELEASE} at step 2/4: deny window "weekend" (until ${until})`;
    expect(held.status?.currentStepIndex).toBe(1);
    expect(held.status?.message).toBe(message);
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    expect(await heldMessages()).toEqual([message]);

    // What a user sees: held, why and until when; `status` does not fail as for Degraded.
    const status = await rollouts(w, ['status', 'shop', '--watch=false']);
    expect(status).toEqual({ code: 0, stdout: `Paused - ${message}\n`, stderr: '' });
    const get = await rollouts(w, ['get', 'rollout', 'shop']);
    expect(get.code).toBe(0);
    expect(get.stdout).toContain(message);

    await mark(null);
    await w.settle(); // the removal is a Rollout update: the relay wakes it, no time passes
    const moved = await w.rollout();
    expect(moved.status?.currentStepIndex).toBe(2);
    expect(moved.status?.message ?? '').not.toMatch(/ReleaseHold/);
    await w.advance(5_000, 1_000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });
  });

  it('mode pause holds each pause past its end until the release promotes it', async () => {
    await atFirstPause();
    await mark({ mode: 'pause', release: RELEASE, reason: 'lockstep with its peers' });
    await w.advance(20_000, 1_000);
    const held = await w.rollout();
    expect(held.status?.currentStepIndex).toBe(1);
    expect(held.status?.pauseConditions?.map((c) => c.reason)).toEqual(['CanaryPauseStep']);
    const at = (step: number) =>
      `ReleaseHold: held by release ${RELEASE} at step ${step}/4 until the release promotes it: lockstep with its peers`;
    expect(held.status?.message).toBe(at(2));

    expect((await promote()).outcome).toBe('done');
    await w.advance(5_000, 1_000);
    const next = await w.rollout();
    expect(next.status?.currentStepIndex).toBe(3); // past setWeight 60, at the indefinite pause
    expect(next.status?.message).toBe(at(4));
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });

    expect((await promote()).outcome).toBe('done');
    await w.advance(5_000, 1_000);
    const done = await w.rollout();
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    expect(done.status?.phase).toBe('Healthy');
    expect(done.status?.message ?? '').not.toMatch(/ReleaseHold/);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    expect((await heldMessages()).sort()).toEqual([at(2), at(4)]); // one Event per pause
  });

  it('abort works while held, here by a hand-edited mark that still holds', async () => {
    await w.deploy({ steps: STEPS });
    await mark('{"mode": "step", oops');
    await w.setImage('registry.example/shop:v2');
    await w.advance(20_000, 1_000);
    // A new revision starts and applies its first step, and goes no further.
    const held = await w.rollout();
    expect(held.status?.currentStepIndex).toBe(0);
    expect(held.status?.message).toBe(
      'ReleaseHold: held by release (unknown) at step 1/4: malformed release hold',
    );
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });

    const aborted = await abortBackToStable(w);
    expect(aborted.status?.message ?? '').not.toMatch(/ReleaseHold/);
  });
});
