/** The fields of a Kubernetes `Status` body this client reads. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

export interface KubeApiErrorInit {
  status: number;
  message: string;
  reason?: string;
  retryable?: boolean;
  details?: KubeStatus['details'];
  method?: string;
  path?: string;
  cause?: unknown;
  /** Attempts the client made before this error (default 1). */
  attempts?: number;
  /** How long the server asked the client to wait (`Retry-After`), in ms. */
  retryAfterMs?: number;
}

/**
 * A failed Kubernetes API call (STYLE: boundary errors carry `code`, `retryable` and the HTTP status).
 * `status` 0 means the request never got an answer (network failure or timeout). Messages carry the
 * method, path and the server's Status message, never request headers (which hold credentials).
 */
export class KubeApiError extends Error {
  readonly code = 'KubeApiError' as const;
  readonly status: number;
  readonly reason?: string;
  readonly retryable: boolean;
  readonly details?: KubeStatus['details'];
  readonly method?: string;
  readonly path?: string;
  /** How many times the client sent the request before giving up (1: it was not repeated). */
  readonly attempts: number;
  /** The wait the server asked for (a 429's or 503's `Retry-After`), in ms, when it named one. */
  readonly retryAfterMs?: number;

  constructor(init: KubeApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'KubeApiError';
    this.status = init.status;
    if (init.reason !== undefined) this.reason = init.reason;
    if (init.details !== undefined) this.details = init.details;
    if (init.method !== undefined) this.method = init.method;
    if (init.path !== undefined) this.path = init.path;
    this.retryable = init.retryable ?? isRetryableStatus(init.status);
    this.attempts = init.attempts ?? 1;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * A write lost an optimistic-concurrency race (409 Conflict). 409 AlreadyExists is a different
   * outcome (a deterministic name already taken) and has its own getter.
   */
  get isConflict(): boolean {
    return this.status === 409 && this.reason !== 'AlreadyExists';
  }

  get isAlreadyExists(): boolean {
    return this.status === 409 && this.reason === 'AlreadyExists';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** 410: a watch or continue token asked for history the server no longer keeps. */
  get isGone(): boolean {
    return this.status === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }

  /** Builds the error from an HTTP answer, preferring the Kubernetes Status body when there is one. */
  static fromResponse(
    status: number,
    bodyText: string,
    method: string,
    path: string,
    retryAfterMs?: number,
  ): KubeApiError {
    const parsed = parseStatus(bodyText);
    const message = parsed?.message ?? (bodyText.trim().slice(0, 200) || `HTTP ${status}`);
    return new KubeApiError({
      status,
      message: `${method} ${path}: ${status}${parsed?.reason ? ` ${parsed.reason}` : ''}: ${message}`,
      ...(parsed?.reason ? { reason: parsed.reason } : {}),
      ...(parsed?.details ? { details: parsed.details } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      method,
      path,
    });
  }

  /** Builds the error from a watch ERROR event's Status object. */
  static fromStatus(s: KubeStatus, method: string, path: string): KubeApiError {
    const status = typeof s.code === 'number' ? s.code : 500;
    return new KubeApiError({
      status,
      message: `${method} ${path}: ${status}${s.reason ? ` ${s.reason}` : ''}: ${s.message ?? 'watch error'}`,
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.details ? { details: s.details } : {}),
      method,
      path,
    });
  }

  /** The last attempt's error once the client stops repeating a request: same fields, the count in the message. */
  static gaveUp(last: KubeApiError, attempts: number, elapsedMs: number): KubeApiError {
    return new KubeApiError({
      status: last.status,
      message: `${last.message} (gave up after ${attempts} attempts in ${(elapsedMs / 1000).toFixed(1)} s)`,
      retryable: last.retryable,
      attempts,
      cause: last.cause ?? last,
      ...(last.reason !== undefined ? { reason: last.reason } : {}),
      ...(last.details !== undefined ? { details: last.details } : {}),
      ...(last.method !== undefined ? { method: last.method } : {}),
      ...(last.path !== undefined ? { path: last.path } : {}),
    });
  }

  /** No answer: the connection failed, was reset, or the request timed out. Always retryable. */
  static network(cause: unknown, method: string, path: string, timedOutMs?: number): KubeApiError {
    const why =
      timedOutMs !== undefined
        ? `no answer within ${timedOutMs} ms`
        : cause instanceof Error
          ? cause.message
          : String(cause);
    return new KubeApiError({
      status: 0,
      message: `${method} ${path}: ${why}`,
      reason: timedOutMs !== undefined ? 'Timeout' : 'NetworkError',
      retryable: true,
      method,
      path,
      cause,
    });
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

function parseStatus(text: string): KubeStatus | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && (body as KubeStatus).kind === 'Status')
      return body as KubeStatus;
  } catch {
    /* not JSON: a proxy or load balancer answered */
  }
  return undefined;
}
