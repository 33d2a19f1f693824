import { KubeStatusError } from '../api/status-error.js';

/**
 * A deduplicating queue of keys processed after the current write settles (setImmediate), like
 * a controller's workqueue. Conflicts are retried; other failures are reported, never thrown, so
 * a simulator bug cannot take the API server down.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly process: (key: string) => void,
    private readonly report: (message: string) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  stop(): void {
    this.stopped = true;
    this.pending.clear();
  }

  get idle(): boolean {
    return this.pending.size === 0 && !this.scheduled;
  }

  private drain(): void {
    this.scheduled = false;
    const keys = [...this.pending];
    this.pending.clear();
    for (const key of keys) {
      if (this.stopped) return;
      try {
        this.process(key);
      } catch (e) {
        if (e instanceof KubeStatusError && (e.code === 409 || e.code === 404)) {
          if (e.code === 409) this.add(key);
          continue;
        }
        this.report(`simulator: ${key}: ${(e as Error).message}`);
      }
    }
  }
}
