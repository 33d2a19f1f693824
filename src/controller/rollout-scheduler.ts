import { planBackoff } from './dispatch/backoff-plan.js';
import type { RolloutRef } from './load-rollout.js';
import type { ReconcileResult } from './reconcile-rollout.js';

export interface SchedulerTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SchedulerOptions {
  reconcile(ref: RolloutRef): Promise<ReconcileResult>;
  timers: SchedulerTimers;
  /** Rollouts reconciled at once (different Rollouts only; one Rollout is always serial). */
  concurrency?: number;
  onError?(ref: RolloutRef, error: unknown): void;
}

interface Entry {
  ref: RolloutRef;
  running: boolean;
  dirty: boolean;
  timer?: { at: number; handle: unknown };
  failures: number;
}

const key = (r: RolloutRef) => `${r.kind ?? 'Rollout'}/${r.namespace}/${r.name}`;

/**
 * Serialises reconciles per Rollout (DESIGN §3: a keyed queue and timers on Node): hints for a
 * Rollout that is being reconciled collapse into one follow-up run; `nextReconcileAt` becomes a
 * precise timer (a completed reconcile's answer replaces the timer; `scheduleAt` keeps the
 * earliest); failures retry with backoff; a lost race re-plans at once.
 */
export class RolloutScheduler {
  /** Only Rollouts with something pending: queued, running, timed or backing off (memory stays flat). */
  private readonly entries = new Map<string, Entry>();
  /** Keys waiting for a worker, in arrival order (a Set: 10,000 hints at start are O(n), not O(n²)). */
  private readonly ready = new Set<string>();
  private active = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly opts: SchedulerOptions) {}

  enqueue(ref: RolloutRef): void {
    if (this.stopped) return;
    const k = key(ref);
    const e = this.entry(ref);
    if (e.running) {
      e.dirty = true;
      return;
    }
    this.ready.add(k);
    this.pump();
  }

  /** Reconcile at `atMs` unless an earlier wake-up is already set. */
  scheduleAt(ref: RolloutRef, atMs: number): void {
    if (this.stopped) return;
    const e = this.entry(ref);
    if (e.timer && e.timer.at <= atMs) return;
    if (e.timer) this.opts.timers.clearTimeout(e.timer.handle);
    const delay = Math.max(0, atMs - this.opts.timers.now());
    e.timer = {
      at: atMs,
      handle: this.opts.timers.setTimeout(() => {
        e.timer = undefined;
        this.enqueue(ref);
      }, delay),
    };
  }

  stop(): void {
    this.stopped = true;
    for (const e of this.entries.values())
      if (e.timer) this.opts.timers.clearTimeout(e.timer.handle);
    this.ready.clear();
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.ready.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private entry(ref: RolloutRef): Entry {
    const k = key(ref);
    let e = this.entries.get(k);
    if (!e) this.entries.set(k, (e = { ref, running: false, dirty: false, failures: 0 }));
    return e;
  }

  private clearTimer(e: Entry): void {
    if (!e.timer) return;
    this.opts.timers.clearTimeout(e.timer.handle);
    e.timer = undefined;
  }

  /** Entries currently tracked (tests: idle Rollouts are forgotten). */
  get size(): number {
    return this.entries.size;
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 8;
    for (const k of this.ready) {
      if (this.active >= limit) break;
      this.ready.delete(k);
      const e = this.entries.get(k);
      if (!e || e.running) continue;
      e.running = true;
      e.dirty = false;
      this.active++;
      void this.run(e);
    }
    if (this.active === 0 && this.ready.size === 0) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async run(e: Entry): Promise<void> {
    try {
      const result = await this.opts.reconcile(e.ref);
      e.failures = 0;
      if (result.outcome === 'conflict') e.dirty = true;
      // Look again: the new state may allow the next step (unless the commit says it cannot).
      else if (result.outcome === 'committed' && result.lookAgain !== false) e.dirty = true;
      // A reconcile that planned over fresh state says when it needs to look again, all of it: a
      // wake-up an earlier reconcile set (a progress deadline before the pods were Ready) is
      // obsolete, and at 10,000 Rollouts such leftovers are 10,000 timers and a burst of reads.
      if (result.outcome === 'committed' || result.outcome === 'unchanged') this.clearTimer(e);
      if (result.nextReconcileAt !== undefined) this.scheduleAt(e.ref, result.nextReconcileAt);
      if (result.outcome === 'gone') this.entries.delete(key(e.ref));
    } catch (err) {
      e.failures++;
      this.opts.onError?.(e.ref, err);
      this.scheduleAt(e.ref, this.opts.timers.now() + planBackoff(e.failures, Math.random()));
    } finally {
      e.running = false;
      this.active--;
      if (e.dirty && !this.stopped) {
        e.dirty = false;
        this.enqueue(e.ref);
      } else if (!e.timer && e.failures === 0) this.entries.delete(key(e.ref));
      this.pump();
    }
  }
}
