import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OWN } from '../../src/domain/index.js';
import { startWorld, type World } from './world.js';

// Issue 15: pauseConditions[].startTime holds whole seconds, so a timed pause timed from it alone
// ends up to a second early. The precise start rides in our annotation.
let w: World;
beforeEach(async () => {
  w = await startWorld();
});
afterEach(() => w.close());

const isPaused = async () =>
  !!(await w.rollout()).status?.pauseConditions?.some((c) => c.reason === 'CanaryPauseStep');

describe('a timed pause that starts mid-second', () => {
  it('lasts its full duration from the precise start, not from the truncated startTime', async () => {
    await w.deploy({ steps: [{ pause: { duration: 10 } }, { setWeight: 50 }] });
    // Start the update (and so the pause) 900 ms into a second.
    w.h.clock.advance((1900 - (w.h.clock.now() % 1000)) % 1000);
    const startedAt = w.h.clock.now();
    await w.setImage('registry.example/shop:v2');
    const settled = await w.settle();

    const paused = await w.rollout();
    expect(paused.status?.pauseConditions).toEqual([
      {
        reason: 'CanaryPauseStep',
        startTime: new Date(startedAt - 900).toISOString().replace('.000Z', 'Z'),
      },
    ]);
    expect(paused.metadata.annotations?.[OWN.pauseStartedAt]).toBe(
      new Date(startedAt).toISOString(),
    );
    expect(settled.nextReconcileAt).toBe(startedAt + 10_000 + 1);

    // 10.8 s after the truncated startTime, 9.9 s after the real start: still paused.
    await w.advance(9_900, 300);
    expect(w.h.clock.now()).toBe(startedAt + 9_900);
    expect(await isPaused()).toBe(true);
    expect((await w.rollout()).status?.currentStepIndex).toBe(0);

    await w.advance(200, 100);
    expect(await isPaused()).toBe(false);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
  });
});
