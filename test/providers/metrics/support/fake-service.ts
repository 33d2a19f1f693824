import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** What the provider sent, as the service saw it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Sent as JSON (Content-Type application/json), whatever its type. */
  json?: unknown;
  /** Sent as is (Content-Type text/plain). */
  text?: string;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
  /** Send the status line and headers, then stall this long before the body. */
  stallBodyMs?: number;
}

export type Handler = (req: RecordedRequest) => Reply | Promise<Reply>;

/**
 * A local HTTP service standing in for Prometheus, Graphite, InfluxDB, SkyWalking or a web
 * endpoint: answers through a swappable handler and records every request it gets.
 */
export interface FakeService {
  url: string;
  requests: RecordedRequest[];
  /** Sets how the next requests are answered (a handler, or one reply for all) and forgets the requests seen so far. */
  answer(handler: Handler | Reply): void;
  close(): Promise<void>;
}

export async function startFakeService(
  initial: Handler = () => ({ status: 404 }),
): Promise<FakeService> {
  let handler = initial;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      void Promise.resolve(handler(recorded)).then((reply) =>
        later(reply.delayMs ?? 0, () => send(res, reply, later)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      handler = typeof next === 'function' ? next : () => next;
      requests.length = 0;
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(
  res: ServerResponse,
  reply: Reply,
  later: (ms: number, fn: () => void) => void,
): void {
  if (res.destroyed) return;
  const { body, type } = encode(reply);
  res.writeHead(reply.status ?? 200, { 'Content-Type': type, ...reply.headers });
  if (reply.stallBodyMs === undefined) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  later(reply.stallBodyMs, () => res.end(body));
}

function encode(reply: Reply): { body: string; type: string } {
  if (reply.text !== undefined) return { body: reply.text, type: 'text/plain' };
  if (reply.json !== undefined)
    return { body: JSON.stringify(reply.json), type: 'application/json' };
  if (reply.body === undefined || typeof reply.body === 'string')
    return { body: reply.body ?? '', type: 'text/plain' };
  return { body: JSON.stringify(reply.body), type: 'application/json' };
}

/**
 * Starts a fake service for the enclosing test file (or describe block): started before all its
 * tests, closed after them, and its recorded requests cleared before each test. The handle is
 * live, so it can be captured at module level and used once the tests run.
 */
export function useFakeService(initial?: Handler | Reply): FakeService {
  let current: FakeService | undefined;
  const live = (): FakeService => {
    if (current === undefined)
      throw new Error('the fake service is used before it started (outside a test?)');
    return current;
  };
  beforeAll(async () => {
    current = await startFakeService();
    if (initial !== undefined) current.answer(initial);
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    live().requests.length = 0;
  });
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    answer: (next) => live().answer(next),
    close: () => live().close(),
  };
}

/** An address nothing listens on (a port just released), for "connection refused". */
export async function aClosedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
