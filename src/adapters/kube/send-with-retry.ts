import { KubeApiError } from './kube-api-error.js';
import { isPatchReflected } from './patch-reflected.js';
import {
  isRepeatable,
  parseRetryAfter,
  planRetry,
  type RequestShape,
  type RetryPolicy,
} from './retry-policy.js';

/** One attempt's answer: status, whole body, and its `Retry-After` header. */
export interface Answer {
  status: number;
  text: string;
  retryAfter: string | null;
}

export interface RetriedRequest extends RequestShape {
  path: string;
  /** A 429 is the answer itself (an eviction refused by a disruption budget), not a reason to wait. */
  refusalIsOutcome?: boolean;
}

const MERGE_PATCH = 'application/merge-patch+json';

/**
 * Sends a request until its answer is final under the retry policy (retry-policy.ts): the 2xx
 * answer, or a `KubeApiError` for the last failure (`attempts` says how many were made).
 * `send` throws a status-0 `KubeApiError` when no answer came.
 *
 * One ambiguity is resolved here: when an attempt of a resourceVersion-guarded merge patch got no
 * answer (or a 5xx) and a repeat then meets 409, the write may have been our own. `readBack` then
 * reads the object; if it shows the patch, the write is reported as done (with that object).
 */
export async function sendWithRetry(
  send: () => Promise<Answer>,
  req: RetriedRequest,
  policy: RetryPolicy,
  readBack: () => Promise<unknown>,
): Promise<Answer> {
  const repeatable = isRepeatable(req);
  const started = policy.now();
  let mayHaveLanded = false;
  for (let attempt = 1; ; attempt++) {
    let error: KubeApiError;
    let retryAfter: string | null = null;
    try {
      const answer = await send();
      if (answer.status >= 200 && answer.status < 300) return answer;
      error = KubeApiError.fromResponse(answer.status, answer.text, req.method, req.path);
      retryAfter = answer.retryAfter;
    } catch (e) {
      if (!(e instanceof KubeApiError)) throw e;
      error = e;
    }
    if (error.isConflict && mayHaveLanded && isGuardedMergePatch(req)) {
      const current = await readBack().catch(() => undefined);
      if (current !== undefined && isPatchReflected(req.body, current))
        return { status: 200, text: JSON.stringify(current), retryAfter: null };
    }
    const retryAfterMs =
      parseRetryAfter(retryAfter, policy.now()) ?? secondsToMs(error.details?.retryAfterSeconds);
    const outcome = {
      status: error.status,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
    const elapsed = policy.now() - started;
    const wait =
      req.refusalIsOutcome && error.status === 429
        ? undefined
        : planRetry(outcome, attempt, elapsed, repeatable, policy);
    if (wait === undefined)
      throw attempt > 1 ? KubeApiError.gaveUp(error, attempt, elapsed) : error;
    // 429 and 503 + Retry-After are refusals; anything else may have been processed before it failed.
    if (
      error.status === 0 ||
      (error.status >= 500 && !(error.status === 503 && retryAfterMs !== undefined))
    )
      mayHaveLanded = true;
    await policy.sleep(wait);
  }
}

function isGuardedMergePatch(req: RetriedRequest): boolean {
  return req.method === 'PATCH' && req.contentType === MERGE_PATCH && isRepeatable(req);
}

function secondsToMs(s: number | undefined): number | undefined {
  return typeof s === 'number' && s >= 0 ? s * 1000 : undefined;
}
