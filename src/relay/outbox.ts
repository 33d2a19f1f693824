import { signDelivery } from '../http/hooks/signature.js';
import type { FetchLike } from '../adapters/kube/index.js';
import { keyOf, type RelayEvent } from './relayed-object.js';
import type { RelayStats } from './relay-stats.js';

export interface OutboxOptions {
  /** The hook URL, e.g. http://127.0.0.1:8080/hooks/kube. */
  target: string;
  secret: string;
  /** How long events gather into one delivery. */
  batchMs: number;
  /** Most events per delivery. */
  maxBatch: number;
  fetch: FetchLike;
  /** Epoch milliseconds, for the deliveries' timestamps. */
  now: () => number;
  /** The wait after `failures` failed deliveries in a row. */
  backoff: (failures: number) => number;
  log: (line: string) => void;
  stats: RelayStats;
}

type Outcome = 'sent' | 'retry' | 'dropped';

/**
 * Events waiting for delivery, deduplicated by uid and type (a later MODIFIED replaces an earlier
 * one), sent in batches one delivery at a time. A 5xx, 408, 429 or network failure puts the batch
 * back in front; other 4xx answers (a wrong secret, a rejected shape) are logged and dropped, since
 * resending cannot fix them and the receiver's resync tick covers the gap.
 */
export class Outbox {
  private queue = new Map<string, RelayEvent>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | undefined;
  private failures = 0;
  private closed = false;

  constructor(private readonly opts: OutboxOptions) {}

  add(e: RelayEvent): void {
    const key = `${keyOf(e.object)}:${e.type}`;
    this.queue.delete(key);
    this.queue.set(key, e);
    this.opts.stats.queueDepth = this.queue.size;
    this.schedule(this.opts.batchMs);
  }

  /** One last attempt at what is still queued, after the in-flight delivery ends. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inflight;
    let outcome: Outcome = 'sent';
    while (this.queue.size > 0 && outcome !== 'retry') outcome = await this.deliver();
    if (this.queue.size > 0)
      this.opts.log(`relay: stopped with ${this.queue.size} events undelivered`);
  }

  private schedule(ms: number): void {
    if (this.timer || this.inflight || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.inflight = this.deliver().then((outcome) => {
        this.inflight = undefined;
        this.failures = outcome === 'retry' ? this.failures + 1 : 0;
        if (this.queue.size > 0)
          this.schedule(outcome === 'retry' ? this.opts.backoff(this.failures) : this.opts.batchMs);
      });
    }, ms);
  }

  private async deliver(): Promise<Outcome> {
    const { stats } = this.opts;
    const batch = [...this.queue].slice(0, this.opts.maxBatch);
    for (const [key] of batch) this.queue.delete(key);
    const outcome = await this.post(batch.map(([, e]) => e));
    if (outcome === 'retry') {
      // Back in front, unless a newer copy of the same event arrived meanwhile.
      const newer = this.queue;
      this.queue = new Map(batch.filter(([key]) => !newer.has(key)));
      for (const [key, e] of newer) this.queue.set(key, e);
    }
    stats.queueDepth = this.queue.size;
    if (outcome === 'sent') {
      stats.eventsDelivered += batch.length;
      stats.lastDeliveryAt = Date.now();
    } else stats.deliveriesFailed++;
    return outcome;
  }

  private async post(events: RelayEvent[]): Promise<Outcome> {
    const body = JSON.stringify({ events });
    const timestamp = Math.floor(this.opts.now() / 1000);
    try {
      const signed = await signDelivery(this.opts.secret, body, {
        timestamp,
        deliveryId: crypto.randomUUID(),
      });
      const res = await this.opts.fetch(this.opts.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signed },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (res.ok || res.status === 409) return 'sent';
      const retry = res.status >= 500 || res.status === 408 || res.status === 429;
      this.opts.log(
        `relay: delivery of ${events.length} events answered ${res.status}${retry ? '; will retry' : '; dropped'}`,
      );
      return retry ? 'retry' : 'dropped';
    } catch (e) {
      this.opts.log(
        `relay: delivery of ${events.length} events failed (${e instanceof Error ? e.message : String(e)}); will retry`,
      );
      return 'retry';
    }
  }
}
