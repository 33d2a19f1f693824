/**
 * A failed GitHub API call (STYLE: boundary errors carry `code`, `retryable` and the HTTP status).
 * `retryAt` (epoch ms) is set when GitHub asked us to slow down (primary or secondary rate limit,
 * 429): callers back off until then instead of retrying at once. Messages carry the method, the
 * route and GitHub's message, never request headers (which hold the token).
 */
export class GitHubError extends Error {
  readonly code = 'GitHubError' as const;
  readonly status: number;
  readonly retryable: boolean;
  readonly retryAt?: number;

  /** `retryable` overrides the status-derived guess, e.g. for a local key that cannot sign (status 0, yet final). */
  constructor(init: {
    status: number;
    message: string;
    retryAt?: number;
    retryable?: boolean;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GitHubError';
    this.status = init.status;
    if (init.retryAt !== undefined) this.retryAt = init.retryAt;
    this.retryable =
      init.retryable ?? (init.retryAt !== undefined || init.status === 0 || init.status >= 500);
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  get isRateLimited(): boolean {
    return this.retryAt !== undefined;
  }
}

interface ResponseLike {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  data?: unknown;
}

/** Builds the error from what octokit threw (a RequestError with the response, or a network error). */
export function toGitHubError(e: unknown, what: string, now: number): GitHubError {
  if (e instanceof GitHubError) return e;
  const err = e as { status?: number; response?: ResponseLike; message?: string };
  const status = typeof err.status === 'number' ? err.status : 0;
  const headers = err.response?.headers ?? {};
  const data = err.response?.data;
  const ghMessage =
    typeof data === 'object' &&
    data !== null &&
    typeof (data as { message?: unknown }).message === 'string'
      ? (data as { message: string }).message
      : undefined;
  // Octokit turns every failed exchange into a RequestError with a status; a bare TypeError is
  // ours, reading an answer that lacks what GitHub's API promises (a 200 without `object.sha`).
  const malformed = status === 0 && err.response === undefined && e instanceof TypeError;
  const outcome = malformed ? 'unexpected answer' : status === 0 ? 'no answer' : status;
  const message = `${what}: ${outcome}: ${redact(ghMessage ?? err.message ?? 'failed')}`;
  const retryAt = rateLimitRetryAt(status, headers, ghMessage ?? '', now);
  return new GitHubError({
    status,
    message,
    ...(retryAt !== undefined ? { retryAt } : {}),
    cause: e,
  });
}

/**
 * When GitHub wants us back (epoch ms), for 429s and the 403s of primary and secondary rate
 * limits: `retry-after` seconds first, then `x-ratelimit-reset` when the budget is spent, else a
 * minute as GitHub's docs advise for secondary limits without a header.
 */
export function rateLimitRetryAt(
  status: number,
  headers: Record<string, string | number | undefined>,
  message: string,
  now: number,
): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers['retry-after']);
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return now + retryAfter * 1000;
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    if (Number.isFinite(reset)) return Math.max(now, reset * 1000);
  }
  if (status === 429 || /rate limit/i.test(message)) return now + 60_000;
  return undefined;
}

/** Tokens never reach logs or statuses, even when an error message quotes a request. */
function redact(text: string): string {
  return text.replace(
    /\b(gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,}|v1\.[0-9a-f]{40})\b/g,
    '[redacted]',
  );
}
