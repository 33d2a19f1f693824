import type { ServiceContext } from '../types.js';

/** A request a service built from a delivery: pure data, so tests can read it before it is sent. */
export interface ServiceRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ServiceReply {
  status: number;
  headers: Headers;
  body: string;
}

export type Exchange = { reply: ServiceReply } | { networkError: string };

/** A notification that has not been answered in this long is worth retrying later. */
export const SEND_TIMEOUT_MS = 15_000;

/** Chat APIs answer in a few hundred bytes; a larger answer is cut so a reason stays readable. */
const MAX_BODY_CHARS = 64 * 1024;

/**
 * One HTTP exchange through `ctx.fetch` (Node and Workers alike), bounded by `SEND_TIMEOUT_MS`.
 * Never throws: a refused connection, a DNS failure or a timeout comes back as `networkError`,
 * which every service treats as retryable.
 */
export async function executeRequest(ctx: ServiceContext, req: ServiceRequest): Promise<Exchange> {
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  try {
    const init: RequestInit = { method: req.method, headers: req.headers, signal };
    if (req.body !== undefined) init.body = req.body;
    const response = await ctx.fetch(req.url, init);
    const body = (await response.text()).slice(0, MAX_BODY_CHARS);
    return { reply: { status: response.status, headers: response.headers, body } };
  } catch (err) {
    if (signal.aborted) return { networkError: `no answer within ${SEND_TIMEOUT_MS / 1000}s` };
    return { networkError: describeNetworkError(err) };
  }
}

/** Node's fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (cause instanceof AggregateError && cause.errors[0] instanceof Error) {
    return (cause.errors[0] as Error).message;
  }
  if (cause instanceof Error && cause.message !== '') return cause.message;
  return err.message;
}

/** A JSON POST (every chat and alerting API here takes one); a string body is sent as is. */
export function executeJsonPost(
  ctx: ServiceContext,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Exchange> {
  return executeRequest(ctx, {
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
