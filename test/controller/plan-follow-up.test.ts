import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reconcileRollout, type ReconcileResult } from '../../src/controller/reconcile-rollout.js';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const ref = { namespace: 'default', name: 'shop' };

/**
 * Drives the Rollout by reconciling it directly (the simulators run only between passes). After
 * every commit that says no other look is needed, a look at once, before anything else can
 * change, must indeed change nothing; every commit is recorded.
 */
async function drive(ms: number, commits: ReconcileResult[]): Promise<void> {
  const deps = { kube: w.kube, now: () => w.h.clock.now() };
  for (let t = 0; t <= ms; t += 250) {
    for (let pass = 0; pass < 20; pass++) {
      const r = await reconcileRollout(deps, ref);
      if (r.outcome !== 'committed') break;
      commits.push(r);
      if (r.lookAgain === false) {
        const again = await reconcileRollout(deps, ref);
        expect(again.outcome, `a look after "${r.plan?.reason}"`).toBe('unchanged');
        expect(again.plan?.actions).toEqual([]);
        break;
      }
    }
    await w.h.settle();
    w.h.clock.advance(250);
  }
}

describe('planFollowUp: whether a commit needs another look at once', () => {
  it('through a canary with timed and indefinite pauses, a commit that says "no" is right, and the Rollout still finishes', async () => {
    await w.h.req(
      'POST',
      RO,
      aCanaryRollout('shop', {
        replicas: 4,
        steps: [{ setWeight: 25 }, { pause: { duration: '1s' } }, { setWeight: 75 }, { pause: {} }],
      }),
    );
    const commits: ReconcileResult[] = [];
    await drive(3000, commits);
    await w.setImage('registry.example/shop:v2');
    await drive(6000, commits);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3);
    expect((await w.rollout()).status?.pauseConditions?.[0]?.reason).toBe('CanaryPauseStep');
    await w.statusPatch({ pauseConditions: null });
    await drive(4000, commits);
    const done = await w.rollout();
    expect(done.status?.phase).toBe('Healthy');
    expect(done.status?.stableRS).toBe(done.status?.currentPodHash);
    // Both kinds occur: commits that leave more to do now, and ones that leave the Rollout waiting.
    expect(commits.filter((c) => c.lookAgain === false).length).toBeGreaterThan(0);
    expect(commits.filter((c) => c.lookAgain === undefined).length).toBeGreaterThan(0);
  });

  it('a timed pause it entered without another look still ends on time', async () => {
    await w.h.req(
      'POST',
      RO,
      aCanaryRollout('shop', { replicas: 2, steps: [{ pause: { duration: '2s' } }] }),
    );
    await drive(2000, []);
    await w.setImage('registry.example/shop:v2');
    const deps = { kube: w.kube, now: () => w.h.clock.now() };
    let paused: ReconcileResult | undefined;
    for (let pass = 0; pass < 20 && !paused; pass++) {
      const r = await reconcileRollout(deps, ref);
      if (r.plan?.status.pauseConditions?.length) paused = r;
      await w.h.settle();
    }
    expect(paused?.lookAgain).toBe(false);
    // The clock has not moved since the pause began: the wake-up is its end (to the millisecond).
    const wait = (paused?.nextReconcileAt ?? 0) - w.h.clock.now();
    expect(wait).toBeGreaterThanOrEqual(2000);
    expect(wait).toBeLessThan(2010);
  });
});
