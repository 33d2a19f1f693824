import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderContext } from '../../../src/providers/metrics/types.js';

/** One request as the fake vendor saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake vendor answers: a JSON value (or raw text), after an optional delay. */
export interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Send the status line and headers, then stall before the body. */
  stallBodyMs?: number;
}

export interface FakeVendor {
  url: string;
  requests: SeenRequest[];
  /** Sets how the next requests are answered (a function of the request, or one reply for all). */
  answer(reply: Reply | ((req: SeenRequest) => Reply)): void;
  close(): Promise<void>;
}

/** A local HTTP server standing in for a metrics vendor, recording every request it gets. */
export async function startFakeVendor(): Promise<FakeVendor> {
  const requests: SeenRequest[] = [];
  let handler: (req: SeenRequest) => Reply = () => ({ status: 500, text: 'no answer configured' });
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const seen = { method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      requests.push(seen);
      const reply = handler(seen);
      later(reply.delayMs ?? 0, () => send(res, reply, later));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(reply) {
      handler = typeof reply === 'function' ? reply : () => reply;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: Reply, later: (ms: number, fn: () => void) => void): void {
  const body = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
  const type = reply.text === undefined ? 'application/json' : 'text/plain';
  res.writeHead(reply.status ?? 200, { 'Content-Type': type, ...reply.headers });
  if (reply.stallBodyMs === undefined) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  later(reply.stallBodyMs, () => res.end(body));
}

/** A URL on which nothing listens: connecting is refused. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

/** A provider context over real fetch, with Secrets as `{ name: { key: value } }`. */
export function aContext(overrides: { secrets?: Record<string, Record<string, string>>; settings?: Record<string, string>; now?: number } = {}): ProviderContext {
  const secrets = overrides.secrets ?? {};
  return {
    now: overrides.now ?? NOW,
    fetch: (input, init) => fetch(input, init),
    run: { name: 'canary-run', namespace: 'shop', uid: 'run-uid' },
    secret: (name, key) => Promise.resolve(secrets[name]?.[key]),
    settings: overrides.settings ?? {},
  };
}
