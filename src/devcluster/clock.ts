/**
 * Time for the devcluster's simulators. Real time for `npm start`; a manual clock lets tests move
 * time forward deterministically (pods become ready, jobs finish) without sleeping.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` once at or after `atMs`. Returns a cancel function. */
  at(atMs: number, fn: () => void): () => void;
}

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  at(atMs: number, fn: () => void): () => void {
    const timer = setTimeout(fn, Math.max(0, atMs - Date.now()));
    timer.unref?.();
    return () => clearTimeout(timer);
  }
}

interface Pending {
  atMs: number;
  seq: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private timers: Pending[] = [];
  private seq = 0;

  constructor(private current = Date.parse('2026-01-01T00:00:00Z')) {}

  now(): number {
    return this.current;
  }

  at(atMs: number, fn: () => void): () => void {
    const entry = { atMs, seq: this.seq++, fn };
    this.timers.push(entry);
    return () => {
      this.timers = this.timers.filter((t) => t !== entry);
    };
  }

  /** Moves time forward, running due timers in time order (timers they schedule run too if due). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => t.atMs <= target)
        .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.atMs);
      due.fn();
    }
    this.current = target;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
