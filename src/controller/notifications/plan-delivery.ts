import type { SendOutcome } from '../../domain/notification.js';

/** How the outbox retries (issue 20 §5): exponential backoff on what a service calls retryable. */
export interface DeliveryPolicy {
  /** The first retry's delay; each next one doubles it (1 s, 2 s, 4 s, 8 s). */
  baseDelayMs: number;
  /** Tries in all, the first included. */
  maxAttempts: number;
  /** A delivery whose event is older than the process's start minus this is dropped, not sent. */
  startWindowMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  baseDelayMs: 1000,
  maxAttempts: 5,
  startWindowMs: 10 * 60_000,
};

/** What to do with a delivery after an attempt: done, try again at a time, or give up (and why). */
export type DeliveryStep =
  { next: 'done' } | { next: 'retry'; at: number } | { next: 'give-up'; reason: string };

/**
 * True for an event from before the process's start minus the window: a restarted controller that
 * finds old claims' events again (or a backlog) must not announce stale news. Pure.
 */
export function isTooOld(at: number, startedAt: number, policy: DeliveryPolicy): boolean {
  return at < startedAt - policy.startWindowMs;
}

/**
 * After attempt number `attempt` (1 for the first) ended with `outcome` at `now`. A service's
 * `retryAfterMs` (429 Retry-After) wins over the backoff when it asks for longer. Pure.
 */
export function planDeliveryStep(
  attempt: number,
  outcome: SendOutcome,
  now: number,
  policy: DeliveryPolicy,
): DeliveryStep {
  if (outcome.ok) return { next: 'done' };
  if (!outcome.retryable) return { next: 'give-up', reason: outcome.reason };
  if (attempt >= policy.maxAttempts)
    return { next: 'give-up', reason: `${outcome.reason} (after ${attempt} attempts)` };
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  return { next: 'retry', at: now + Math.max(backoff, outcome.retryAfterMs ?? 0) };
}
