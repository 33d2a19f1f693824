import type { ProviderContext } from '../types.js';
import { fail, ok, type Step } from './outcome.js';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  headers?: Headers;
  body?: string;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  body: string;
}

/**
 * The most of a response body a measurement reads: a large Prometheus range answer fits many times
 * over, and a Worker (128 MB) survives a server that answers without end.
 */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * One HTTP exchange through `ctx.fetch` (Workers and Node alike), body included, bounded by
 * `timeoutMs` via `AbortSignal.timeout` and by `MAX_RESPONSE_BYTES`. Never throws: network
 * failures, timeouts and oversized bodies come back as messages naming `what` was attempted (e.g.
 * "Prometheus query to http://prom:9090/api/v1/query").
 */
export async function sendHttp(
  ctx: ProviderContext,
  request: HttpRequest,
  what: string,
  timeoutMs: number,
): Promise<Step<HttpReply>> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const init: RequestInit = { method: request.method, signal, redirect: 'follow' };
    if (request.headers) init.headers = request.headers;
    if (request.body !== undefined) init.body = request.body;
    const response = await ctx.fetch(request.url, init);
    const body = await readBoundedText(response, MAX_RESPONSE_BYTES);
    if (body === undefined)
      return fail(`${what} failed: the response body is larger than ${MAX_RESPONSE_BYTES} bytes`);
    return ok({ status: response.status, headers: response.headers, body });
  } catch (err) {
    if (signal.aborted) return fail(`${what} timed out after ${formatSeconds(timeoutMs)}`);
    return fail(`${what} failed: ${describeNetworkError(err)}`);
  }
}

/** Scheme, host and path of a URL: no user-info, no query string (either may carry credentials). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** True when `value` is an absolute http(s) URL with a host. */
export function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** `base` + `/suffix`, keeping any path prefix of `base` (a Prometheus behind `/prometheus`). */
export function joinUrlPath(base: string, suffix: string): string {
  const u = new URL(base);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}/${suffix.replace(/^\/+/, '')}`;
  return u.toString();
}

/** The body as UTF-8 text, or undefined (and the rest left unread) once it passes `limit` bytes. */
async function readBoundedText(response: Response, limit: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length')) > limit) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** Node's fetch says "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause: unknown = err.cause;
  if (cause instanceof Error) {
    const nested = cause instanceof AggregateError ? (cause.errors[0] as unknown) : undefined;
    const code = (cause as { code?: unknown }).code;
    const text =
      cause.message ||
      (nested instanceof Error ? nested.message : '') ||
      (typeof code === 'string' ? code : '');
    if (text) return text;
  }
  return err.message;
}
