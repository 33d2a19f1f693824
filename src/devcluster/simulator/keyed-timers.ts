import type { Clock } from '../clock.js';

/** At most one pending wake-up per key (a newer one replaces it), all cancelled on stop. */
export class KeyedTimers {
  private readonly timers = new Map<string, () => void>();

  constructor(private readonly clock: Clock) {}

  wakeAt(key: string, atMs: number, fn: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      this.clock.at(atMs, () => {
        this.timers.delete(key);
        fn();
      }),
    );
  }

  cancel(key: string): void {
    this.timers.get(key)?.();
    this.timers.delete(key);
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }
}
