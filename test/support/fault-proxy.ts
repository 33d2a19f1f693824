import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP proxy on loopback in front of a Kubernetes API (the devcluster), failing a chosen
 * fraction of requests the way API servers and the networks before them do, from a seeded PRNG so
 * a run can be repeated:
 * - `500`, `503`: a Status answer, the request never forwarded;
 * - `429`: a Status answer with `Retry-After` (seconds), never forwarded;
 * - `409`: a Conflict, for PUT and PATCH only (a GET or a create never answers Conflict);
 * - `drop`: the request IS forwarded and processed, then the connection is destroyed mid-response
 *   (a watch after a short while), so the client cannot tell whether a write landed.
 * It counts what it did, per fault and in all.
 */
export type FaultKind = '500' | '503' | '429' | '409' | 'drop';

export interface FaultProxyOptions {
  /** The API server, e.g. `http://127.0.0.1:6443`. */
  target: string;
  /** Fraction of requests failed, 0..1. */
  rate: number;
  seed?: number;
  /** The faults drawn from, uniformly. Default all five. */
  kinds?: FaultKind[];
  /** The 429's `Retry-After`. Default 1. */
  retryAfterSeconds?: number;
  /** Told of every fault injected (for logs). */
  onFault?: (fault: FaultKind, method: string, path: string) => void;
}

export interface FaultCounts {
  requests: number;
  forwarded: number;
  faults: Record<FaultKind, number>;
}

export interface FaultProxy {
  url: string;
  counts: FaultCounts;
  /** Changes the fault rate from now on (0: a plain proxy). */
  setRate(rate: number): void;
  close(): Promise<void>;
}

const ALL_KINDS: FaultKind[] = ['500', '503', '429', '409', 'drop'];

/** mulberry32: a tiny seeded PRNG, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startFaultProxy(opts: FaultProxyOptions): Promise<FaultProxy> {
  const random = seededRandom(opts.seed ?? 1);
  const target = new URL(opts.target);
  const counts: FaultCounts = {
    requests: 0,
    forwarded: 0,
    faults: { 500: 0, 503: 0, 429: 0, 409: 0, drop: 0 },
  };
  let rate = opts.rate;

  const pick = (req: IncomingMessage): FaultKind | undefined => {
    if (random() >= rate) return undefined;
    const canConflict = req.method === 'PUT' || req.method === 'PATCH';
    const kinds = (opts.kinds ?? ALL_KINDS).filter((k) => k !== '409' || canConflict);
    return kinds[Math.floor(random() * kinds.length)];
  };

  const server: Server = createServer((req, res) => {
    counts.requests++;
    const fault = pick(req);
    if (fault !== undefined) {
      counts.faults[fault]++;
      opts.onFault?.(fault, req.method ?? '', req.url ?? '');
    }
    if (fault === undefined || fault === 'drop') {
      counts.forwarded++;
      forward(req, res, target, fault === 'drop' ? random() : undefined);
      return;
    }
    req.resume();
    const code = Number(fault);
    const reason = {
      500: 'InternalError',
      503: 'ServiceUnavailable',
      429: 'TooManyRequests',
      409: 'Conflict',
    }[fault];
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (fault === '429') headers['retry-after'] = String(opts.retryAfterSeconds ?? 1);
    res.writeHead(code, headers);
    res.end(
      JSON.stringify({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code,
        reason,
        message: `injected by the fault proxy (${fault})`,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    counts,
    setRate: (r) => (rate = r),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Passes the request through; with `dropAt` (0..1), destroys the connection part-way through the answer. */
function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  dropAt: number | undefined,
): void {
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    },
    (up) => {
      if (dropAt === undefined) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      if (/[?&]watch=(true|1)/.test(req.url ?? '')) {
        // A watch: pass events for a short while, then cut it.
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        setTimeout(() => destroyBoth(res, up), 50 + dropAt * 500);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const body = Buffer.concat(chunks);
        const { 'transfer-encoding': _chunked, ...headers } = up.headers;
        res.writeHead(up.statusCode ?? 502, { ...headers, 'content-length': String(body.length) });
        res.write(body.subarray(0, Math.floor(body.length * dropAt)));
        destroyBoth(res, up);
      });
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

function destroyBoth(res: ServerResponse, up: IncomingMessage): void {
  up.destroy();
  res.socket?.destroy();
}
