import { computeBackoff } from '../../adapters/kube/index.js';

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** A failed reconcile or sync: 0.5 s doubling to 30 s (Node timers and Durable Object alarms alike). */
export const RECONCILE_BACKOFF: BackoffPolicy = { baseDelayMs: 500, maxDelayMs: 30_000 };

/** A broken watch or a refused delivery in the relay: 200 ms doubling to 10 s. */
export const RELAY_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 10_000 };

/**
 * The wait after `failures` failures in a row (none: no wait). The kube client's equal jitter,
 * so every retry in the project has one shape: the cap doubles per failure up to the policy's
 * maximum, and `jitter` in [0, 1] (drawn by the caller) takes up to half of it off so that many
 * objects failing together do not retry together. Jitter 0 waits the whole cap.
 */
export function planBackoff(
  failures: number,
  jitter: number,
  policy: BackoffPolicy = RECONCILE_BACKOFF,
): number {
  if (failures < 1) return 0;
  const spread = Math.min(1, Math.max(0, jitter));
  return computeBackoff(failures - 1, policy, () => 1 - spread);
}
