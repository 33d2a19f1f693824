import type { Delivery, SendOutcome } from '../../domain/notification.js';
import type { Redact } from '../../domain/redaction.js';
import type { ServiceContext } from '../../providers/notifications/index.js';
import type { SchedulerTimers } from '../rollout-scheduler.js';
import {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryPolicy,
  isTooOld,
  planDeliveryStep,
} from './plan-delivery.js';

/** The labels of upstream's notification metrics: the Rollout, and the event's type and reason. */
export interface SendLabels {
  namespace: string;
  name: string;
  type: string;
  reason: string;
}

/** What the composition counts (`notification_send*`, `notification_config_problems` in /metrics). */
export interface NotificationMetrics {
  sent?(labels: SendLabels, seconds: number): void;
  failed?(labels: SendLabels, seconds: number): void;
  configProblems?(namespace: string, count: number): void;
}

/** One delivery with the service that sends it (its settings already bound). */
export interface OutboxItem {
  delivery: Delivery;
  send(ctx: ServiceContext): Promise<SendOutcome>;
  labels: SendLabels;
  /** Masks the configuration's secrets in what is logged about this delivery. */
  redact: Redact;
}

export interface OutboxOptions {
  timers: SchedulerTimers;
  /** When this process started: deliveries of events older than this minus the window are dropped. */
  startedAt: number;
  policy?: Partial<DeliveryPolicy>;
  /** What services reach the outside with; `now` is filled in per attempt. */
  context: Omit<ServiceContext, 'now'>;
  metrics?: NotificationMetrics;
  log?: (line: string) => void;
}

/**
 * Sends deliveries off the reconcile's path (issue 20 §5): `enqueue` returns at once; each
 * delivery is tried, and retried with exponential backoff while its service says the refusal is
 * retryable (5xx, 429, network), up to the policy's tries; a send that throws is not retried. In
 * memory: what is pending when the process (or a Worker isolate) ends is lost, never sent twice
 * (its key is already claimed).
 */
export class NotificationOutbox {
  private readonly policy: DeliveryPolicy;
  private readonly log: (line: string) => void;
  private pending = 0;
  private waiters: Array<() => void> = [];

  constructor(private readonly opts: OutboxOptions) {
    this.policy = { ...DEFAULT_DELIVERY_POLICY, ...opts.policy };
    this.log = opts.log ?? (() => undefined);
  }

  enqueue(item: OutboxItem): void {
    this.pending++;
    this.attempt(item, 1).then(
      () => this.release(),
      (e: unknown) => {
        this.log(`notification ${item.delivery.key}: ${item.redact(String(e))}`);
        this.release();
      },
    );
  }

  /** Resolves once nothing is pending or waiting for a retry (tests; a graceful stop). */
  settled(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async attempt(item: OutboxItem, attempt: number): Promise<void> {
    const { delivery } = item;
    const now = this.opts.timers.now();
    const where = `${delivery.trigger} → ${delivery.service.name} (${delivery.subject.namespace}/${delivery.subject.name})`;
    if (isTooOld(delivery.at, this.opts.startedAt, this.policy)) {
      this.log(`notification ${where} dropped: its event is older than the start window`);
      return;
    }
    const started = performance.now();
    // Services never throw by contract (a network failure is a retryable outcome); one that does
    // may have sent already, so the delivery is given up rather than risk sending it twice.
    const outcome = await item
      .send({ ...this.opts.context, now })
      .catch((e: unknown): SendOutcome => ({
        ok: false,
        retryable: false,
        reason: e instanceof Error ? e.message : String(e),
      }));
    const seconds = (performance.now() - started) / 1000;
    const step = planDeliveryStep(attempt, outcome, this.opts.timers.now(), this.policy);
    if (step.next === 'done') {
      this.opts.metrics?.sent?.(item.labels, seconds);
      return;
    }
    if (step.next === 'give-up') {
      this.opts.metrics?.failed?.(item.labels, seconds);
      this.log(`notification ${where} not sent: ${item.redact(step.reason)}`);
      return;
    }
    const reason = outcome.ok ? '' : outcome.reason;
    this.log(`notification ${where} attempt ${attempt} failed, retrying: ${item.redact(reason)}`);
    await new Promise<void>((resolve) =>
      this.opts.timers.setTimeout(resolve, step.at - this.opts.timers.now()),
    );
    await this.attempt(item, attempt + 1);
  }

  private release(): void {
    this.pending--;
    if (this.pending > 0) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
