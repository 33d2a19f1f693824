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
 * precise timer (the earliest wins); failures retry with backoff; a lost race re-plans at once.
 */
export class RolloutScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly ready: string[] = [];
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
    if (!this.ready.includes(k)) this.ready.push(k);
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
    this.ready.length = 0;
  }

  /** Resolves when nothing is queued or running (tests and shutdown). */
  idle(): Promise<void> {
    if (this.active === 0 && this.ready.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private entry(ref: RolloutRef): Entry {
    const k = key(ref);
    let e = this.entries.get(k);
    if (!e) this.entries.set(k, (e = { ref, running: false, dirty: false, failures: 0 }));
    return e;
  }

  private pump(): void {
    const limit = this.opts.concurrency ?? 8;
    while (this.active < limit && this.ready.length) {
      const k = this.ready.shift() ?? '';
      const e = this.entries.get(k);
      if (!e || e.running) continue;
      e.running = true;
      e.dirty = false;
      this.active++;
      void this.run(e);
    }
    if (this.active === 0 && this.ready.length === 0) {
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
      }
      this.pump();
    }
  }
}
