/**
 * The delivery ids the hook has accepted within the replay window, so a captured delivery cannot be
 * replayed while its timestamp is still fresh. Memory is bounded: past `capacity` live ids, the
 * oldest is forgotten and its timestamp becomes a floor; a delivery stamped at or below the floor
 * might be one of the forgotten, so it is refused as `'crowded'` (the hook answers 503 and the
 * relay retries with a fresh timestamp and id) instead of being let through. Below capacity an id
 * is refused whatever its timestamp; past it, the guarantee is that no (id, timestamp) pair, which
 * is what a replay repeats, is admitted twice.
 *
 * One ledger per hook instance: in Workers that is one isolate, so replays across isolates are only
 * caught by the timestamp window. The clock is passed in, in unix seconds.
 */
export type LedgerVerdict = 'new' | 'seen' | 'crowded';

export class DeliveryLedger {
  /** id → its timestamp, in insertion order (which is the eviction order). */
  private readonly ids = new Map<string, number>();
  private floor = -Infinity;
  private sweptAt = -Infinity;

  constructor(
    private readonly windowSeconds: number,
    private readonly capacity: number,
  ) {}

  get size(): number {
    return this.ids.size;
  }

  /** Records `id` unless it was seen or might have been; synchronous, so concurrent requests cannot both pass. */
  admit(id: string, timestamp: number, nowSeconds: number): LedgerVerdict {
    if (this.ids.has(id)) return 'seen';
    if (timestamp <= this.floor) return 'crowded';
    // At most one full sweep a second, so a sustained flood costs O(1) per delivery, not O(capacity).
    if (this.ids.size >= this.capacity && nowSeconds > this.sweptAt) this.sweep(nowSeconds);
    while (this.ids.size >= this.capacity) {
      const oldest = this.ids.entries().next().value;
      if (oldest === undefined) break;
      this.ids.delete(oldest[0]);
      this.floor = Math.max(this.floor, oldest[1]);
      if (timestamp <= this.floor) return 'crowded';
    }
    this.ids.set(id, timestamp);
    return 'new';
  }

  /** Lets a delivery the hook could not take (503) be sent again under the same id. */
  release(id: string): void {
    this.ids.delete(id);
  }

  /** Drops ids whose timestamps have left the window: the timestamp check refuses those anyway. */
  private sweep(nowSeconds: number): void {
    this.sweptAt = nowSeconds;
    for (const [id, ts] of this.ids) if (ts + this.windowSeconds < nowSeconds) this.ids.delete(id);
  }
}
