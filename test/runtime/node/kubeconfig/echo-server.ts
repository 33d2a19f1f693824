import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { TLSSocket } from 'node:tls';

export const tlsFixture = (f: string) =>
  readFileSync(resolve(import.meta.dirname, '../../../fixtures/tls', f));

/** What a test API server saw of one request. */
export interface Seen {
  authorization: string | null;
  /** The client certificate's CN, when one was presented. */
  user: string | null;
}

export interface EchoServer {
  url: string;
  seen: Seen[];
  /** Bearer tokens answered with 401. */
  rejected: Set<string>;
  close(): Promise<void>;
}

/**
 * An API server stand-in that answers every request with what it saw (200), or 401 for a rejected
 * token. `tls: 'ca'` serves HTTPS with the test CA; `'client-cert'` also asks for a client certificate.
 */
export async function startEchoServer(tls?: 'ca' | 'client-cert'): Promise<EchoServer> {
  const seen: Seen[] = [];
  const rejected = new Set<string>();
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const peer = tls ? (req.socket as TLSSocket).getPeerCertificate() : undefined;
    const entry: Seen = {
      authorization: req.headers.authorization ?? null,
      user: (peer?.subject?.CN as string | undefined) ?? null,
    };
    seen.push(entry);
    const token = entry.authorization?.replace(/^Bearer /, '') ?? '';
    res.writeHead(rejected.has(token) ? 401 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(entry));
  };
  const server = tls
    ? createHttpsServer(
        {
          key: tlsFixture('server.key'),
          cert: tlsFixture('server.crt'),
          ca: tlsFixture('ca.crt'),
          requestCert: tls === 'client-cert',
          rejectUnauthorized: tls === 'client-cert',
        },
        handler,
      )
    : createHttpServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    seen,
    rejected,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
