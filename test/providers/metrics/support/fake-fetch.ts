import type { ProviderContext } from '../../../../src/providers/metrics/types.js';

/** A request as the fake endpoint received it through the injected `fetch`. */
export interface SeenRequest {
  method: string;
  url: string;
  /** Lower-case names, as `Headers` gives them. */
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal | undefined;
}

/** An answer: an HTTP response, or a reason for `fetch` to reject (no answer at all). */
export type Answer =
  | {
      status?: number;
      headers?: Record<string, string>;
      body?: string | ReadableStream<Uint8Array>;
    }
  | { reject: unknown };

export type Endpoint = (request: SeenRequest) => Answer;

export interface FakeFetch {
  fetch: ProviderContext['fetch'];
  /** Every call, in order: nothing leaves the test without being recorded here. */
  calls: SeenRequest[];
}

/** A `fetch` that never opens a socket: `endpoint` answers each request, and every call is recorded. */
export function fakeFetch(endpoint: Endpoint): FakeFetch {
  const calls: SeenRequest[] = [];
  const fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body =
      typeof init.body === 'string'
        ? init.body
        : init.body === undefined || init.body === null
          ? ''
          : String(init.body as unknown);
    const request: SeenRequest = {
      method: init.method ?? 'GET',
      url: String(input),
      headers,
      body,
      signal: init.signal ?? undefined,
    };
    calls.push(request);
    const answer = endpoint(request);
    if ('reject' in answer) throw answer.reject;
    return Promise.resolve(
      new Response(answer.body ?? '', {
        status: answer.status ?? 200,
        headers: answer.headers ?? {},
      }),
    );
  };
  return { fetch, calls };
}

export const ECHO_MARKER = 'conformance-echo';

/**
 * The whole request as an echoing server would repeat it: headers first (so a cut excerpt still
 * holds them), then URL and body, then the same again base64'd and form-encoded, as services that
 * log or forward requests do.
 */
export function echoOf(request: SeenRequest): string {
  const text = JSON.stringify({
    headers: request.headers,
    method: request.method,
    url: request.url,
    body: request.body,
  });
  const b64 = Buffer.from(text).toString('base64');
  return `${ECHO_MARKER} ${text} b64=${b64} ${new URLSearchParams({ request: text }).toString()}`;
}

/** A body of `total` bytes made on demand, counting what the reader pulled (a bound shows as a small count). */
export function aHugeBody(
  total: number,
  chunkBytes = 64 * 1024,
): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new TextEncoder().encode('x'.repeat(chunkBytes));
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, pulled: () => sent };
}

/** A body that sends a little and then breaks (a connection reset mid-body). */
export function aBrokenBody(): ReadableStream<Uint8Array> {
  let first = true;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!first) return controller.error(new TypeError('terminated: other side closed'));
      first = false;
      controller.enqueue(new TextEncoder().encode('{"status":"succ'));
    },
  });
}
