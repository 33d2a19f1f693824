import { describe, expect, it } from 'vitest';
import type { RolloutRef } from '../../src/controller/load-rollout.js';
import type { ReconcileResult } from '../../src/controller/reconcile-rollout.js';
import { RolloutScheduler } from '../../src/controller/rollout-scheduler.js';

/** Deterministic timers: `advance` runs due callbacks in time order. */
function fakeTimers() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let id = 0;
  return {
    now: () => now,
    setTimeout(fn: () => void, ms: number) {
      const t = { at: now + ms, fn, id: id++ };
      timers.push(t);
      return t.id;
    },
    clearTimeout(h: unknown) {
      timers = timers.filter((t) => t.id !== h);
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
    },
  };
}

const ref: RolloutRef = { namespace: 'default', name: 'shop' };

describe('RolloutScheduler', () => {
  it('runs one reconcile at a time per Rollout and collapses hints that arrive meanwhile into one follow-up', async () => {
    const timers = fakeTimers();
    let running = 0;
    let maxRunning = 0;
    let calls = 0;
    let release: () => void = () => undefined;
    const s = new RolloutScheduler({
      timers,
      reconcile: async () => {
        calls++;
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (calls === 1) await new Promise<void>((r) => (release = r));
        running--;
        return { outcome: 'unchanged' } satisfies ReconcileResult;
      },
    });
    s.enqueue(ref);
    for (let i = 0; i < 50; i++) s.enqueue(ref);
    release();
    await s.idle();
    expect(maxRunning).toBe(1);
    expect(calls).toBe(2);
  });

  it('wakes a Rollout at nextReconcileAt; an earlier wake-up wins (each reconcile reports its next one)', async () => {
    const timers = fakeTimers();
    const at: number[] = [];
    const s = new RolloutScheduler({
      timers,
      reconcile: async () => {
        at.push(timers.now());
        return {
          outcome: 'unchanged',
          ...(at.length === 1 ? { nextReconcileAt: 10_000 } : {}),
        } satisfies ReconcileResult;
      },
    });
    s.enqueue(ref);
    await s.idle();
    s.scheduleAt(ref, 60_000);
    await timers.advance(9_999);
    expect(at).toEqual([0]);
    await timers.advance(1);
    await s.idle();
    expect(at).toEqual([0, 10_000]);
    // The reconcile at 10s reported no next wake-up, so the superseded 60s one is gone with it.
    await timers.advance(60_000);
    await s.idle();
    expect(at).toEqual([0, 10_000]);
  });

  it('retries a failed reconcile with backoff', async () => {
    const timers = fakeTimers();
    let calls = 0;
    const s = new RolloutScheduler({
      timers,
      reconcile: async () => {
        calls++;
        if (calls < 3) throw new Error('API down');
        return { outcome: 'unchanged' } satisfies ReconcileResult;
      },
    });
    s.enqueue(ref);
    await s.idle();
    expect(calls).toBe(1);
    await timers.advance(600);
    await s.idle();
    expect(calls).toBe(2);
    await timers.advance(1100);
    await s.idle();
    expect(calls).toBe(3);
  });

  it.each([
    ['looks again at once after a commit that may allow the next step', undefined, 2],
    ['waits for its timer after a commit that says another look has nothing to do', false, 1],
  ] as const)('%s', async (_, lookAgain, expectedNow) => {
    const timers = fakeTimers();
    let calls = 0;
    const s = new RolloutScheduler({
      timers,
      reconcile: () => {
        calls++;
        const result: ReconcileResult =
          calls === 1
            ? {
                outcome: 'committed',
                nextReconcileAt: 1000,
                ...(lookAgain === false ? { lookAgain } : {}),
              }
            : // A later look plans over the same state: the wake-up is still wanted until then.
              { outcome: 'unchanged', ...(timers.now() < 1000 ? { nextReconcileAt: 1000 } : {}) };
        return Promise.resolve(result);
      },
    });
    s.enqueue(ref);
    await s.idle();
    expect(calls).toBe(expectedNow);
    await timers.advance(1000);
    await s.idle();
    expect(calls).toBe(expectedNow + 1);
  });

  it('forgets a Rollout once nothing is pending for it, keeps one with a timer or a backoff, and serves 10,000 hints in order', async () => {
    const timers = fakeTimers();
    const order: string[] = [];
    const s = new RolloutScheduler({
      timers,
      concurrency: 4,
      reconcile: async (r) => {
        order.push(r.name);
        if (r.name === 'timed' && timers.now() < 5_000)
          return { outcome: 'unchanged', nextReconcileAt: 5_000 };
        if (r.name === 'failing') throw new Error('API down');
        return { outcome: 'unchanged' } satisfies ReconcileResult;
      },
    });
    const names = Array.from({ length: 10_000 }, (_, i) => `r-${i}`);
    for (const name of names) s.enqueue({ namespace: 'default', name });
    for (const name of names) s.enqueue({ namespace: 'default', name });
    s.enqueue({ namespace: 'default', name: 'timed' });
    s.enqueue({ namespace: 'default', name: 'failing' });
    await s.idle();
    expect(order.slice(0, 10_000)).toEqual(names);
    // A second hint for a queued Rollout collapses; for one already running (the first four) it
    // is one follow-up run.
    expect(order).toHaveLength(10_006);
    expect(order.slice(10_000).sort()).toEqual(['failing', 'r-0', 'r-1', 'r-2', 'r-3', 'timed']);
    // Only the one waiting for its timer and the one backing off are still tracked.
    expect(s.size).toBe(2);
    await timers.advance(6_000);
    await s.idle();
    expect(order.filter((n) => n === 'timed')).toHaveLength(2);
  });

  it('replaces a wake-up an earlier reconcile asked for with what the latest one says', async () => {
    const timers = fakeTimers();
    const at: number[] = [];
    const s = new RolloutScheduler({
      timers,
      reconcile: async () => {
        at.push(timers.now());
        // The first look sets a progress deadline 10 min out; the second finds the Rollout Healthy.
        return {
          outcome: 'unchanged',
          ...(at.length === 1 ? { nextReconcileAt: 600_000 } : {}),
        } satisfies ReconcileResult;
      },
    });
    s.enqueue(ref);
    await s.idle();
    await timers.advance(5_000);
    s.enqueue(ref);
    await s.idle();
    expect(at).toEqual([0, 5_000]);
    expect(s.size).toBe(0);
    await timers.advance(700_000);
    await s.idle();
    expect(at).toEqual([0, 5_000]);
  });
});
