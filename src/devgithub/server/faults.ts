import { DOCS } from '../errors.js';

export interface FaultSpec {
  method?: string;
  /** Tested against the request path (without `/api/v3` and the query). */
  path?: RegExp;
  status: number;
  /** How many matching requests fail. Default 1. */
  times?: number;
  headers?: Record<string, string>;
  /** The answer's body; a string is sent as is. Default: what GitHub sends for that status. */
  body?: unknown;
}

export interface Fault {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** What GitHub answers for a status when the test does not say. */
export function buildFaultBody(status: number, headers: Record<string, string>): unknown {
  const retryAfter = Object.keys(headers).some((h) => h.toLowerCase() === 'retry-after');
  if (status === 429 || (status === 403 && retryAfter))
    return {
      message: SECONDARY,
      documentation_url:
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(status),
    };
  const messages: Record<number, string> = {
    401: 'Bad credentials',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    422: 'Validation Failed',
    500: 'Server Error',
    502: 'Server Error',
    503: 'Service Unavailable',
    504: 'We couldn\u2019t respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.',
  };
  return {
    message: messages[status] ?? 'Server Error',
    documentation_url: DOCS,
    status: String(status),
  };
}

/** `gh.failNext`: queued faults, each taking the next `times` requests it matches. */
export class FaultInjector {
  private readonly queue: { spec: FaultSpec; left: number }[] = [];

  add(spec: FaultSpec): void {
    this.queue.push({ spec, left: spec.times ?? 1 });
  }

  take(method: string, path: string): Fault | undefined {
    const i = this.queue.findIndex(({ spec }) => {
      if (spec.method && spec.method.toUpperCase() !== method) return false;
      if (!spec.path) return true;
      spec.path.lastIndex = 0;
      return spec.path.test(path);
    });
    const entry = this.queue[i];
    if (!entry) return undefined;
    entry.left--;
    if (entry.left <= 0) this.queue.splice(i, 1);
    const headers = entry.spec.headers ?? {};
    return {
      status: entry.spec.status,
      headers,
      body: entry.spec.body ?? buildFaultBody(entry.spec.status, headers),
    };
  }

  clear(): void {
    this.queue.length = 0;
  }
}
