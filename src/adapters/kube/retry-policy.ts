/**
 * When the kube client repeats a request, and how long it waits (pure; the client's loop is the shell).
 *
 * A request is repeated only when repeating it cannot do what the caller did not ask for:
 * - a read (GET);
 * - a write guarded by the state it was planned on: `metadata.resourceVersion` in the body (PUT or a
 *   merge/strategic patch), a JSON patch with a `test` op, a DELETE with preconditions; if an
 *   earlier attempt did land, the repeat answers 409 and the caller re-plans;
 * - a create with a deterministic name (`metadata.name`, no `generateName`): a repeat answers
 *   409 AlreadyExists, which callers treat as done;
 * - a server-side apply: declarative, so repeating it converges on the same object.
 * An unguarded patch or delete, or a create with `generateName`, is sent once: after a dropped
 * connection nobody knows whether it landed, and sending it again could undo a newer write.
 *
 * Which outcomes are worth another attempt: 429 (the server refused before doing anything; any
 * request), 503 carrying `Retry-After` (likewise), and for repeatable requests also any other 5xx
 * and no answer at all (status 0: reset, refused, timed out). 409 never: it is the
 * optimistic-concurrency signal callers act on. Other 4xx never: repeating cannot fix them.
 */

export interface RetryOptions {
  /** Attempts in all, the first included. Default 8. */
  maxAttempts?: number;
  /** No attempt starts later than this after the first one (the per-attempt timeout bounds the last). Default 15 s. */
  budgetMs?: number;
  /** First backoff; it doubles per attempt up to `maxDelayMs`. Defaults 100 ms and 2 s. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected for tests: uniform in [0, 1), a sleep, and epoch milliseconds. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type RetryPolicy = Required<RetryOptions>;

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 8,
  budgetMs: 15_000,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  random: () => Math.random(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};

/** `false` sends every request once (what a caller with its own loop, like the relay's watch, wants). */
export function buildRetryPolicy(opts: RetryOptions | false | undefined): RetryPolicy {
  if (opts === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
  return { ...DEFAULT_RETRY, ...opts };
}

export interface RequestShape {
  method: string;
  contentType?: string;
  body?: unknown;
}

interface BodyView {
  metadata?: { name?: string; generateName?: string; resourceVersion?: string };
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** True when sending the request twice cannot do more than sending it once (see the file comment). */
export function isRepeatable(req: RequestShape): boolean {
  const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as BodyView;
  switch (req.method) {
    case 'GET':
    case 'HEAD':
      return true;
    case 'PUT':
      return Boolean(body.metadata?.resourceVersion);
    case 'PATCH':
      if (req.contentType === 'application/apply-patch+yaml') return true;
      if (req.contentType === 'application/json-patch+json')
        return Array.isArray(req.body) && req.body.some((op: { op?: string }) => op.op === 'test');
      return Boolean(body.metadata?.resourceVersion);
    case 'POST':
      return Boolean(body.metadata?.name) && !body.metadata?.generateName;
    case 'DELETE':
      return Boolean(body.preconditions?.uid || body.preconditions?.resourceVersion);
    default:
      return false;
  }
}

/** What one attempt came back with: an HTTP status (0: no answer) and its `Retry-After`, in ms. */
export interface AttemptOutcome {
  status: number;
  retryAfterMs?: number;
}

/** True when the outcome is worth another attempt of this request. */
export function isRetryableOutcome(outcome: AttemptOutcome, repeatable: boolean): boolean {
  const { status } = outcome;
  if (status === 429) return true;
  if (status === 503 && outcome.retryAfterMs !== undefined) return true;
  return repeatable && (status === 0 || status >= 500);
}

/**
 * The wait before attempt `retry + 1` (retry 0 is the first repeat): "equal jitter", uniform in
 * [cap/2, cap] with cap = min(max, base·2^retry), so repeats neither stampede nor stall.
 */
export function computeBackoff(
  retry: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return cap / 2 + (random() * cap) / 2;
}

/** `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * The wait before the next attempt, or undefined to give up: attempts used up, or the wait (at
 * least what the server asked for) would end past the budget.
 */
export function planRetry(
  outcome: AttemptOutcome,
  attempt: number,
  elapsedMs: number,
  repeatable: boolean,
  policy: RetryPolicy,
): number | undefined {
  if (attempt >= policy.maxAttempts || !isRetryableOutcome(outcome, repeatable)) return undefined;
  const delay = Math.max(
    outcome.retryAfterMs ?? 0,
    computeBackoff(attempt - 1, policy, policy.random),
  );
  return elapsedMs + delay > policy.budgetMs ? undefined : delay;
}
