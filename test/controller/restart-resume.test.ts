import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createController, type Controller } from '../../src/controller/controller.js';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

// The controller keeps no state of its own: a new process that starts mid-rollout picks up from
// what the cluster says (its resync sweep), and the rollout ends in the same state.
let w: World;
const controllers: Controller[] = [];
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(async () => {
  for (const c of controllers) c.stop();
  await w.close();
});

function startController(): Controller {
  const c = createController({
    kube: w.kube,
    fetch: () => Promise.reject(new Error('this test measures no metrics')),
    timers: {
      now: () => w.h.clock.now(),
      setTimeout: (fn, ms) => setTimeout(fn, Math.min(ms, 5)),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
  controllers.push(c);
  return c;
}

async function drive(c: Controller, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) {
    w.h.clock.advance(1000);
    await w.h.settle();
    await c.resync();
    await c.scheduler.idle();
    await w.h.settle();
  }
}

describe('controller restart mid-rollout', () => {
  it('a fresh controller finishes the rollout from the cluster state alone', async () => {
    await w.h.req(
      'POST',
      RO,
      aCanaryRollout('shop', {
        steps: [
          { setWeight: 20 },
          { pause: { duration: 10 } },
          { setWeight: 60 },
          { pause: { duration: 10 } },
        ],
      }),
    );
    const first = startController();
    await drive(first, 3000);
    await w.setImage('registry.example/shop:v2');
    await drive(first, 4000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    first.stop(); // the process dies mid-pause

    w.h.clock.advance(30_000); // nobody is watching while the pause expires
    await w.h.settle();
    const second = startController();
    await drive(second, 20_000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 4 });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });
});
