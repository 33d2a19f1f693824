import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../../support/wait-for.js';

/** One request a notification endpoint received. */
export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON when the body is JSON, else the text. */
  body: unknown;
  /** When it arrived (ms since the epoch). */
  at: number;
}

export interface SinkOptions {
  /** The first request to this path is answered 503 (kept in `refused`): the sender must retry. */
  refuseFirst?: string;
}

export interface NotificationSink {
  url: string;
  received: Received[];
  /** Requests answered 503 as `refuseFirst` asked, not in `received`. */
  refused: Received[];
  /** Waits until `count` requests match, then returns them. */
  until(match: (r: Received) => boolean, count?: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A loopback endpoint standing in for a webhook receiver and for Slack's Web API, for the
 * notification journeys: `chat.postMessage` answers `{ok, channel, ts}` as Slack does, anything
 * else 200. Every request is kept, in order of arrival.
 */
export async function startNotificationSink(opts: SinkOptions = {}): Promise<NotificationSink> {
  const received: Received[] = [];
  const refused: Received[] = [];
  let posted = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      if (/json/.test(req.headers['content-type'] ?? '')) {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
      }
      const path = req.url ?? '/';
      const request = { method: req.method ?? 'GET', path, headers: req.headers, body };
      if (path === opts.refuseFirst && !refused.some((r) => r.path === path)) {
        refused.push({ ...request, at: Date.now() });
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'try again' }));
        return;
      }
      received.push({ ...request, at: Date.now() });
      const channel = (body as { channel?: string } | undefined)?.channel;
      const answer = path.endsWith('/chat.postMessage')
        ? { ok: true, channel, ts: `1765000000.${String(++posted).padStart(6, '0')}` }
        : path.endsWith('/chat.update')
          ? { ok: true, channel, ts: (body as { ts?: string }).ts }
          : { received: true };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    refused,
    async until(match, count = 1, timeoutMs = 60_000) {
      try {
        await waitFor(() => received.filter(match).length >= count, timeoutMs);
      } catch {
        const seen = received.map((r) => `${r.method} ${r.path}`).join(', ');
        throw new Error(`waited for ${count} matching notification request(s); received: ${seen}`);
      }
      return received.filter(match);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
